"""Security schemes and requirements: what each operation sends to authenticate.

``components/securitySchemes`` becomes the client's credential arguments, each named after what
it carries and read from an environment variable when not given:

- ``http`` ``bearer`` -> ``api_key`` (the config's ``api_key_env``; the name openai-python and
  Stainless clients use for a bearer token), ``openIdConnect`` -> ``access_token``: sent as
  ``Authorization: Bearer ...``;
- ``http`` ``basic`` -> ``username`` and ``password``;
- ``apiKey`` -> ``api_key``, sent in its header, query parameter or cookie under its ``name``;
- ``oauth2`` -> ``client_id`` and ``client_secret`` for a ``clientCredentials`` flow (the client
  fetches tokens from its ``tokenUrl``), and ``access_token`` (a string or a callable returning one)
  for the other flows, whose tokens the caller obtains (or a token the caller has for any flow).

When two schemes would take one argument name, the one the root ``security`` names first (the
API's main credential; else the first in the document) keeps it and the others get their
scheme's name in front (``partner_key_api_key``), so that adding a secondary scheme renames
nothing callers already pass.
A scheme the client cannot use (``mutualTLS``, ``http`` ``digest``) is a warning; operations that
name it still generate, without it.

Each operation's requirement is its own ``security`` or else the root's: a list of alternatives,
each a set of schemes sent together; ``[]`` (or an empty object among the alternatives) means
no credentials are needed.
"""

from __future__ import annotations

from typing import Any

from . import ir
from ..common import naming
from ..common import pointer as jsonpointer
from ..config import GeneratorConfig
from ..load.refs import deref

TOKEN = "str | Callable[[], str] | None"
TEXT = "str | None"

# Arguments every client has: a credential must not take their names.
CLIENT_OPTIONS = frozenset(
    {"base_url", "timeout", "max_retries", "default_headers", "default_query", "http_client"}
    | {"strict_response_validation", "environment", "servers", "self"}
)


def schemes(doc: dict[str, Any], config: GeneratorConfig, warnings: list[ir.Finding]) -> tuple[ir.SecurityScheme, ...]:
    """The usable schemes of ``components/securitySchemes``, in document order."""
    raw = (doc.get("components") or {}).get("securitySchemes") or {}
    if not isinstance(raw, dict):
        return ()
    wanted: list[tuple[str, dict[str, Any], str, list[tuple[str, str, str]]]] = []
    for key, value in raw.items():
        where = jsonpointer.join(["components", "securitySchemes", str(key)])
        scheme = deref(doc, value) if isinstance(value, dict) else {}
        kind, names, why = _kind(scheme)
        if kind is None:
            warnings.append(ir.Finding(where, f"security scheme {key!r} is not supported ({why}); operations that need it are generated without it (pass its credentials in extra_headers or through http_client)"))
            continue
        wanted.append((str(key), scheme, kind, names))
    main = _main_scheme(doc, [key for key, _, _, _ in wanted])
    owner: dict[str, str] = {}  # each base name: the scheme that keeps it plain
    for key, _, _, names in sorted(wanted, key=lambda w: w[0] != main):
        for name, _, _ in names:
            owner.setdefault(name, key)
    # Each credential's argument name, the main scheme's first; a qualified name that is still
    # taken (a scheme keyed `api_key` beside the main API key) is numbered, never repeated.
    argument: dict[tuple[str, str], str] = {}
    for key, _, _, names in sorted(wanted, key=lambda w: w[0] != main):
        for base, _, _ in names:
            name = base if owner[base] == key else _qualified(key, base)
            name = naming.python_identifier(name, avoid=naming.RESERVED | CLIENT_OPTIONS)
            unique, n = name, 2
            while unique in argument.values():
                unique, n = f"{name}_{n}", n + 1
            argument[(key, base)] = unique
    scopes = _requested_scopes(doc)
    result = []
    for key, scheme, kind, names in wanted:
        credentials = []
        for base, annotation, what in names:
            name = argument[(key, base)]
            env = config.api_key_env if name == "api_key" else f"{config.env_prefix}_{name.upper()}"
            credentials.append(ir.Credential(name, env, annotation, f"{what} (security scheme `{key}`)", base))
        flows = scheme.get("flows") if isinstance(scheme.get("flows"), dict) else {}
        client_credentials = flows.get("clientCredentials") if kind == "oauth2" else None
        result.append(
            ir.SecurityScheme(
                key=key,
                kind=kind,
                credentials=tuple(credentials),
                location=str(scheme.get("in") or "") if kind == "api_key" else "",
                parameter=str(scheme.get("name") or "") if kind == "api_key" else "",
                token_url=str((client_credentials or {}).get("tokenUrl") or ""),
                scopes=tuple(scopes.get(key, ())),
                description=str(scheme.get("description") or ""),
            )
        )
    return tuple(result)


def _kind(scheme: dict[str, Any]) -> tuple[str | None, list[tuple[str, str, str]], str]:
    """The runtime kind of a scheme and its credentials (base name, annotation, what it is), or why not."""
    kind = scheme.get("type")
    if kind == "http":
        http = str(scheme.get("scheme") or "").lower()
        if http == "bearer":
            return "bearer", [("api_key", TEXT, "the bearer token")], ""
        if http == "basic":
            return "basic", [("username", TEXT, "the HTTP Basic user name"), ("password", TEXT, "the HTTP Basic password")], ""
        return None, [], f"HTTP {http or 'without a scheme'} authentication"
    if kind == "apiKey":
        if scheme.get("in") not in ("header", "query", "cookie") or not isinstance(scheme.get("name"), str) or not scheme["name"]:
            return None, [], "an apiKey needs `in` (header, query or cookie) and a `name`"
        return "api_key", [("api_key", TEXT, f"the API key, sent in the {scheme['in']} `{scheme['name']}`")], ""
    if kind == "openIdConnect":
        return "bearer", [("access_token", TOKEN, "an OpenID Connect access token, or a callable returning one")], ""
    if kind == "oauth2":
        flows = scheme.get("flows") if isinstance(scheme.get("flows"), dict) else {}
        names = []
        cc = flows.get("clientCredentials")
        if isinstance(cc, dict) and isinstance(cc.get("tokenUrl"), str) and cc["tokenUrl"]:
            names += [("client_id", TEXT, "the OAuth2 client id"), ("client_secret", TEXT, "the OAuth2 client secret")]
        # A token obtained elsewhere (another flow, or the caller's own refresh) is always accepted.
        names.append(("access_token", TOKEN, "an OAuth2 access token, or a callable returning a fresh one"))
        return "oauth2", names, ""
    if kind == "mutualTLS":
        return None, [], "mutual TLS: give an httpx client with the certificate as http_client"
    return None, [], f"type {kind!r}"


def _main_scheme(doc: dict[str, Any], keys: list[str]) -> str | None:
    """The scheme the root ``security`` names first (the API's main credential), else the first."""
    for alternative in doc.get("security") or [] if isinstance(doc.get("security"), list) else []:
        for key in alternative if isinstance(alternative, dict) else ():
            if key in keys:
                return str(key)
    return keys[0] if keys else None


def _qualified(key: str, base: str) -> str:
    prefix = naming.snake_case(key) or "scheme"
    return prefix if prefix == base or prefix.endswith("_" + base) else f"{prefix}_{base}"


def _requested_scopes(doc: dict[str, Any]) -> dict[str, list[str]]:
    """For each scheme, every scope a requirement (root or operation) asks for, in first-seen order."""
    from ..common.walkers import operations

    found: dict[str, list[str]] = {}
    requirements = [doc.get("security")] + [op.get("security") for _, _, op, _ in operations(doc)]
    for requirement in requirements:
        for alternative in requirement if isinstance(requirement, list) else []:
            for key, scopes in (alternative.items() if isinstance(alternative, dict) else ()):
                for scope in scopes if isinstance(scopes, list) else []:
                    if isinstance(scope, str) and scope not in found.setdefault(str(key), []):
                        found[str(key)].append(scope)
    return found


def requirement(raw: Any, usable: frozenset[str]) -> tuple[tuple[str, ...], ...]:
    """A ``security`` list as alternatives of scheme keys; an alternative naming a scheme the
    client cannot use (warned about in :func:`schemes`) or does not define is left out."""
    alternatives: list[tuple[str, ...]] = []
    for alternative in raw if isinstance(raw, list) else []:
        if not isinstance(alternative, dict):
            continue
        keys = tuple(str(key) for key in alternative)
        if all(key in usable for key in keys) and keys not in alternatives:
            alternatives.append(keys)
    return tuple(alternatives)


def operation_requirement(
    operation: dict[str, Any], default: tuple[tuple[str, ...], ...], usable: frozenset[str]
) -> tuple[tuple[str, ...], ...] | None:
    """The operation's own requirement, or ``None`` when it has the API's default."""
    if "security" not in operation:
        return None
    own = requirement(operation.get("security"), usable)
    return None if own == default else own


def required_credentials(
    schemes_: tuple[ir.SecurityScheme, ...], requirements: list[tuple[tuple[str, ...], ...]]
) -> tuple[str, ...]:
    """The credentials every operation needs whichever alternative it takes: the client asks for
    them at construction, as openai-python asks for its API key. The others are checked when an
    operation that needs them is called."""
    by_key = {scheme.key: scheme for scheme in schemes_}

    def needed(scheme: ir.SecurityScheme) -> set[str]:
        if scheme.kind == "oauth2" and len(scheme.credentials) > 2:
            return set()  # a token or a client id and secret: either will do
        return {c.name for c in scheme.credentials}

    common: set[str] | None = None
    for alternatives in requirements:
        if not alternatives:
            return ()
        each = [set().union(*(needed(by_key[key]) for key in alternative)) for alternative in alternatives]
        both = set.intersection(*each)
        common = both if common is None else common & both
    order = [c.name for scheme in schemes_ for c in scheme.credentials]
    return tuple(name for name in order if name in (common or set()))
