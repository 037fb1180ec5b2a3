"""The generator's side of webhooks: which specs give events, how the events are told apart,
what is skipped (with a warning), what the config may say, and what ``diff`` reports.

Each spec is generated into a temporary directory and its package imported (each with its own
title, so the packages do not collide)."""

from __future__ import annotations

import importlib
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.changes.diff.compare import diff_files
from generator.output.writer import write_tree
from generator.pipeline import analyse, generate

ROOT = Path(__file__).resolve().parent.parent

BODY_30 = """
openapi: 3.0.3
info: {title: %(title)s, version: "1"}
paths:
  /pets:
    get:
      operationId: listPets
      responses:
        "200":
          description: pets
          content:
            application/json:
              schema: {type: array, items: {$ref: '#/components/schemas/Pet'}}
x-webhooks:
  pet.created:
    post:
      summary: A pet was added
      requestBody:
        content:
          application/json:
            schema:
              type: object
              required: [event, pet]
              properties:
                event: {type: string, enum: [pet.created]}
                pet: {$ref: '#/components/schemas/Pet'}
      responses:
        "200": {description: ok}
  pet.adopted:
    post:
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                event: {type: string, enum: [pet.adopted]}
                pet: {$ref: '#/components/schemas/Pet'}
                adopter: {type: string}
      responses:
        "200": {description: ok}
components:
  schemas:
    Pet:
      type: object
      required: [name]
      properties:
        name: {type: string}
"""


def write_spec(folder: Path, text: str, config: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    spec = folder / "openapi.yaml"
    spec.write_text(textwrap.dedent(text), encoding="utf-8")
    if config is not None:
        (folder / "openapi.generator.yaml").write_text(textwrap.dedent(config), encoding="utf-8")
    return spec


@pytest.fixture
def package(tmp_path: Path) -> Iterator[Any]:
    """``package(spec)``: the spec's package, generated and imported."""
    added: list[str] = []

    def build(spec: Path) -> Any:
        result = generate(spec)
        out = spec.parent / "out"
        write_tree(out, result.files)
        (name,) = [p.name for p in out.iterdir() if (p / "__init__.py").exists()]
        sys.path.insert(0, str(out))
        added.append(str(out))
        return importlib.import_module(name)

    yield build
    for path in added:
        sys.path.remove(path)


def test_a_30_spec_with_x_webhooks(tmp_path: Path, package: Any) -> None:
    module = package(write_spec(tmp_path, BODY_30 % {"title": "Pets Thirty"}))
    client = module.PetsThirty()
    created = client.webhooks.unwrap(b'{"event": "pet.created", "pet": {"name": "Rex"}}', {})
    assert type(created).__name__ == "PetCreatedWebhookEvent" and created.pet.name == "Rex"
    adopted = client.webhooks.unwrap(b'{"event": "pet.adopted", "adopter": "Ann"}', {})
    assert type(adopted).__name__ == "PetAdoptedWebhookEvent"
    unknown = client.webhooks.unwrap(b'{"event": "pet.lost"}', {})
    assert type(unknown).__name__ == "UnknownVariant"
    assert not hasattr(client.webhooks, "verify")  # no signature scheme configured
    assert client.pets.list  # the paths are there too


def test_a_spec_with_webhooks_and_no_paths(tmp_path: Path, package: Any) -> None:
    spec = write_spec(
        tmp_path,
        """
        openapi: 3.1.0
        info: {title: Hooks Only, version: "1"}
        webhooks:
          newPet:
            post:
              requestBody:
                content:
                  application/json:
                    schema: {$ref: '#/components/schemas/Pet'}
              responses:
                "200": {description: received}
        components:
          schemas:
            Pet:
              type: object
              required: [name]
              properties:
                name: {type: string}
        """,
        "webhooks: {signature: shared-secret-header, header: x-hook-token}\n",
    )
    module = package(spec)
    client = module.HooksOnly()
    event = client.webhooks.unwrap(b'{"name": "Rex"}', {"x-hook-token": "t"}, secret="t")
    assert type(event).__name__ == "Pet" and event.name == "Rex"
    with pytest.raises(module.WebhookVerificationError):
        client.webhooks.unwrap(b'{"name": "Rex"}', {"x-hook-token": "u"}, secret="t")
    readme = (spec.parent / "out" / "README.md").read_text(encoding="utf-8")
    assert "## Webhooks: `client.webhooks`" in readme and "`x-hook-token`" in readme
    api_md = (spec.parent / "out" / "API.md").read_text(encoding="utf-8")
    assert "| `newPet` | `Pet` |" in api_md


def test_the_nested_tag_and_a_path_item_ref(tmp_path: Path) -> None:
    spec = write_spec(
        tmp_path,
        """
        openapi: 3.1.0
        info: {title: Nested, version: "1"}
        webhooks:
          a: {$ref: '#/components/pathItems/A'}
          b:
            post:
              requestBody:
                content:
                  application/json:
                    schema:
                      type: object
                      properties:
                        message: {$ref: '#/components/schemas/B'}
        components:
          pathItems:
            A:
              post:
                requestBody:
                  content:
                    application/json:
                      schema:
                        type: object
                        properties:
                          message:
                            allOf: [{$ref: '#/components/schemas/A'}]
          schemas:
            A:
              type: object
              properties:
                kind: {type: string, const: a}
            B:
              type: object
              properties:
                kind: {type: string, const: b}
        """,
    )
    hooks = analyse(spec).api.webhooks
    assert hooks is not None
    assert hooks.tag_path == ("message", "kind")
    assert [(e.name, e.model, e.tags) for e in hooks.events] == [("a", "AWebhookEvent", ('"a"',)), ("b", "BWebhookEvent", ('"b"',))]


def test_without_a_shared_tag_the_events_are_tried_in_order(tmp_path: Path, package: Any) -> None:
    spec = write_spec(
        tmp_path,
        """
        openapi: 3.1.0
        info: {title: Untagged Hooks, version: "1"}
        webhooks:
          ping:
            post:
              requestBody:
                content:
                  application/json:
                    schema:
                      type: object
                      required: [zen]
                      properties: {zen: {type: string}}
          push:
            post:
              requestBody:
                content:
                  application/json:
                    schema:
                      type: object
                      required: [ref, commits]
                      properties:
                        ref: {type: string}
                        commits: {type: array, items: {type: string}}
        """,
    )
    module = package(spec)
    hooks = module.UntaggedHooks().webhooks
    assert type(hooks.unwrap(b'{"zen": "keep it simple"}', {})).__name__ == "PingWebhookEvent"
    assert type(hooks.unwrap(b'{"ref": "main", "commits": ["a1"]}', {})).__name__ == "PushWebhookEvent"
    assert type(hooks.unwrap(b'{"other": 1}', {})).__name__ == "UnknownVariant"
    assert "tried in the spec's order" in (spec.parent / "out" / "README.md").read_text(encoding="utf-8")


def test_tags_shared_by_two_events_are_no_tag(tmp_path: Path) -> None:
    spec = write_spec(
        tmp_path,
        """
        openapi: 3.1.0
        info: {title: Shared Tag, version: "1"}
        webhooks:
          created:
            post:
              requestBody:
                content:
                  application/json:
                    schema: {type: object, properties: {status: {type: string, enum: [a, b]}, kind: {const: created}}}
          deleted:
            post:
              requestBody:
                content:
                  application/json:
                    schema: {type: object, properties: {status: {type: string, enum: [a, b]}, kind: {const: deleted}}}
        """,
    )
    hooks = analyse(spec).api.webhooks
    assert hooks is not None and hooks.tag_path == ("kind",)  # `status` is skipped: both events allow a and b


def test_a_webhook_without_a_json_object_body_is_skipped_with_a_warning(tmp_path: Path) -> None:
    spec = write_spec(
        tmp_path,
        """
        openapi: 3.1.0
        info: {title: Skips, version: "1"}
        webhooks:
          text:
            post:
              requestBody:
                content:
                  text/plain:
                    schema: {type: string}
          nobody:
            post:
              responses:
                "200": {description: ok}
          list:
            post:
              requestBody:
                content:
                  application/json:
                    schema: {$ref: '#/components/schemas/Ids'}
          good:
            post:
              requestBody:
                content:
                  application/json:
                    schema: {type: object, properties: {id: {type: string}}}
        components:
          schemas:
            Ids: {type: array, items: {type: string}}
        """,
    )
    api = analyse(spec).api
    assert api.webhooks is not None and [e.name for e in api.webhooks.events] == ["good"]
    messages = {w.pointer: w.message for w in api.warnings}
    assert messages["#/webhooks/text/post"] == "webhook 'text' skipped: no JSON request body"
    assert messages["#/webhooks/nobody/post"] == "webhook 'nobody' skipped: no JSON request body"
    assert messages["#/webhooks/list/post"] == "webhook 'list' skipped: its JSON body is not an object schema"


def test_names_never_clash_with_a_resource_or_a_model(tmp_path: Path, package: Any) -> None:
    spec = write_spec(
        tmp_path,
        """
        openapi: 3.1.0
        info: {title: Clashing Hooks, version: "1"}
        paths:
          /webhooks:
            get:
              operationId: listWebhooks
              responses:
                "200":
                  description: subscriptions
                  content:
                    application/json:
                      schema: {type: array, items: {$ref: '#/components/schemas/WebhookEvent'}}
        webhooks:
          fired:
            post:
              requestBody:
                content:
                  application/json:
                    schema: {$ref: '#/components/schemas/WebhookEvent'}
        components:
          schemas:
            WebhookEvent:
              type: object
              properties: {url: {type: string}}
        """,
    )
    api = analyse(spec).api
    assert api.webhooks is not None
    assert (api.webhooks.accessor, api.webhooks.union) == ("webhook_events", "WebhookEventUnion")
    assert any("client.webhook_events" in w.message for w in api.warnings)
    module = package(spec)
    client = module.ClashingHooks()
    assert client.webhooks.list  # the API's own resource
    assert type(client.webhook_events.unwrap(b'{"url": "https://x"}', {})).__name__ == "WebhookEvent"


@pytest.mark.parametrize(
    ("config", "pointer", "message"),
    [
        ("webhooks: {signature: hmac-md5}\n", "#/webhooks/signature", "must be one of standard-webhooks, stripe-v1, shared-secret-header"),
        ("webhooks: {signature: stripe-v1}\n", "#/webhooks/header", "needs header"),
        ("webhooks: {signature: standard-webhooks, header: x-sig}\n", "#/webhooks/header", "fixed headers"),
        ("webhooks: {signature: shared-secret-header, header: x-s, tolerance: 5}\n", "#/webhooks/tolerance", "no timestamp"),
        ("webhooks: {signature: stripe-v1, header: x-s, tolerance: -1}\n", "#/webhooks/tolerance", "whole number"),
        ("webhooks: {signature: stripe-v1, header: 'bad header'}\n", "#/webhooks/header", "needs header"),
        ("webhooks: {signature: stripe-v1, header: x-s, secret: abc}\n", "#/webhooks/secret", "unknown webhooks key"),
        ("webhooks: standard-webhooks\n", "#/webhooks", "must be a mapping"),
    ],
)
def test_a_bad_webhooks_config_is_one_error_with_its_place(tmp_path: Path, config: str, pointer: str, message: str) -> None:
    spec = write_spec(tmp_path, BODY_30 % {"title": "Bad Config"}, config)
    result = subprocess.run(
        [sys.executable, "-m", "generator", "generate", "--spec", str(spec), "--out", str(tmp_path / "out")],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert f"openapi.generator.yaml:1:" in result.stderr and pointer in result.stderr and message in result.stderr


def test_the_config_names_the_secret_variable(tmp_path: Path) -> None:
    spec = write_spec(tmp_path, BODY_30 % {"title": "Env Name"}, "webhooks: {signature: stripe-v1, header: acme-signature, secret_env: ACME_HOOK_KEY}\n")
    hooks = analyse(spec).api.webhooks
    assert hooks is not None and hooks.secret_env == "ACME_HOOK_KEY"
    assert hooks.signing is not None and (hooks.signing.scheme, hooks.signing.header, hooks.signing.tolerance) == ("stripe-v1", "acme-signature", 300)


def test_diff_reports_webhook_events_added_and_removed(tmp_path: Path) -> None:
    old = write_spec(tmp_path / "old", BODY_30 % {"title": "Diff Hooks"})
    text = (BODY_30 % {"title": "Diff Hooks"}).replace("  pet.adopted:", "  pet.returned:").replace("[pet.adopted]", "[pet.returned]")
    new = write_spec(tmp_path / "new", text, "webhooks: {signature: stripe-v1, header: x-sig}\n")
    report = diff_files(old, new)
    found = {(c.kind, c.place, c.what) for c in report.changes}
    assert ("breaking", "`client.webhooks`, event `pet.adopted`", "webhook event removed") in found
    assert ("non-breaking", "`client.webhooks`, event `pet.returned`", "webhook event added") in found
    assert ("non-breaking", "`client.webhooks`", "webhook signature check added (`verify`)") in found
    back = {(c.kind, c.what) for c in diff_files(new, old).changes}
    assert ("breaking", "webhook signature check removed (`verify`)") in back
    assert not [c for c in diff_files(old, old).changes]
