"""The generated package's licence, authors and URLs come from the generator config or the
spec's ``info``, and are left out when neither says (never a hard-coded licence)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from generator.config import load_config
from generator.errors import SpecError
from generator.load.loader import load
from generator.render.render import _pyproject_view, environment

SPEC = """\
openapi: 3.1.0
info:
  title: Metadata API
  version: "1.0"
{info}
paths: {{}}
{extra}
"""


def _pyproject(tmp_path: Path, info: str = "", config: str | None = None, extra: str = "") -> dict:
    spec = tmp_path / "api.yaml"
    spec.write_text(SPEC.format(info=info, extra=extra), encoding="utf-8")
    if config is not None:
        (tmp_path / "api.generator.yaml").write_text(config, encoding="utf-8")
    config_obj = load_config(load(spec))
    text = environment().get_template("metadata/pyproject.toml.jinja").render(config=config_obj, view=_pyproject_view(config_obj))
    return tomllib.loads(text)["project"]


def test_nothing_is_claimed_when_neither_the_spec_nor_the_config_says(tmp_path: Path) -> None:
    project = _pyproject(tmp_path)
    assert "license" not in project and "authors" not in project and "urls" not in project


def test_the_spec_info_gives_licence_authors_and_urls(tmp_path: Path) -> None:
    info = """\
  license: {name: Apache 2.0, identifier: Apache-2.0}
  contact: {name: "API Team \\"core\\"", email: api@example.com, url: "https://example.com/api"}"""
    project = _pyproject(tmp_path, info, extra="externalDocs: {url: 'https://docs.example.com'}")
    assert project["license"] == "Apache-2.0"
    assert project["authors"] == [{"name": 'API Team "core"', "email": "api@example.com"}]
    assert project["urls"] == {"Homepage": "https://example.com/api", "Documentation": "https://docs.example.com"}


def test_a_licence_name_that_is_not_one_word_is_left_out(tmp_path: Path) -> None:
    assert "license" not in _pyproject(tmp_path, "  license: {name: Apache License 2.0}")
    assert _pyproject(tmp_path, "  license: {name: MIT}")["license"] == "MIT"


def test_the_config_wins_over_the_spec(tmp_path: Path) -> None:
    config = """\
license: BSD-3-Clause
authors: Jane Doe <jane@example.com>; Bots Inc <bots@example.com>
repository: https://git.example.com/client
homepage: https://example.org
"""
    project = _pyproject(tmp_path, "  license: {identifier: MIT}\n  contact: {url: 'https://example.com'}", config)
    assert project["license"] == "BSD-3-Clause"
    assert project["authors"] == [{"name": "Jane Doe", "email": "jane@example.com"}, {"name": "Bots Inc", "email": "bots@example.com"}]
    assert project["urls"] == {"Homepage": "https://example.org", "Repository": "https://git.example.com/client"}


@pytest.mark.parametrize(("key", "value"), [("homepage", "javascript:alert(1)"), ("license", "MIT\\nevil = 1")])
def test_a_bad_config_value_is_a_clear_error(tmp_path: Path, key: str, value: str) -> None:
    with pytest.raises(SpecError) as error:
        _pyproject(tmp_path, config=f'{key}: "{value}"\n')
    assert error.value.location.pointer == f"#/{key}"
    assert key in str(error.value)


def test_the_flagship_config_declares_its_licence() -> None:
    root = Path(__file__).resolve().parent.parent
    assert tomllib.loads((root / "generated" / "pyproject.toml").read_text())["project"]["license"] == "MIT"
