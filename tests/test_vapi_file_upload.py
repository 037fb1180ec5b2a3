"""Vapi's own ``POST /file`` (a ``multipart/form-data`` upload in ../shared/vapi/openapi.json)
generates, and its method uploads a file over HTTP that a real multipart parser decodes.

The operation is taken from the live spec as it is, with the schemas it references (the whole
spec takes a minute to generate; tests/test_corpus.py does that, marked slow).
"""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path
from typing import Any

import pytest

from generator.pipeline import generate
from generator.output.writer import write_tree
from tests.conftest import ScriptedServer
from tests.wire_servers import parse_multipart

ROOT = Path(__file__).resolve().parent.parent
# shared/ lies beside the repository (CI, the main checkout) or beside the worktrees' folder.
VAPI_SPEC = next(
    (p for p in (ROOT.parent / "shared" / "vapi" / "openapi.json", ROOT.parent.parent / "shared" / "vapi" / "openapi.json") if p.exists()),
    ROOT.parent / "shared" / "vapi" / "openapi.json",
)


def _refs(node: Any) -> set[str]:
    if isinstance(node, dict):
        found = {node["$ref"]} if isinstance(node.get("$ref"), str) else set()
        return found.union(*(_refs(value) for value in node.values()))
    if isinstance(node, list):
        return set().union(*(_refs(item) for item in node))
    return set()


def file_upload_spec(document: dict[str, Any]) -> dict[str, Any]:
    """The document with only ``POST /file`` and the component schemas it reaches."""
    operation = document["paths"]["/file"]["post"]
    schemas = document["components"]["schemas"]
    kept: dict[str, Any] = {}
    todo = _refs(operation)
    while todo:
        name = todo.pop().rsplit("/", 1)[-1]
        if name not in kept:
            kept[name] = schemas[name]
            todo |= _refs(schemas[name])
    return {
        "openapi": document["openapi"],
        "info": document["info"],
        "servers": document["servers"],
        "paths": {"/file": {"post": operation}},
        "components": {"schemas": kept, "securitySchemes": document["components"]["securitySchemes"]},
    }


@pytest.fixture(scope="module")
def vapi_files(tmp_path_factory: pytest.TempPathFactory) -> Any:
    if not VAPI_SPEC.exists():
        pytest.skip(f"{VAPI_SPEC} not found")
    root = tmp_path_factory.mktemp("vapi-file")
    spec = root / "openapi.json"
    spec.write_text(json.dumps(file_upload_spec(json.loads(VAPI_SPEC.read_text(encoding="utf-8"))), ensure_ascii=False))
    result = generate(spec)
    assert not [w for w in result.api.warnings if w.message.startswith("skipped")]
    out = root / "out"
    write_tree(out, result.files)
    (package,) = [p.name for p in out.iterdir() if (p / "__init__.py").exists()]
    sys.path.insert(0, str(out))
    try:
        yield importlib.import_module(package)
    finally:
        sys.path.remove(str(out))


def test_vapi_post_file_uploads_a_file(vapi_files: Any, server: ScriptedServer, tmp_path: Path) -> None:
    path = tmp_path / "faq.pdf"
    path.write_bytes(b"%PDF-1.7 a small document\n")
    server.json(
        {"id": "f-1", "orgId": "o-1", "createdAt": "2025-01-01T00:00:00Z", "updatedAt": "2025-01-01T00:00:00Z",
         "name": "faq.pdf", "status": "processing"},
        status=201,
    )
    client = vapi_files.VapiApi(api_key="sk-test", base_url=server.url)  # named after info.title
    uploaded = client.files.create(file=path, purpose="knowledge-base-v2", metadata='{"source": "test"}')
    assert uploaded.id == "f-1" and uploaded.created_at.year == 2025
    sent = server.requests[0]
    assert (sent.method, sent.path, sent.headers["authorization"]) == ("POST", "/file", "Bearer sk-test")
    parts = parse_multipart(sent.headers["content-type"], sent.body)
    assert [(p.name, p.filename, p.content_type, p.data) for p in parts] == [
        ("file", "faq.pdf", "application/pdf", b"%PDF-1.7 a small document\n"),
        ("purpose", None, None, b"knowledge-base-v2"),
        ("metadata", None, None, b'{"source": "test"}'),
    ]
