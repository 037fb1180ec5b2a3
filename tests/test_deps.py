"""Honest packages: the generated package imports only what its pyproject.toml declares
(``generator/output/deps.py``), and string formats that would need another package stay ``str``."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.output.deps import check_dependencies, declared
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
