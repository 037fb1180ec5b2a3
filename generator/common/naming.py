"""Names: turning wire names from a spec into Python identifiers, the same way everywhere.

Every function here is pure and total: any string gives a valid identifier (or a
:class:`ValueError` the caller turns into a spec error), so a hostile name in a spec can
never become code.
"""

from __future__ import annotations

import keyword
import re
import unicodedata

_WORD_BOUNDARY = re.compile(
    r"""
    [A-Z]{2,}s[0-9]*(?![a-z])  # a plural acronym, one word: "APIs", "listURLsByID" -> "URLs"
    | [A-Z]+(?=[A-Z][a-z0-9])  # an acronym before a capitalised word: "HTTPServer" -> "HTTP"
    | [A-Z]?[a-z]+[0-9]*      # a word, maybe capitalised, maybe with trailing digits
    | [A-Z]+[0-9]*            # an acronym
    | [0-9]+                  # digits on their own
    """,
    re.VERBOSE,
)

# Names no generated identifier may take.
RESERVED = frozenset(keyword.kwlist) | frozenset(keyword.softkwlist)

# Names a generated method body or annotation uses, which an argument must not shadow.
BODY_NAMES = frozenset(
    {"self", "type", "list", "dict", "str", "int", "float", "bool", "object", "datetime", "date", "Any"}
    | {"RequestOptions", "format_path", "NOT_GIVEN", "NotGiven", "Timeout", "Mapping"}
    | {"pager", "fetch", "cursor", "size", "item", "TimeCursorPager", "iterate_pages", "aiterate_pages"}
)


_UNICODE_WORD = re.compile(r"[^\W_]+")


def words(name: str) -> list[str]:
    """Split any spelling (camelCase, PascalCase, snake_case, kebab-case, spaces) into words.

    Accents are dropped (``naïve`` -> ``naive``); a name with no ASCII letters or digits at
    all (``名前``, ``Ωμέγα``) keeps its own letters, NFKC-normalised as Python identifiers are.
    """
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    found = _WORD_BOUNDARY.findall(ascii_name)
    if found:
        return found
    return [w for w in _UNICODE_WORD.findall(unicodedata.normalize("NFKC", name)) if f"_{w}".isidentifier()]


def snake_case(name: str) -> str:
    """``createdAtGt`` -> ``created_at_gt``; ``HTTPServer`` -> ``http_server``."""
    return "_".join(word.lower() for word in words(name))


def pascal_case(name: str) -> str:
    """``list calls`` -> ``ListCalls``; keeps acronyms' inner capitals lowered (``HttpServer``)."""
    return "".join(word[:1].upper() + word[1:].lower() for word in words(name))


def python_identifier(name: str, *, avoid: frozenset[str] = RESERVED) -> str:
    """A snake_case identifier for ``name``, suffixed with ``_`` when it would shadow a keyword.

    Raises :class:`ValueError` when ``name`` has no letters or digits at all.
    """
    ident = snake_case(name)
    if not ident:
        raise ValueError(f"{name!r} has no letters or digits to make a Python name from")
    if ident[0].isdigit():
        ident = f"n{ident}"
    if ident in avoid:
        ident += "_"
    return ident


def package_name(text: str) -> str:
    """``Vapi Calls API`` -> ``vapi_calls_api``."""
    return python_identifier(text, avoid=frozenset(keyword.kwlist))


def distribution_name(package: str) -> str:
    return package.replace("_", "-")


def class_name(text: str) -> str:
    name = pascal_case(text)
    if not name:
        raise ValueError(f"{text!r} has no letters or digits to make a class name from")
    if name[0].isdigit():
        name = f"N{name}"
    if keyword.iskeyword(name):  # True, False, None
        name += "_"
    return name


def env_var_prefix(name: str) -> str:
    """``Vapi`` -> ``VAPI``; ``vapi_calls`` -> ``VAPI_CALLS``."""
    return snake_case(name).upper()
