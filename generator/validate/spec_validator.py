"""openapi-spec-validator's findings, each at its place in the document.

The validator checks each schema (and parameter, media type, ...) on its own, so a finding
inside one carries a path relative to that object only: a typo'd ``type: strng`` in a query
parameter is reported at ``#/type``. Here every keyword validator is wrapped so that an error
it yields is prefixed with where its object sits in the document. Objects are identified by
identity (the validator reads the very dicts of the document), so a schema reached through a
``$ref`` is reported where it is written, not along the path that referred to it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

_PARTS = "_codegen_parts"


def located_errors(validator_class: Any, document: dict[str, Any]) -> Iterator[tuple[list[str], Any]]:
    """``(path from the document root, error)`` for each finding of ``validator_class``."""
    from jsonschema_path.paths import SchemaPath
    from openapi_spec_validator.validation.exceptions import OpenAPIValidationError

    places = _places(document)

    def locating(keyword: str, base: type) -> type:
        def __call__(self: Any, *args: Any, **kwargs: Any) -> Iterator[Any]:
            owner = next((arg for arg in args if isinstance(arg, SchemaPath)), None)
            for error in base.__call__(self, *args, **kwargs):
                if owner is not None and not hasattr(error, _PARTS):
                    if not isinstance(error, OpenAPIValidationError):
                        error = OpenAPIValidationError.create_from(error)
                    where = places.get(id(owner.read_value()))
                    if where is None:
                        where = [str(part) for part in owner.parts]
                    inner = [str(part) for part in error.path]
                    setattr(error, _PARTS, [*where, *(["default"] if keyword == "default" else []), *inner])
                yield error

        return type(f"Located{base.__name__}", (base,), {"__call__": __call__})

    keywords = {
        name: (cls if name == "__root__" else locating(name, cls)) for name, cls in validator_class.keyword_validators.items()
    }
    located = type(f"Located{validator_class.__name__}", (validator_class,), {"keyword_validators": keywords})
    with _registries_crawled_once():
        for error in located(document).iter_errors():
            parts = getattr(error, _PARTS, None)
            yield (parts if parts is not None else [str(part) for part in getattr(error, "absolute_path", []) or []]), error


@contextmanager
def _registries_crawled_once() -> Iterator[None]:
    """jsonschema resolves each ``$dynamicRef`` of the OpenAPI 3.1 schema against a registry
    that it never keeps crawled, so every lookup crawls the whole 3.1 schema again: 600 crawls,
    a third of the validator's time, on a 300-operation spec. A registry is immutable, so its
    crawl is the same every time and can be remembered while the validator runs."""
    from referencing import Registry

    original = Registry.crawl
    crawled: dict[int, tuple[Any, Any]] = {}  # id(registry) -> (registry, its crawl)

    def crawl(self: Any) -> Any:
        remembered = crawled.get(id(self))
        if remembered is None or remembered[0] is not self:
            remembered = crawled[id(self)] = (self, original(self))
        return remembered[1]

    Registry.crawl = crawl  # type: ignore[method-assign]
    try:
        yield
    finally:
        Registry.crawl = original  # type: ignore[method-assign]


def _places(document: dict[str, Any]) -> dict[int, list[str]]:
    """The path of every mapping and list in ``document`` (the first one, in document order)."""
    places: dict[int, list[str]] = {}
    stack: list[tuple[Any, list[str]]] = [(document, [])]
    while stack:
        node, parts = stack.pop()
        if not isinstance(node, (dict, list)) or id(node) in places:
            continue
        places[id(node)] = parts
        items = node.items() if isinstance(node, dict) else enumerate(node)
        stack.extend((value, [*parts, str(key)]) for key, value in reversed(list(items)))
    return places
