"""Recognition on the specs the project holds: how many list operations of each paginate, and
in which style. The counts are the README's table (checked here, so it cannot go stale), and
every paginated operation is a list operation (no false positive on a single resource).

The corpus specs (``../shared/specs``, ``../shared/vapi``) take minutes to analyse: ``slow``.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from generator.common.walkers import operations
from generator.parse import pagination
from generator.pipeline import analyse

ROOT = Path(__file__).resolve().parent.parent
# ../shared beside the repository (in a worktree under wt/, one more level up), as tests/test_corpus.py.
SHARED = next((p / "shared" for p in (ROOT.parent, ROOT.parent.parent) if (p / "shared").is_dir()), ROOT.parent / "shared")

# spec -> (list operations, {style: operations})
FIXTURES = {
    "tests/fixtures/pagination/openapi.yaml": (10, {"cursor": 2, "cursor-id": 1, "link-header": 1, "next-url": 1, "offset": 2, "page": 1}),
    "tests/fixtures/hostile/openapi.yaml": (0, {}),
    "tests/fixtures/media/openapi.yaml": (0, {}),
    "tests/fixtures/multifile/openapi.yaml": (1, {}),
    "tests/fixtures/petstore/openapi.yaml": (1, {}),
    "tests/fixtures/todo/openapi.yaml": (1, {}),
    "tests/fixtures/wire/openapi.yaml": (0, {}),
    "spec/openapi.yaml": (1, {"time-cursor": 1}),
}
CORPUS = {
    "specs/together.yaml": (25, {"cursor": 1}),
    "specs/twilio_api_v2010.json": (61, {"next-url": 60, "page": 1}),
    "specs/opc-baseline-3.0.json": (6, {}),
    "specs/opc-baseline-3.1.yaml": (6, {}),
    "vapi/openapi.json": (26, {"page": 17}),
}


def survey(spec: Path) -> tuple[int, dict[str, int]]:
    analysis = analyse(spec)
    doc = analysis.spec.document
    places = {(method.upper(), path): (operation, item) for path, method, operation, item in operations(doc)}
    lists, styles = 0, Counter()
    for resource in analysis.api.resources:
        for op in resource.operations:
            operation, item = places[(op.http_method, op.path)]
            is_list = pagination.is_list_operation(doc, analysis.models, operation, item, op)
            if op.pagination is not None:
                assert is_list or op.pagination.source != "recognised", f"{op.http_method} {op.path} is not a list"
                styles[op.pagination.style] += 1
            lists += is_list or op.pagination is not None  # a list the config names counts too
    return lists, dict(sorted(styles.items()))


@pytest.mark.parametrize("spec", sorted(FIXTURES))
def test_the_fixtures(spec: str) -> None:
    assert survey(ROOT / spec) == FIXTURES[spec]


@pytest.mark.slow
@pytest.mark.parametrize("spec", sorted(CORPUS))
def test_the_corpus(spec: str) -> None:
    path = SHARED / spec
    if not path.exists():
        pytest.skip(f"{path} is not on this machine")
    assert survey(path) == CORPUS[spec]


def test_the_readme_table_says_the_same() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for spec, (lists, styles) in {**{f"../shared/{k}": v for k, v in CORPUS.items()}, **FIXTURES}.items():
        paged = sum(styles.values())
        by_style = ", ".join(f"{style} {count}" for style, count in styles.items()) or "none"
        assert f"| `{spec}` | {lists} | {paged} | {by_style} |" in readme, spec
