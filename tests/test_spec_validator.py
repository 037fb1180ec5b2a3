"""generator/validate/spec_validator.py: openapi-spec-validator run with its registries crawled once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from referencing import Registry

from generator.load.loader import load
from generator.validate.spec_validator import located_errors

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "petstore" / "openapi.yaml"


def test_the_openapi_schema_is_crawled_once_not_at_every_lookup(monkeypatch: pytest.MonkeyPatch) -> None:
    from openapi_spec_validator import OpenAPIV31SpecValidator

    crawls = []
    real_crawl = Registry.crawl

    def counting(self: Any) -> Any:
        crawls.append(id(self))
        return real_crawl(self)

    monkeypatch.setattr(Registry, "crawl", counting)
    document = load(FIXTURE).document
    assert document["openapi"].startswith("3.1")
    assert list(located_errors(OpenAPIV31SpecValidator, document)) == []
    assert len(crawls) == len(set(crawls))  # no registry crawled twice
    assert Registry.crawl is counting  # put back as it was


def test_findings_are_the_same_as_without_the_remembered_crawls(monkeypatch: pytest.MonkeyPatch) -> None:
    from openapi_spec_validator import OpenAPIV31SpecValidator

    document = load(FIXTURE).document
    document["paths"]["/pets"]["get"]["title"] = "not allowed in 3.1"
    document["info"]["version"] = 1
    ours = [(path, error.message) for path, error in located_errors(OpenAPIV31SpecValidator, document)]
    plain = sorted(str(error.message) for error in OpenAPIV31SpecValidator(document).iter_errors())
    assert sorted(str(message) for _, message in ours) == plain and len(plain) == 2
