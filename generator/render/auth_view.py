"""What the templates need to know about credentials and servers, decided here.

``_security.py`` (the spec's security schemes, as data for the runtime's ``_auth.py``), the
client constructor's credential, ``environment`` and server-variable arguments, and their rows
in API.md and the README.
"""

from __future__ import annotations

from typing import Any

from ..common import layout, pysource
from ..parse import ir


def _literal(value: object) -> str:
    return layout.black_strings(pysource.literal(value))


def _scheme_expression(scheme: ir.SecurityScheme) -> str:
    names = [c.name for c in scheme.credentials]
    if scheme.kind == "bearer":
        return f"HTTPBearer(token={_literal(names[0])})"
    if scheme.kind == "basic":
        return f"HTTPBasic(username={_literal(names[0])}, password={_literal(names[1])})"
    if scheme.kind == "api_key":
        return f"APIKey(key={_literal(names[0])}, name={_literal(scheme.parameter)}, location={_literal(scheme.location)})"
    by_role = {c.role: c.name for c in scheme.credentials}
    arguments = []
    if "access_token" in by_role:
        arguments.append(f"token={_literal(by_role['access_token'])}")
    if scheme.token_url:
        arguments += [
            f"client_id={_literal(by_role['client_id'])}",
            f"client_secret={_literal(by_role['client_secret'])}",
            f"token_url={_literal(scheme.token_url)}",
        ]
        if scheme.scopes:
            arguments.append(f"scopes=({', '.join(_literal(s) for s in scheme.scopes)},)")
    return f"OAuth2({', '.join(arguments)})"


# The async client also takes an async callable as an access token (the runtime awaits it).
ASYNC_TOKEN = "str | Callable[[], str | Awaitable[str]] | None"

# How a client-credentials client authenticates to the token endpoint (RFC 7591's names, as
# authlib calls them); HTTP Basic first: every authorization server must accept it.
TOKEN_ENDPOINT_AUTH_METHOD = "token_endpoint_auth_method"
TOKEN_ENDPOINT_AUTH_ANNOTATION = 'Literal["client_secret_basic", "client_secret_post"]'


def _annotation(credential: ir.Credential, is_async: bool) -> str:
    """A credential's type in one client: an access token may be an async callable in the async one."""
    if is_async and credential.annotation.startswith("str | Callable[[], str]"):
        return ASYNC_TOKEN
    return credential.annotation


def _has_client_credentials(api: ir.Api) -> bool:
    return any(s.token_url for s in api.security_schemes)


def _tuple(items: list[str]) -> str:
    return f"({items[0]},)" if len(items) == 1 else f"({', '.join(items)})"


def request_options(op: ir.Operation) -> list[str]:
    """The ``RequestOptions`` arguments of an operation whose security or server is its own."""
    options = []
    if op.security is not None:
        options.append(f"security={_requirement(op.security)}")
    if op.server is not None:
        options.append(f"server={_literal(op.server)}")
    return options


def route_note(op: ir.Operation) -> str:
    """API.md's note on a route whose security or server is its own."""
    notes = []
    if op.security is not None:
        notes.append("security: " + (" or ".join("+".join(keys) or "none" for keys in op.security) or "none"))
    if op.server is not None:
        notes.append(f"server: {op.server}")
    return f" ({'; '.join(notes)})" if notes else ""


def _requirement(requirement: tuple[tuple[str, ...], ...]) -> str:
    if not requirement:
        return "()"
    return _tuple([_tuple([_literal(k) for k in keys]) if keys else "()" for keys in requirement])


def security_view(api: ir.Api) -> dict[str, Any]:
    """The lines of ``_security.py``."""
    credentials = [c for scheme in api.security_schemes for c in scheme.credentials]
    classes = sorted({_scheme_expression(s).split("(")[0] for s in api.security_schemes})
    schemes = [f"{_literal(s.key)}: {_scheme_expression(s)}," for s in api.security_schemes]
    environment = [f"{_literal(c.name)}: {_literal(c.env)}," for c in credentials]
    required = "(" + ", ".join(_literal(n) for n in api.required_credentials) + ("," if len(api.required_credentials) == 1 else "") + ")"
    return {
        "docstring": f"The security schemes of the {api.title}, and the client arguments that carry their credentials.",
        "imports": layout.import_from("._auth", [*classes, "Scheme"]),
        "schemes": [line for entry in schemes for line in layout.statement(entry, 4)],
        "default": layout.statement(f"DEFAULT_SECURITY: tuple[tuple[str, ...], ...] = {_requirement(api.default_security)}", 0),
        "environment": [line for entry in environment for line in layout.statement(entry, 4)],
        "required": layout.statement(f"REQUIRED_CREDENTIALS: tuple[str, ...] = {required}", 0),
    }


def credentials(api: ir.Api) -> list[ir.Credential]:
    return [c for scheme in api.security_schemes for c in scheme.credentials]


def client_arguments(api: ir.Api) -> dict[str, Any]:
    """The constructor's credential and server arguments, and the expressions that use them."""
    creds = credentials(api)
    environments = api.environments
    variables = api.server_variables
    client_credentials = _has_client_credentials(api)
    rest = []  # the arguments after the credentials, the same in both clients
    if client_credentials:
        rest.append(f'{TOKEN_ENDPOINT_AUTH_METHOD}: {TOKEN_ENDPOINT_AUTH_ANNOTATION} = "client_secret_basic",')
    if environments:
        choices = ", ".join(_literal(e.name) for e in environments)
        rest.append(f"environment: Literal[{choices}] = {_literal(environments[0].name)},")
    rest += [f"{v.name}: {v.annotation} = {_literal(v.default)}," for v in variables]
    servers_argument = []
    if api.own_servers:
        names = ", ".join(_literal(o.name) for o in api.own_servers)
        servers_argument.append(f"servers: Mapping[Literal[{names}], str | httpx.URL] | None = None,")
    rest += servers_argument

    def per_client(lines: Any) -> dict[str, list[str]]:
        """Each client's lines, by its prefix in the client view ("" or "Async")."""
        return {prefix: [line for a in lines(prefix == "Async") for line in layout.statement(a, 8)] for prefix in ("", "Async")}

    arguments = per_client(lambda is_async: [f"{c.name}: {_annotation(c, is_async)} = None," for c in creds] + rest)
    with_options_arguments = per_client(
        lambda is_async: [f"{c.name}: {_annotation(c, is_async)} = None," for c in creds]
        + ([f"{TOKEN_ENDPOINT_AUTH_METHOD}: ({TOKEN_ENDPOINT_AUTH_ANNOTATION} | None) = None,"] if client_credentials else [])
        + servers_argument
    )
    given = "{" + ", ".join(f"{_literal(c.name)}: {c.name}" for c in creds) + "}"
    if environments:
        values = "{" + ", ".join(f"{_literal(v.wire_name)}: {v.name}" for v in variables) + "}"
        default_url = f"server_url(ENVIRONMENTS, environment, {values}, SERVER_VARIABLE_CHOICES)"
    else:
        default_url = "DEFAULT_BASE_URL"
    environment_lines = [f"{_literal(e.name)}: {_literal(e.url)}," for e in environments]
    choices_lines = [
        f"{_literal(v.wire_name)}: {_tuple([_literal(x) for x in _enum(v)])},"
        for v in variables
        if _enum(v)
    ]
    # TYPE_CHECKING guards the resource imports, which the client view has for resources and webhooks
    typing = (["TYPE_CHECKING"] if api.resources or api.webhooks else []) + (["Literal"] if environments or variables or client_credentials or api.own_servers else [])
    tokens = any("Callable" in c.annotation for c in creds)
    stdlib = ["from collections.abc import " + ", ".join((["Awaitable", "Callable"] if tokens else []) + ["Mapping"])]
    stdlib.append("from functools import cached_property")
    if typing:
        stdlib.append("from typing import " + ", ".join(typing))
    env = _literal(f"{api.config.env_prefix}_BASE_URL")
    return {
        "stdlib_imports": stdlib,
        "base_url": layout.statement(f"base_url, base_url_given = base_url_for(base_url, {env}, {default_url})", 8),
        "arguments": arguments,
        "with_options_arguments": with_options_arguments,
        "credentials_given": layout.statement(f"credentials_from_environment({given}, CREDENTIAL_ENVIRONMENT),", 12),
        "auth_options": layout.statement(f"{TOKEN_ENDPOINT_AUTH_METHOD}={TOKEN_ENDPOINT_AUTH_METHOD},", 12) if client_credentials else [],
        "merged": layout.statement(f"credentials = self._auth.merged({given})", 8)
        + (
            layout.statement(
                f"credentials[{_literal(TOKEN_ENDPOINT_AUTH_METHOD)}] = ({TOKEN_ENDPOINT_AUTH_METHOD} or self._auth.token_endpoint_auth_method)", 8
            )
            if client_credentials
            else []
        ),
        "default_url": default_url,
        "environments": [line for entry in environment_lines for line in layout.statement(entry, 4)],
        "own_servers": [line for o in api.own_servers for line in layout.statement(f"{_literal(o.name)}: {_literal(o.url)},", 4)],
        "server_options": layout.statement("servers=own_server_urls(OWN_SERVERS, servers),", 12) if api.own_servers else [],
        "copy_options": layout.statement("servers=servers,", 12) if api.own_servers else [],
        "choices": [line for entry in choices_lines for line in layout.statement(entry, 4)],
    }


def _enum(variable: ir.ServerVariable) -> list[str]:
    if not variable.annotation.startswith("Literal["):
        return []
    import ast

    return [str(v) for v in ast.literal_eval("[" + variable.annotation[len("Literal[") : -1] + "]")]


def options(api: ir.Api) -> list[tuple[str, str, str, str]]:
    """API.md's rows for the credential and server arguments: (name, type, default, note)."""
    rows = [
        (c.name, c.annotation, "None", f"{c.description}; read from the {c.env} environment variable when not given" + ("; the async client also takes an async callable" if _annotation(c, True) != c.annotation else ""))
        for c in credentials(api)
    ]
    if _has_client_credentials(api):
        rows.append((TOKEN_ENDPOINT_AUTH_METHOD, TOKEN_ENDPOINT_AUTH_ANNOTATION, "client_secret_basic", "how the client authenticates to the OAuth2 token endpoint: the client id and secret in HTTP Basic, or (`client_secret_post`) in the form body"))
    if api.environments:
        names = " / ".join(f"`{e.name}` ({e.url})" for e in api.environments)
        rows.append(("environment", "Literal[" + ", ".join(_literal(e.name) for e in api.environments) + "]", api.environments[0].name, f"the server: {names}"))
    rows += [(v.name, v.annotation, v.default, f"the server URL's `{{{v.wire_name}}}`" + (f": {v.description}" if v.description else "")) for v in api.server_variables]
    if api.own_servers:
        names = ", ".join(_literal(o.name) for o in api.own_servers)
        shown = " / ".join(f"`{o.name}` ({o.url})" for o in api.own_servers)
        rows.append(("servers", f"Mapping[Literal[{names}], str | httpx.URL] | None", "None", f"another URL for a server some operations have of their own: {shown}; a URL given here wins over base_url"))
    return rows


def readme_view(api: ir.Api) -> dict[str, Any]:
    """The README's authentication and servers section."""
    schemes = []
    by_key = {s.key: s for s in api.security_schemes}
    for scheme in api.security_schemes:
        arguments = ", ".join(f'{c.name}="..."' for c in scheme.credentials if not (scheme.token_url and c.role == "access_token"))
        sent = {"bearer": "Authorization: Bearer", "basic": "Authorization: Basic", "oauth2": "Authorization: Bearer"}.get(scheme.kind, "")
        schemes.append({"key": scheme.key, "arguments": arguments, "sent": sent, "location": scheme.location, "parameter": scheme.parameter, "envs": [c.env for c in scheme.credentials], "token_url": scheme.token_url, "scopes": " ".join(scheme.scopes), "credentials": [c.name for c in scheme.credentials]})
    per_operation = []
    for resource in api.resources:
        for op in resource.operations:
            if op.security is None:
                continue
            if not op.security or op.security == ((),):
                needs = "none"
            else:
                needs = " or ".join(" and ".join(f"`{k}`" for k in keys) if keys else "none" for keys in op.security)
            per_operation.append(f"`client.{resource.name}.{op.name}`: {needs}")
    default = " or ".join(" and ".join(f"`{k}`" for k in keys) for keys in api.default_security if keys)
    servers = [(e.name, e.url, e.description) for e in api.environments]
    by_url = {o.url: o for o in api.own_servers}
    own_servers = [(f"client.{r.name}.{op.name}", op.server, by_url[op.server].name if op.server in by_url else "") for r in api.resources for op in r.operations if op.server]
    return {
        "schemes": schemes,
        "default_security": default,
        "per_operation": per_operation,
        "required": list(api.required_credentials),
        "has_oauth_token": any(c.annotation.startswith("str | Callable") for c in credentials(api)),
        "has_client_credentials": any(s.token_url for s in api.security_schemes),
        "environments": servers,
        "server_variables": [(v.name, v.annotation, v.default, v.description) for v in api.server_variables],
        "own_servers": own_servers,
        "named_servers": [(o.name, o.url, o.alternatives) for o in api.own_servers],
        **_example(api),
    }


def _example(api: ir.Api) -> dict[str, str]:
    """The README's client construction: the credentials every operation needs, else the first scheme's."""
    creds = credentials(api)
    shown = [c for c in creds if c.name in api.required_credentials]
    if not shown and api.security_schemes:
        first = api.security_schemes[0]
        shown = [c for c in first.credentials if not (first.token_url and c.role == "access_token")]
    return {
        "example_arguments": ", ".join(f'{c.name}="..."' for c in shown),
        "example_envs": " and ".join(c.env for c in shown),
    }
