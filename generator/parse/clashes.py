"""Names never refuse a valid spec: clashes are renamed, with a warning naming both.

- Operations whose resources get the same Python name (a tag ``Responses`` beside the
  untagged ``/responses``) already share one resource (:func:`generator.parse.parse.build` groups
  by the Python name).
- Two operations of one resource that would get the same method name: the second takes its
  whole operationId as its name (``list_items``), else its HTTP method and path, else a number.
- A resource named like an attribute of the client (``close``, ``with_options``, ...) or a
  keyword gets a trailing ``_``; a resource class named like a name the client module defines
  or imports (the client classes, ``Timeout``) gets a ``Resource`` suffix.

- Two parameters (or body fields) of one operation that would be one argument (``StartTime<``
  and ``StartTime>``): the second spells its operators out (``start_time_lt``), else is
  numbered; a name without letters (``$``) is ``arg``, numbered.

Which of two clashing names gets the plain one depends on spec order, so each rename is a
``warning:`` (``--strict`` refuses the spec).
"""

from __future__ import annotations

import dataclasses
from typing import Any

from . import ir
from ..common import naming
from ..common import pointer as jsonpointer
from ..config import GeneratorConfig

# Attributes and methods of the generated client classes (templates/package/_client.py.jinja
# and _base_client.py.jinja) that a resource property must not hide.
CLIENT_ATTRIBUTES = frozenset(
    {"close", "with_options", "copy", "base_url", "timeout", "max_retries", "api_key", "request", "default_headers"}
)
# Names the client module binds (imports, constants); a resource class (imported there for type
# checkers) must not take them. tests/test_generator_units.py reads every rendered _client.py and
# fails on a name missing here (a tag "Auth" once shadowed _auth.Auth and the client did not type-check).
CLIENT_MODULE_NAMES = frozenset(
    {"Mapping", "TYPE_CHECKING", "DEFAULT_MAX_RETRIES", "DEFAULT_TIMEOUT", "NOT_GIVEN", "NotGiven", "Timeout"}
    | {"AsyncAPIClient", "SyncAPIClient", "DEFAULT_BASE_URL", "cached_property", "httpx", "annotations"}
    | {"Auth", "credentials_from_environment", "Awaitable", "Callable", "Literal"}
    | {"CREDENTIAL_ENVIRONMENT", "DEFAULT_SECURITY", "REQUIRED_CREDENTIALS", "SCHEMES"}
    | {"base_url_for", "own_server_urls", "server_url", "ENVIRONMENTS", "SERVER_VARIABLE_CHOICES", "OWN_SERVERS"}
)
_METHOD_AVOID = naming.RESERVED | {"with_raw_response"}


_OPERATORS = (("<=", " le "), (">=", " ge "), ("!=", " ne "), ("<", " lt "), (">", " gt "), ("=", " eq "), ("[]", " list "))


def argument_name(
    wire_name: str,
    location: str,
    taken: dict[str, str],
    where: str,
    warnings: list[ir.Finding],
    avoid: frozenset[str],
    parameters: frozenset[str] = frozenset(),
) -> str:
    """The keyword argument for a parameter or body field; ``taken`` maps names to wire names.

    A query, header or cookie parameter with the wire name of a path one gets its location as a
    suffix (``id_query``), as does a body field named like one of the ``parameters``
    (``name_body``): expected, so no warning."""
    try:
        name = naming.python_identifier(wire_name, avoid=avoid)
    except ValueError:
        name = "arg"
    if name not in taken and name != "arg":
        return name
    expected = name in taken and (taken[name] == wire_name or name in parameters)
    if expected and location != "path" and f"{name}_{location}" not in taken:
        return f"{name}_{location}"  # e.g. a query "param" beside a path "{param}"
    spelled = wire_name
    for operator, word in _OPERATORS:
        spelled = spelled.replace(operator, word)
    try:
        candidate = naming.python_identifier(spelled, avoid=avoid)
    except ValueError:
        candidate = "arg"
    unique, number = candidate, 2
    while unique in taken:
        unique = f"{candidate}_{number}"
        number += 1
    clash = f"the argument {name!r}, taken by {taken[name]!r}" if name in taken else "no name (it has no letters)"
    warnings.append(ir.Finding(where, f"{wire_name!r} would be {clash}; it is {unique!r}"))
    return unique


def renamed_method(
    op: ir.Operation,
    operation: dict[str, Any],
    http_method: str,
    path: str,
    resource: str,
    taken: dict[tuple[str, str], str],
    warnings: list[ir.Finding],
) -> ir.Operation:
    """``op`` under a method name its resource does not have yet."""
    candidates = []
    op_id = operation.get("operationId")
    if isinstance(op_id, str) and naming.words(op_id):
        candidates.append(naming.python_identifier(op_id, avoid=_METHOD_AVOID))
    segments = [s.strip("{}") for s in path.split("/") if s]
    try:
        candidates.append(naming.python_identifier("_".join([http_method, *segments]), avoid=_METHOD_AVOID))
    except ValueError:
        pass
    number = 2
    while not any((resource, c) not in taken for c in candidates):
        candidates.append(f"{op.name}_{number}")
        number += 1
    name = next(c for c in candidates if (resource, c) not in taken)
    here = jsonpointer.join(["paths", path, http_method])
    warnings.append(
        ir.Finding(
            here,
            f"method {resource}.{op.name} is taken by {_taker(taken, resource, op.name)}; this operation is "
            f"{resource}.{name} (set x-method-name to choose)",
        )
    )
    return dataclasses.replace(op, name=name)


def _taker(taken: dict[tuple[str, str], str], resource: str, name: str) -> str:
    """Where the operation that holds ``name`` (or its ``_all`` iterator's name) is."""
    return taken.get((resource, name)) or taken.get((resource, f"{name}_all")) or "another method"


def resource_names(
    resources: tuple[ir.Resource, ...], config: GeneratorConfig, tags: dict[str, str], warnings: list[ir.Finding]
) -> tuple[ir.Resource, ...]:
    """``resources`` with attribute and class names that clash with nothing on the client."""
    names = {r.name for r in resources}
    classes = {r.class_name for r in resources}
    module_names = CLIENT_MODULE_NAMES | {config.client_name, config.async_client_name, config.error_base_name}
    result = []
    for resource in resources:
        name, class_name = resource.name, resource.class_name
        tag = tags.get(resource.name, resource.name)
        if naming.snake_case(tag) in naming.RESERVED:  # python_identifier gave it a trailing "_"
            warnings.append(ir.Finding("#/tags", f"resource {tag!r} would be {naming.snake_case(tag)!r}, a keyword; it is client.{name}"))
        elif name in CLIENT_ATTRIBUTES:
            name += "_"
            while name in names:
                name += "_"
            names.add(name)
            warnings.append(ir.Finding("#/tags", f"resource {tag!r} would be {resource.name!r}, an attribute of the client; it is client.{name}"))
        if class_name in module_names or f"Async{class_name}" in module_names:
            class_name = f"{class_name}Resource"
            while class_name in classes:
                class_name += "_"
            classes.add(class_name)
            warnings.append(
                ir.Finding("#/tags", f"resource class {resource.class_name!r} is a name of the client module; it is {class_name!r}")
            )
        result.append(dataclasses.replace(resource, name=name, module=name, class_name=class_name))
    return tuple(result)
