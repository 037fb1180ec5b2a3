"""generator/parse/security.py and servers.py: securitySchemes, security requirements and
servers become the IR's credentials, per-operation alternatives, environments and variables."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from generator.pipeline import analyse
from generator.parse import ir

ROOT = Path(__file__).resolve().parent.parent


def api_of(tmp_path: Path, doc: dict[str, Any]) -> ir.Api:
    spec = {"openapi": "3.1.0", "info": {"title": "Shop", "version": "1"}, **doc}
    path = tmp_path / "openapi.yaml"
    path.write_text(yaml.safe_dump(spec, sort_keys=False), encoding="utf-8")
    return analyse(path).api


def get(operation_id: str, **extra: Any) -> dict[str, Any]:
    return {"get": {"operationId": operation_id, "responses": {"204": {"description": "done"}}, **extra}}


def credentials(api: ir.Api) -> dict[str, tuple[str, str]]:
    return {c.name: (s.key, c.env) for s in api.security_schemes for c in s.credentials}


def security_of(api: ir.Api) -> dict[str, Any]:
    return {op.operation_id: op.security for r in api.resources for op in r.operations}


def test_the_curated_spec_keeps_api_key_and_asks_for_it_at_construction() -> None:
    api = analyse(ROOT / "spec" / "openapi.yaml").api
    assert credentials(api) == {"api_key": ("bearer", "VAPI_API_KEY")}
    assert api.required_credentials == ("api_key",)
    assert api.default_security == (("bearer",),)
    assert all(op.security is None for r in api.resources for op in r.operations)


def test_requirements_override_the_root_and_mean_and_or_none(tmp_path: Path) -> None:
    api = api_of(tmp_path, {
        "security": [{"token": []}],
        "paths": {
            "/a": get("inherits"),
            "/b": get("same", security=[{"token": []}]),
            "/c": get("none", security=[]),
            "/d": get("both", security=[{"token": [], "key": []}]),
            "/e": get("either", security=[{"key": []}, {"token": []}]),
            "/f": get("optional", security=[{}, {"key": []}]),
        },
        "components": {"securitySchemes": {"token": {"type": "http", "scheme": "Bearer"}, "key": {"type": "apiKey", "in": "query", "name": "k"}}},
    })
    assert security_of(api) == {
        "inherits": None,
        "same": None,  # the root's: nothing of its own to say
        "none": (),
        "both": (("token", "key"),),
        "either": (("key",), ("token",)),
        "optional": ((), ("key",)),
    }
    assert api.required_credentials == ()  # /c needs nothing: no credential is asked for at construction
    assert credentials(api) == {"api_key": ("token", "SHOP_API_KEY"), "key_api_key": ("key", "SHOP_KEY_API_KEY")}


def test_every_operation_needing_basic_asks_for_both_halves_at_construction(tmp_path: Path) -> None:
    api = api_of(tmp_path, {
        "security": [{"account": []}],
        "paths": {"/a": get("a"), "/b": get("b", security=[{"account": [], "extra": []}])},
        "components": {"securitySchemes": {"account": {"type": "http", "scheme": "basic"}, "extra": {"type": "apiKey", "in": "header", "name": "X-Extra"}}},
    })
    assert api.required_credentials == ("username", "password")
    assert credentials(api)["api_key"] == ("extra", "SHOP_API_KEY")


def test_oauth2_flows_give_client_credentials_and_a_token(tmp_path: Path) -> None:
    flows = {
        "clientCredentials": {"tokenUrl": "https://auth.example.com/token", "scopes": {"read": "", "write": ""}},
        "authorizationCode": {"authorizationUrl": "https://auth.example.com/a", "tokenUrl": "https://auth.example.com/token", "scopes": {}},
    }
    api = api_of(tmp_path, {
        "security": [{"oauth": ["read"]}],
        "paths": {"/a": get("a"), "/b": get("b", security=[{"oauth": ["write", "read"]}])},
        "components": {"securitySchemes": {"oauth": {"type": "oauth2", "flows": flows}}},
    })
    (scheme,) = api.security_schemes
    assert [c.name for c in scheme.credentials] == ["client_id", "client_secret", "access_token"]
    assert scheme.token_url == "https://auth.example.com/token"
    assert scheme.scopes == ("read", "write")
    assert api.required_credentials == (), "a token or an id and secret: either will do"


def test_schemes_the_client_cannot_use_are_warnings_and_their_operations_generate(tmp_path: Path) -> None:
    api = api_of(tmp_path, {
        "paths": {"/a": get("a", security=[{"cert": []}]), "/b": get("b", security=[{"digest": []}, {"key": []}])},
        "components": {"securitySchemes": {
            "cert": {"type": "mutualTLS"},
            "digest": {"type": "http", "scheme": "digest"},
            "key": {"type": "apiKey", "in": "header", "name": "X-Key"},
        }},
    })
    warned = {w.pointer: w.message for w in api.warnings}
    assert "mutual TLS" in warned["#/components/securitySchemes/cert"]
    assert "HTTP digest" in warned["#/components/securitySchemes/digest"]
    assert security_of(api) == {"a": None, "b": (("key",),)}  # a: nothing usable, as without security


def test_generate_prints_the_warning_and_succeeds(tmp_path: Path) -> None:
    api_of(tmp_path, {"security": [{"cert": []}], "paths": {"/a": get("a")}, "components": {"securitySchemes": {"cert": {"type": "mutualTLS"}}}})
    result = subprocess.run(
        [sys.executable, "-m", "generator", "generate", "--spec", str(tmp_path / "openapi.yaml"), "--out", str(tmp_path / "out")],
        capture_output=True, text=True, cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    assert "#/components/securitySchemes/cert: security scheme 'cert' is not supported (mutual TLS" in result.stderr
    assert (tmp_path / "out" / "shop" / "_security.py").is_file()


def test_environments_are_named_after_their_descriptions_or_hosts(tmp_path: Path) -> None:
    api = api_of(tmp_path, {
        "servers": [
            {"url": "https://api.shop.example.com/v1", "description": "Production server"},
            {"url": "https://sandbox.shop.example.com/v1", "description": "Sandbox environment (test data)"},
            {"url": "https://api.staging-shop.example.com"},
            {"url": "https://eu.shop.example.com/v1", "description": "Production server"},
        ],
        "paths": {"/a": get("a")},
    })
    assert [e.name for e in api.environments] == ["production", "sandbox", "staging_shop", "production_4"]
    assert api.base_url == "https://api.shop.example.com/v1"


def test_one_server_without_variables_is_just_the_default_base_url(tmp_path: Path) -> None:
    api = api_of(tmp_path, {"servers": [{"url": "https://api.shop.example.com/"}], "paths": {"/a": get("a")}})
    assert (api.environments, api.server_variables, api.base_url) == ((), (), "https://api.shop.example.com")


def test_path_and_operation_servers(tmp_path: Path) -> None:
    api = api_of(tmp_path, {
        "servers": [{"url": "https://api.shop.example.com"}],
        "paths": {
            "/files": {"servers": [{"url": "https://{zone}.files.example.com", "variables": {"zone": {"default": "eu"}}}], **get("files")},
            "/own": get("own", servers=[{"url": "https://own.example.com/"}]),
            "/plain": get("plain"),
        },
    })
    servers = {op.operation_id: op.server for r in api.resources for op in r.operations}
    assert servers == {"files": "https://eu.files.example.com", "own": "https://own.example.com", "plain": None}



def test_own_servers_are_named_once_each_with_the_others_listed(tmp_path: Path) -> None:
    api = api_of(tmp_path, {
        "servers": [{"url": "https://api.shop.example.com"}],
        "paths": {
            "/a": {"servers": [{"url": "https://uploads.shop.example.com"}, {"url": "https://uploads-eu.shop.example.com"}], **get("a")},
            "/b": get("b", servers=[{"url": "https://uploads.shop.example.com"}, {"url": "https://uploads-us.shop.example.com"}]),
            "/c": get("c", servers=[{"url": "https://media.example.com/v2", "description": "Media CDN"}]),
            "/d": get("d", servers=[{"url": "https://api.shop.example.com"}]),  # the root's own: not named
            "/e": get("e", servers=[{"url": "https://uploads.other.example.com"}]),  # same first label: numbered
        },
    })
    assert [(o.name, o.url, o.alternatives) for o in api.own_servers] == [
        ("uploads", "https://uploads.shop.example.com", ("https://uploads-eu.shop.example.com", "https://uploads-us.shop.example.com")),
        ("media_cdn", "https://media.example.com/v2", ()),
        ("uploads_3", "https://uploads.other.example.com", ()),
    ]


def test_a_scheme_keyed_like_the_main_credential_gets_its_own_argument(tmp_path: Path) -> None:
    """Two API keys, the second's scheme keyed ``api_key`` (a public spec's layout): qualifying
    it by its key gives ``api_key`` again, which made the constructor repeat an argument (the
    package did not compile); the main scheme keeps ``api_key`` and the other is numbered."""
    api = api_of(tmp_path, {
        "security": [{"token": []}, {"api_key": []}],
        "paths": {"/a": get("a")},
        "components": {"securitySchemes": {
            "api_key": {"type": "apiKey", "in": "query", "name": "api_token"},
            "token": {"type": "apiKey", "in": "header", "name": "X-Auth-Token"},
        }},
    })
    assert credentials(api) == {"api_key": ("token", "SHOP_API_KEY"), "api_key_2": ("api_key", "SHOP_API_KEY_2")}
