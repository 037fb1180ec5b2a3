"""Where the changelog of the generated package is (beside the spec), and reading it: the
generator ships it as CHANGELOG.md, the run cache keys on it (:mod:`generator.changes.changelog`
writes its release sections)."""

from __future__ import annotations

from pathlib import Path


def path_for(spec_path: Path) -> Path:
    """``spec/openapi.yaml`` -> ``spec/openapi.changelog.md``."""
    return spec_path.with_name(f"{spec_path.stem}.changelog.md")


def read(spec_path: Path) -> str | None:
    path = path_for(spec_path)
    return path.read_text(encoding="utf-8") if path.is_file() else None
