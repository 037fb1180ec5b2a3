"""The API review of a pull request: the comment body and the verdict, from two commits.

``python -m generator.changes.review --base BASE --head HEAD [--event FILE] [--label L] [--body TEXT]
--out comment.md`` compares the spec (and its generator config) as committed at the merge base
of BASE and HEAD with the one at HEAD, writes the ``generator diff`` Markdown with a verdict
into ``--out`` (the job summary and the pull-request comment), and exits:

- 0: nothing breaking, or breaking changes that the pull request acknowledges;
- 1: breaking changes that nobody acknowledged;
- 2: a spec that cannot be read (the error is in the comment too).

A breaking change is acknowledged by the label ``breaking-change-acknowledged`` or by a line
``Acknowledge-Breaking-Changes: yes`` in the pull request's description. The labels and the
description come from the GitHub event payload (``--event "$GITHUB_EVENT_PATH"``) or, locally,
from ``--label`` and ``--body``. The comment starts with :data:`MARKER`, a hidden HTML comment
by which the workflow finds its earlier comment and updates it instead of adding another.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from dataclasses import dataclass, replace
from pathlib import Path

from ..errors import Location, SpecError

MARKER = "<!-- openapi-client-generator:api-review -->"
ACK_LABEL = "breaking-change-acknowledged"
ACK_LINE = re.compile(r"^\s*Acknowledge-Breaking-Changes:\s*yes\s*$", re.IGNORECASE | re.MULTILINE)
PASS, FAIL, ERROR = 0, 1, 2


@dataclass(frozen=True)
class Review:
    body: str  # the Markdown comment, MARKER first
    verdict: int  # PASS, FAIL or ERROR


def acknowledged(labels: list[str], description: str) -> bool:
    return ACK_LABEL in labels or bool(ACK_LINE.search(description or ""))


def review(spec: Path, base: str, head: str, labels: list[str], description: str) -> Review:
    from . import diff

    root = Path(_git(spec.parent if spec.parent.is_dir() else Path.cwd(), "rev-parse", "--show-toplevel").strip())
    try:
        start = _git(root, "merge-base", base, head).strip()
    except SpecError:
        start = base  # unrelated histories: compare with the base itself
    try:
        old = replace(diff.load_side_at_ref(spec, start), label=f"{base} (merge base {start[:12]})")
        new = replace(diff.load_side_at_ref(spec, head), label=head)
        report = diff.compare(old, new)
    except SpecError as exc:
        text = f"{MARKER}\n## API changes\n\n**The spec could not be compared:** `{exc}`\n"
        return Review(text, ERROR)
    lines = [MARKER, diff.render_markdown(report).rstrip(), "", "### Verdict", ""]
    if not report.breaking:
        verdict = PASS
        lines.append("No breaking change.")
    elif acknowledged(labels, description):
        verdict = PASS
        lines.append("**Breaking changes, acknowledged** by this pull request: release them with a version that says so "
                     f"(`make release` bumps to {report.version.suggested}).")
    else:
        verdict = FAIL
        lines.append(f"**Breaking changes, not acknowledged**: this check fails until the pull request has the label "
                     f"`{ACK_LABEL}` or a line `Acknowledge-Breaking-Changes: yes` in its description.")
    return Review("\n".join(lines) + "\n", verdict)


def _git(cwd: Path, *args: str) -> str:
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True)
    if result.returncode != 0:
        raise SpecError(Location("git"), result.stderr.strip() or f"git {args[0]} failed")
    return result.stdout


def _from_event(path: Path) -> tuple[list[str], str]:
    """The pull request's labels and description from a GitHub event payload."""
    event = json.loads(path.read_text(encoding="utf-8"))
    pull = event.get("pull_request") or {}
    return [str(label.get("name")) for label in pull.get("labels") or []], str(pull.get("body") or "")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator.changes.review", description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", required=True, help="the base commit or branch (its merge base with HEAD is compared)")
    parser.add_argument("--head", default="HEAD", help="the pull request's commit (default: HEAD)")
    parser.add_argument("--spec", type=Path, default=Path("spec/openapi.yaml"))
    parser.add_argument("--event", type=Path, help="the GitHub event payload ($GITHUB_EVENT_PATH): labels and description")
    parser.add_argument("--label", action="append", default=[], help="a label of the pull request (repeatable)")
    parser.add_argument("--body", default="", help="the pull request's description")
    parser.add_argument("--out", type=Path, help="write the comment here (default: standard output)")
    args = parser.parse_args(argv)
    labels, description = list(args.label), args.body
    if args.event is not None:
        event_labels, event_body = _from_event(args.event)
        labels, description = labels + event_labels, description + "\n" + event_body
    result = review(args.spec, args.base, args.head, labels, description)
    if args.out is None:
        sys.stdout.write(result.body)
    else:
        args.out.write_text(result.body, encoding="utf-8")
    return result.verdict


if __name__ == "__main__":
    raise SystemExit(main())
