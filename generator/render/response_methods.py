"""How an operation's response kind (:class:`ir.Response`) shows in its generated method.

JSON methods are as they always were. Text methods return ``str``, binary ones a
``BinaryResponse``, event streams ``Stream[T]`` (``AsyncStream[T]`` on the async client), and an
operation with a ``stream`` switch gets overloads (``typing.overload``) so ``stream=True`` is typed as
the stream and anything else as the plain answer. Decisions only; :mod:`generator.render.render` renders.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..parse import ir
from ..common import pysource


@dataclass(frozen=True)
class Overload:
    """One ``@overload`` stub: its keyword arguments and its return annotation."""

    keyword: list[str]
    returns: str


def stream_annotation(events: ir.Events, is_async: bool) -> str:
    return f"{'AsyncStream' if is_async else 'Stream'}[{events.item}]"


def returns(op: ir.Operation, is_async: bool) -> str:
    """The method's return annotation (of the implementation, when it is overloaded)."""
    response = op.response
    if response.kind == "events" and response.events is not None:
        return stream_annotation(response.events, is_async)
    if response.stream_flag is not None and response.events is not None:
        return f"{op.return_annotation} | {stream_annotation(response.events, is_async)}"
    return op.return_annotation


def options(response: ir.Response, kind: str, runtime: Callable[[str], str]) -> list[str]:
    """The ``RequestOptions`` arguments that read a ``kind`` answer (none for JSON)."""
    if kind == "json" or kind == "empty":
        return []
    result = [f"response_kind={pysource.literal(kind)}"]
    if kind == "events" and response.events is not None and response.events.by_event:
        pairs = ", ".join(f"{pysource.literal(name)}: {runtime(model)}" for name, model in response.events.by_event)
        result.append(f"event_types={{{pairs}}}")
    return result


def accept_header(response: ir.Response) -> str | None:
    """The ``Accept`` header to send, when it is not the client's default ``application/json``
    (the answer is not JSON, or JSON of other media types, such as ``application/problem+json``)."""
    default = response.kind == "empty" or (response.kind == "json" and response.accept == "application/json")
    return None if default and response.stream_flag is None else response.accept


def request_lines(
    op: ir.Operation, is_async: bool, request_options: list[str], runtime: Callable[[str], str]
) -> list[str]:
    """The method body: one request, or two behind the ``stream`` switch.

    ``runtime`` spells an annotation as the method body needs it (``Chunk`` -> ``_types.Chunk``).
    """
    awaiting = "await " if is_async else ""
    response = op.response

    def call(target: str, kind: str) -> str:
        args = ", ".join([*request_options, *options(response, kind, runtime)])
        return f"return {awaiting}self._client.request({target}, RequestOptions({args}))"

    plain = "type(None)" if op.return_annotation == "None" else runtime(op.return_annotation)
    if response.kind == "events" and response.events is not None:
        return [call(runtime(stream_annotation(response.events, is_async)), "events")]
    if response.stream_flag is not None and response.events is not None:
        return [
            f"if {response.stream_flag} is True:",
            "    " + call(runtime(stream_annotation(response.events, is_async)), "events"),
            call(plain, response.kind),
        ]
    return [call(plain, response.kind)]


def overloads(op: ir.Operation, keyword: list[str], is_async: bool) -> list[Overload]:
    """The ``typing.overload`` stubs of a method with a ``stream`` switch (none otherwise)."""
    response = op.response
    flag = response.stream_flag
    if flag is None or response.events is None or op.body is None:
        return []
    field = next(f for f in op.body.fields if f.name == flag)
    nullable = " | None" if field.annotation.endswith("| None") else ""
    plain_flag = f"{flag}: Literal[False]{nullable}" + ("" if field.required else " | NotGiven = NOT_GIVEN")
    stream = stream_annotation(response.events, is_async)

    def with_flag(argument: str) -> list[str]:
        return [argument if arg.startswith(f"{flag}: ") else arg for arg in keyword]

    return [
        Overload(with_flag(plain_flag), op.return_annotation),
        Overload(with_flag(f"{flag}: Literal[True]"), stream),
        Overload(with_flag(f"{flag}: bool"), f"{op.return_annotation} | {stream}"),
    ]


def imports(source: str, overloaded: bool) -> tuple[list[str], list[str]]:
    """(``typing`` names, runtime import lines) a resource module's methods need."""
    typing_names = ["Literal", "overload"] if overloaded else []
    lines = []
    if re.search(r"\bBinaryResponse\b", source):
        lines.append("from .._content import BinaryResponse")
    streams = [name for name in ("AsyncStream", "Stream") if re.search(rf"\b{name}\[", source)]
    if streams:
        lines.append(f"from .._streaming import {', '.join(streams)}")
    return typing_names, lines


# Names a resource module imports for response kinds (a model named so is imported under an alias).
MODULE_NAMES = frozenset({"Literal", "overload", "BinaryResponse", "Stream", "AsyncStream"})


def readme_examples(api: ir.Api) -> dict[str, dict[str, str] | None]:
    """One call per kind of answer the API has, for the generated README (``resource``, ``method``,
    ``args``): ``download``, ``text``, ``events`` (a method that always streams) and ``switch`` (one
    whose ``stream`` flag asks for events; ``args`` sets it)."""
    found: dict[str, dict[str, str] | None] = dict.fromkeys(("download", "text", "events", "switch"))
    for resource in api.resources:
        for op in resource.operations:
            response = op.response
            kind = "switch" if response.stream_flag else {"binary": "download", "text": "text", "events": "events"}.get(response.kind)
            if kind is None or found[kind] is not None:
                continue
            arguments = [f'"{p.name}"' if p.annotation == "str" else p.name for p in op.path_parameters]
            if response.stream_flag:
                arguments += ["...", f"{response.stream_flag}=True"]
            flag = f"{response.stream_flag}=True" if response.stream_flag else ""
            found[kind] = {"resource": resource.name, "method": op.name, "args": ", ".join(arguments), "flag": flag}
    return found
