"""Honest packages: the generated package imports only what its pyproject.toml declares
(``generator/output/deps.py``), and string formats that would need another package stay ``str``."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.output.deps import check_dependencies, declared, lower_bounds
from generator.output.formatting import GeneratedCodeError
from generator.pipeline import generate

PYPROJECT = '[project]\nname = "x"\ndependencies = ["httpx>=0.27,<1", "pydantic>=2.7,<3"]\n'


def test_declared_reads_names_and_extras() -> None:
    assert declared(PYPROJECT.replace('"pydantic>', '"pydantic[email, timezone]>')) == {
        "httpx": set(),
        "pydantic": {"email", "timezone"},
    }


def test_imports_of_declared_packages_and_docstring_text_pass() -> None:
    module = '"""Example:\n\nimport os, yaml\n"""\nfrom pydantic import (\n    BaseModel,\n    Field,\n)\nimport httpx\nimport json\nfrom . import x\n'
    check_dependencies({"pyproject.toml": PYPROJECT, "p/a.py": module}, "p")


@pytest.mark.parametrize(
    ("module", "problem"),
    [
        ("import yaml\n", "imports 'yaml', which is not a declared dependency"),
        ("from pydantic import EmailStr\n", "imports EmailStr from pydantic, which needs pydantic[email]"),
        ("def f():\n    from email_validator import validate_email\n", "imports 'email_validator'"),
    ],
)
def test_an_undeclared_import_is_an_internal_error(module: str, problem: str) -> None:
    with pytest.raises(GeneratedCodeError, match=problem.replace("[", r"\[")):
        check_dependencies({"pyproject.toml": PYPROJECT, "p/a.py": module}, "p")


def test_an_extra_that_is_declared_covers_its_names() -> None:
    pyproject = PYPROJECT.replace('"pydantic>', '"pydantic[email]>')
    check_dependencies({"pyproject.toml": pyproject, "p/a.py": "from pydantic import EmailStr\n"}, "p")


def test_formats_that_need_another_package_are_plain_strings(tmp_path: Path) -> None:
    spec = tmp_path / "openapi.yaml"
    spec.write_text(
        "openapi: 3.1.0\ninfo: {title: Email Case, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n"
        "    User:\n      type: object\n      properties:\n"
        "        email: {type: string, format: email}\n        idn: {type: string, format: idn-email}\n"
        "        ulid: {type: string, format: ulid}\n",
        encoding="utf-8",
    )
    user = generate(spec).files["email_case/types/user.py"].decode()
    assert "EmailStr" not in user and "ulid" not in user.split("class User")[0]
    assert "email: str | None = None" in user


_TE = "from typing_extensions import TypeAliasType\n"


@pytest.mark.parametrize(
    ("requirement", "problem"),
    [
        (None, "imports 'typing_extensions', which is not a declared dependency"),
        ('"typing-extensions>=4.5"', r"needs typing-extensions>=4\.6\.0 \(declared: >=4\.5\)"),
        ('"typing-extensions"', r"needs typing-extensions>=4\.6\.0"),
    ],
)
def test_a_typing_extensions_name_needs_a_floor_that_has_it(requirement: str | None, problem: str) -> None:
    pyproject = PYPROJECT if requirement is None else PYPROJECT.replace('"]', f'", {requirement}]')
    with pytest.raises(GeneratedCodeError, match=problem):
        check_dependencies({"pyproject.toml": pyproject, "p/a.py": _TE}, "p")


def test_typing_extensions_at_its_declared_floor_covers_its_names() -> None:
    pyproject = PYPROJECT.replace('"]', '", "typing-extensions>=4.6.1"]')
    check_dependencies({"pyproject.toml": pyproject, "p/a.py": _TE + "from typing_extensions import Annotated, Literal\n"}, "p")
    with pytest.raises(GeneratedCodeError, match="TypeIs from typing_extensions, which needs typing-extensions>=4.10.0"):
        check_dependencies({"pyproject.toml": pyproject, "p/a.py": "from typing_extensions import TypeIs\n"}, "p")
    with pytest.raises(GeneratedCodeError, match="no release is known here"):
        check_dependencies({"pyproject.toml": pyproject, "p/a.py": "from typing_extensions import Frobnicate\n"}, "p")


MAPS = """openapi: 3.1.0
info: {title: Maps, version: '1'}
paths: {}
components:
  schemas:
    Account:
      type: object
      properties:
        id: {type: string}
        # a payments API's shape: a map of constrained strings beside the object's own properties
        account_metadata:
          type: object
          properties: {note: {type: string}}
          additionalProperties: {type: string, maxLength: 500}
        limits: {type: object, additionalProperties: {type: integer, minimum: 0}}
        codes: {type: object, additionalProperties: {type: string, pattern: '^[A-Z]+$'}}
        either: {type: [string, array], items: {type: string}, minLength: 1, minItems: 1}
"""


def test_every_construct_that_imports_typing_extensions_generates_a_declared_import(tmp_path: Path) -> None:
    """Maps of constrained values (with or without the object's own properties) and constrained
    branches of a type list are what make datamodel-code-generator write ``TypeAliasType``
    (from typing_extensions on Python 3.10); the package declares it, at a floor that has it."""
    spec = tmp_path / "openapi.yaml"
    spec.write_text(MAPS, encoding="utf-8")
    files = {path: data.decode() for path, data in generate(spec).files.items()}
    importing = sorted(path for path, text in files.items() if "from typing_extensions import TypeAliasType" in text)
    assert len(importing) >= 4, importing
    assert "\"typing-extensions>=4.6.1; python_version < '3.13'\"" in files["pyproject.toml"]
    assert lower_bounds(files["pyproject.toml"])["typing_extensions"] == (4, 6, 1)  # the lowest of the markers' floors
