"""``make snapshots``: rewrite the golden output of every fixture spec under tests/fixtures/.

This is the only code that writes golden files; the tests only compare against them.
Review the diff before committing it.
"""

from __future__ import annotations

from pathlib import Path

from generator.pipeline import generate
from generator.output.writer import write_tree

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def fixture_specs() -> list[Path]:
    return sorted(FIXTURES.glob("*/openapi.yaml"))


def expected_dir(spec: Path) -> Path:
    return spec.parent / "expected"


def main() -> None:
    for spec in fixture_specs():
        changed = write_tree(expected_dir(spec), generate(spec).files)
        print(f"{'rewrote' if changed else 'unchanged'}: {expected_dir(spec).relative_to(Path.cwd())}")
    rewrite_diff_report()


def rewrite_diff_report() -> None:
    """The Markdown of ``python -m generator diff`` for the fixed edit in tests/diff_golden.py."""
    from tests import diff_golden

    result = diff_golden.render()
    if result.returncode != 0:
        raise SystemExit(f"generator diff failed:\n{result.stderr}")
    target = diff_golden.EXPECTED
    changed = not target.exists() or target.read_text(encoding="utf-8") != result.stdout
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(result.stdout, encoding="utf-8")
    print(f"{'rewrote' if changed else 'unchanged'}: {target.relative_to(Path.cwd())}")


if __name__ == "__main__":
    main()
