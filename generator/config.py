"""The small generator config that sits beside a spec: names, version and metadata of the package.

For ``spec/openapi.yaml`` the config is ``spec/openapi.generator.yaml``. A spec without one
gets every name derived from its ``info.title``, so any OpenAPI document can be generated.
The package's licence, authors and URLs come from the config, else from the spec's ``info``
(``license.identifier``, or a ``license.name`` that is one SPDX-like word; ``contact``;
``externalDocs``), else are left out: nothing is claimed that neither says.
"""

from __future__ import annotations

import keyword
import re
from email.utils import parseaddr
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .common import naming
from .common import pointer as jsonpointer
from .errors import Location, SpecError
from .load.loader import LoadedSpec, load
from .validate.strictness import POLICY_FIELDS, AllowedSkip, parse_operation, read_policy
from .validate.webhook_signing import WebhookSigning, read_webhook_signing

_VERSION = re.compile(r"^[0-9]+(\.[0-9]+){0,2}((a|b|rc)[0-9]+)?(\.post[0-9]+)?(\.dev[0-9]+)?$")
_DISTRIBUTION = re.compile(r"^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$")

_FIELDS = {
    "package_name",
    "distribution_name",
    "version",
    "client_name",
    "async_client_name",
    "api_key_env",
    "description",
    "license",  # an SPDX expression, e.g. MIT or Apache-2.0
    "authors",  # "Name <email>", several separated by ";"
    "homepage",
    "repository",
    "documentation",
    "changelog",
    "webhooks",  # how webhook requests are signed (generator/validate/webhook_signing.py)
    "pagination",  # per operation: how its pages are walked, or `none` (generator/parse/pagination.py)
} | POLICY_FIELDS
_URL_KEYS = ("homepage", "repository", "documentation", "changelog")
_URL = re.compile(r"^https?://[^\s\"]+$")
_SPDX_WORD = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.+-]*$")


@dataclass(frozen=True)
class PaginationOverride:
    """One entry of the config's ``pagination``: ``"GET /things": {style: offset, ...}`` or ``none``.

    Its settings are checked against the operation by :mod:`generator.parse.pagination`, which
    reports a mistake at ``where`` (the entry's place in the config file).
    """

    operation: str  # "GET /things"
    settings: tuple[tuple[str, Any], ...] | None  # None: the operation is not paginated
    where: Location


@dataclass(frozen=True)
class GeneratorConfig:
    package_name: str  # import name, e.g. vapi_calls
    distribution_name: str  # name on PyPI, e.g. vapi-calls
    version: str  # version of the generated package
    client_name: str  # e.g. Vapi
    async_client_name: str  # e.g. AsyncVapi
    api_key_env: str  # environment variable read when no api_key is passed
    description: str
    strict: bool = False  # every finding is an error, but the skips allowed below (strictness.py)
    allow_skips: tuple[AllowedSkip, ...] = ()
    license: str | None = None  # SPDX expression for the package's `license`
    authors: tuple[tuple[str, str], ...] = ()  # (name, email), either may be ""
    urls: tuple[tuple[str, str], ...] = ()  # (label, URL) for [project.urls]
    webhooks: WebhookSigning | None = None  # how webhook requests are signed, if the config says
    pagination: tuple[PaginationOverride, ...] = ()  # per-operation overrides of the recognised style

    @property
    def error_base_name(self) -> str:
        """The root exception class: ``Vapi`` -> ``VapiError``."""
        return f"{self.client_name}Error"

    @property
    def env_prefix(self) -> str:
        """What the client's environment variables start with: ``VAPI`` (from ``api_key_env``)."""
        return self.api_key_env.removesuffix("_API_KEY")

    @property
    def log_env(self) -> str:
        """The environment variable that turns on request logging: ``VAPI_CALLS_LOG``."""
        return f"{naming.env_var_prefix(self.package_name)}_LOG"


def config_path_for(spec_path: Path) -> Path:
    return spec_path.with_name(f"{spec_path.stem}.generator.yaml")


def load_config(spec: LoadedSpec) -> GeneratorConfig:
    """Read the config beside ``spec`` (if any) and fill in what it leaves out."""
    path = config_path_for(spec.path)
    values: dict[str, Any] = {}
    source: LoadedSpec | None = None
    if path.exists():
        source = load(path)
        values = source.document
        unknown = sorted(set(values) - _FIELDS)
        if unknown:
            raise source.error(f"#/{unknown[0]}", f"unknown config key {unknown[0]!r}; known: {', '.join(sorted(_FIELDS))}")
        for key, value in values.items():
            if key not in POLICY_FIELDS | {"webhooks", "pagination"} and not isinstance(value, str):
                raise source.error(f"#/{key}", f"{key} must be a string")
        for key in _URL_KEYS:
            if key in values and not _URL.match(values[key].strip()):
                raise source.error(f"#/{key}", f"{key} {values[key]!r} is not an http(s) URL")
    strict, allow_skips = read_policy(values, source)
    info = spec.document.get("info") if isinstance(spec.document.get("info"), dict) else {}
    title = str(info.get("title") or spec.path.stem)
    try:
        package = values.get("package_name") or naming.package_name(title)
        client = values.get("client_name") or naming.class_name(title)
    except ValueError as exc:
        raise spec.error("#/info/title", f"cannot derive package names from the title: {exc}") from None
    config = GeneratorConfig(
        package_name=package,
        distribution_name=values.get("distribution_name") or naming.distribution_name(package),
        version=values.get("version") or "0.1.0",
        client_name=client,
        async_client_name=values.get("async_client_name") or f"Async{client}",
        api_key_env=values.get("api_key_env") or f"{naming.env_var_prefix(client)}_API_KEY",
        description=values.get("description") or f"A typed Python client for the {title}.",
        strict=strict,
        allow_skips=allow_skips,
        license=values.get("license") or _info_license(info),
        authors=_authors(values["authors"]) if values.get("authors") else _info_authors(info),
        urls=_urls(values, info, spec.document),
        webhooks=read_webhook_signing(values, source),
        pagination=_pagination_overrides(values.get("pagination"), source),
    )
    _check(config, source or spec, "#" if source else "#/info/title")
    return config


def _pagination_overrides(raw: Any, source: LoadedSpec | None) -> tuple[PaginationOverride, ...]:
    """The shape of ``pagination:`` (a mapping of ``METHOD /path`` to settings or ``none``);
    what the settings mean is checked against the operation when the IR is built."""
    if raw is None or source is None:
        return ()
    if not isinstance(raw, dict):
        raise source.error("#/pagination", "pagination must map `METHOD /path` to settings (like {style: offset}) or none")
    found = []
    for key, settings in raw.items():
        here = jsonpointer.join(["pagination", str(key)])
        operation = parse_operation(key) if isinstance(key, str) else None
        if operation is None:
            raise source.error(here, f"pagination keys must read `METHOD /path` (like `GET /items`), not {key!r}")
        if settings == "none" or settings is False:
            found.append(PaginationOverride(operation, None, source.locate(here)))
            continue
        if not isinstance(settings, dict) or not all(isinstance(name, str) for name in settings):
            raise source.error(here, "pagination settings must be a mapping (like {style: offset, items: data}) or none")
        found.append(PaginationOverride(operation, tuple(settings.items()), source.locate(here)))
    return tuple(found)


def _info_license(info: dict[str, Any]) -> str | None:
    license = info.get("license") if isinstance(info.get("license"), dict) else {}
    for key in ("identifier", "name"):
        value = license.get(key)
        if isinstance(value, str) and _SPDX_WORD.match(value.strip()):
            return value.strip()
    return None


def _authors(text: str) -> tuple[tuple[str, str], ...]:
    found = []
    for part in text.split(";"):
        name, email = parseaddr(part.strip())
        if name or email:
            found.append((name, email))
    return tuple(found)


def _info_authors(info: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    contact = info.get("contact") if isinstance(info.get("contact"), dict) else {}
    name, email = contact.get("name"), contact.get("email")
    name = name.strip() if isinstance(name, str) else ""
    email = email.strip() if isinstance(email, str) and "@" in email else ""
    return ((name, email),) if name or email else ()


def _urls(values: dict[str, Any], info: dict[str, Any], document: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    contact = info.get("contact") if isinstance(info.get("contact"), dict) else {}
    docs = document.get("externalDocs") if isinstance(document.get("externalDocs"), dict) else {}
    derived = {"homepage": contact.get("url"), "documentation": docs.get("url")}
    urls = []
    for key in _URL_KEYS:
        value = values.get(key) or derived.get(key)
        if isinstance(value, str) and _URL.match(value.strip()):
            urls.append((key.capitalize(), value.strip()))
    return tuple(urls)


def _check(config: GeneratorConfig, source: LoadedSpec, base: str) -> None:
    def fail(key: str, message: str) -> SpecError:
        return source.error(f"#/{key}" if base == "#" else base, message)

    for key in ("package_name", "client_name", "async_client_name"):
        value = getattr(config, key)
        if not value.isidentifier() or keyword.iskeyword(value) or not value.isascii():
            raise fail(key, f"{key} {value!r} is not a valid Python identifier")
    if not _DISTRIBUTION.match(config.distribution_name):
        raise fail("distribution_name", f"distribution_name {config.distribution_name!r} is not a valid project name")
    if not _VERSION.match(config.version):
        raise fail("version", f"version {config.version!r} is not a PEP 440 version like 1.2.3")
    if config.license is not None and not re.fullmatch(r"[A-Za-z0-9.+() -]+", config.license):
        raise fail("license", f"license {config.license!r} is not an SPDX expression like MIT or Apache-2.0")
    if not re.fullmatch(r"[A-Z_][A-Z0-9_]*", config.api_key_env):
        raise fail("api_key_env", f"api_key_env {config.api_key_env!r} must be an UPPER_SNAKE environment variable name")
