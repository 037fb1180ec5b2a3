"""Servers: the client's default base URL, its ``environment`` choice and server variables,
and the servers a path or an operation has of its own.

- The first root server, its variables at their defaults, is ``DEFAULT_BASE_URL`` (as before).
- Several root servers are environments, chosen by ``environment=`` (the first is the default),
  each named after its ``description`` (``Sandbox server`` -> ``sandbox``), else its host.
- Each variable of the root servers' URLs is a constructor argument: a ``Literal`` of its
  ``enum``, else a ``str``, defaulting to its ``default``.
- A path's or an operation's own ``servers`` (the operation's first) is that operation's base
  URL, its variables at their defaults; ``base_url=`` (or its environment variable) still
  overrides every server, as it always has.
- Those own servers are named (:func:`own_servers`: from the first server's ``description``,
  else its host, as environments are), and the client's ``servers=`` argument points a name at
  another URL: one of the other servers the spec lists for it, or any (a staging or local
  host). This is Fern's answer (each server of an environment named, every URL replaceable)
  without its extension; openapi-python-client and Stainless have one base URL only, and
  Speakeasy's per-call ``server_url`` would add an argument to every method for a few.
"""

from __future__ import annotations

import re
from typing import Any

from . import ir
from ..common import layout, naming, pysource

_GENERIC_WORDS = frozenset({"server", "servers", "environment", "env", "api", "url", "base", "the", "host"})
_VARIABLE = re.compile(r"\{([^{}]+)\}")


def root_url(doc: dict[str, Any]) -> str:
    """The first root server's URL with its variables at their defaults."""
    servers = doc.get("servers") or []
    if servers and isinstance(servers[0], dict) and isinstance(servers[0].get("url"), str):
        return _with_defaults(servers[0])
    return ""


def _with_defaults(server: dict[str, Any]) -> str:
    url = str(server["url"])
    for name, variable in (server.get("variables") or {}).items():
        url = url.replace("{" + str(name) + "}", str((variable or {}).get("default", "")))
    return url.rstrip("/")


def environments(doc: dict[str, Any], taken: set[str]) -> tuple[tuple[ir.Environment, ...], tuple[ir.ServerVariable, ...]]:
    """The root servers as environments (when there are several, or variables to fill) and
    their variables as arguments; nothing when there is one server without variables."""
    servers = [s for s in doc.get("servers") or [] if isinstance(s, dict) and isinstance(s.get("url"), str)]
    variables: dict[str, ir.ServerVariable] = {}
    for server in servers:
        for wire_name, variable in (server.get("variables") or {}).items():
            if wire_name in variables or not isinstance(variable, dict) or f"{{{wire_name}}}" not in server["url"]:
                continue
            name = naming.python_identifier(str(wire_name), avoid=naming.RESERVED | frozenset(taken))
            taken.add(name)
            enum = [str(v) for v in variable.get("enum") or [] if isinstance(v, (str, int, float))]
            annotation = f"Literal[{', '.join(layout.black_strings(pysource.literal(v)) for v in enum)}]" if enum else "str"
            variables[str(wire_name)] = ir.ServerVariable(
                name, str(wire_name), annotation, str(variable.get("default", "")), str(variable.get("description") or "")
            )
    if len(servers) < 2 and not variables:
        return (), ()
    names: list[str] = []
    result = []
    for index, server in enumerate(servers):
        name = _environment_name(server, index)
        while name in names:
            name = f"{name}_{index + 1}"
        names.append(name)
        defaults = tuple(
            (str(k), str((v or {}).get("default", ""))) for k, v in (server.get("variables") or {}).items() if isinstance(v, dict)
        )
        result.append(ir.Environment(name, str(server["url"]).rstrip("/"), str(server.get("description") or ""), defaults))
    return tuple(result), tuple(variables.values())


def _environment_name(server: dict[str, Any], index: int) -> str:
    description = re.split(r"[(:;,.\-–—]", str(server.get("description") or ""), maxsplit=1)[0]
    words = [w for w in naming.snake_case(description).split("_") if w]
    kept = [w for w in words if w not in _GENERIC_WORDS] or words
    if not kept:
        host = re.sub(r"^[a-z]+://", "", str(server["url"])).split("/")[0]
        labels = [label for label in _VARIABLE.sub("", host).split(".") if label and label not in ("api", "www")]
        kept = naming.snake_case(labels[0]).split("_") if labels else []
    name = "_".join(kept[:3])
    return naming.python_identifier(name) if name else f"server_{index + 1}"


def own_server(operation: dict[str, Any], item: dict[str, Any], root: str) -> str | None:
    """The operation's own server (else its path's), its variables at their defaults; ``None``
    when it is the root's first server (Twilio repeats it on every path): the environment
    chosen then applies."""
    for holder in (operation, item):
        servers = holder.get("servers")
        if isinstance(servers, list) and servers and isinstance(servers[0], dict) and isinstance(servers[0].get("url"), str):
            url = _with_defaults(servers[0])
            return None if url == root else url
    return None


def own_servers(doc: dict[str, Any], root: str, used: set[str]) -> tuple[ir.OwnServer, ...]:
    """The named own servers of the operations generated (``used``: their URLs), in document
    order: each distinct first URL once, with every other URL a path or operation lists beside it."""
    from ..common.walkers import operations

    found: dict[str, tuple[dict[str, Any], list[str]]] = {}
    for _, _, operation, item in operations(doc):
        for holder in (operation, item):
            raw = holder.get("servers")
            listed = [s for s in raw if isinstance(s, dict) and isinstance(s.get("url"), str)] if isinstance(raw, list) else []
            if not listed:
                continue
            first = _with_defaults(listed[0])
            if first != root and first in used:
                _, others = found.setdefault(first, (listed[0], []))
                others += [u for u in (_with_defaults(s) for s in listed[1:]) if u != first and u not in others]
            break
    names: list[str] = []
    result = []
    for index, (url, (server, others)) in enumerate(found.items()):
        name = _environment_name(server, index)
        while name in names:
            name = f"{name}_{index + 1}"
        names.append(name)
        result.append(ir.OwnServer(name, url, tuple(others), str(server.get("description") or "")))
    return tuple(result)
