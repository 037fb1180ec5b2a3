"""``make snapshots``: rewrite the golden output of every fixture spec under tests/fixtures/.

This is the only code that writes golden files; the tests only compare against them.
Review the diff before committing it.
"""

from __future__ import annotations

from pathlib import Path

from generator.pipeline import generate
from generator.writer import write_tree

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def fixture_specs() -> list[Path]:
    return sorted(FIXTURES.glob("*/openapi.yaml"))


def expected_dir(spec: Path) -> Path:
    return spec.parent / "expected"


def main() -> None:
    for spec in fixture_specs():
        changed = write_tree(expected_dir(spec), generate(spec).files)
        print(f"{'rewrote' if changed else 'unchanged'}: {expected_dir(spec).relative_to(Path.cwd())}")


if __name__ == "__main__":
    main()
