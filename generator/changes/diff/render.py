"""The report as Markdown or JSON, and the `diff` command."""

from __future__ import annotations

import json
import re
from dataclasses import asdict
from pathlib import Path

from .compare import diff_base, diff_files
from .report import KINDS, Report, TITLES


def render_markdown(report: Report) -> str:
    counts = ", ".join(f"{report.count(kind)} {kind}" for kind in KINDS)
    lines = [
        f"## API changes in {report.package}",
        "",
        f"From `{report.old_label}` to `{report.new_label}`: {counts}.",
    ]
    if not report.changes:
        lines += ["", "No change that callers of the client can see."]
    for kind in KINDS:
        selected = [c for c in report.changes if c.kind == kind]
        if not selected:
            continue
        lines += ["", f"### {TITLES[kind]} ({len(selected)})", ""]
        lines += [f"- {c.place}: {c.message}" for c in selected]
    v = report.version
    lines += ["", "### Suggested version", ""]
    if v.bump == "none":
        lines.append(f"**{v.current}** stays ({v.reason}).")
    else:
        lines.append(f"**{v.suggested}** ({v.bump}: {v.reason}). Current version: {v.current}, set in `{report.config_file}`.")
    return "\n".join(lines) + "\n"


def render_json(report: Report) -> str:
    data = {
        "old": report.old_label,
        "new": report.new_label,
        "package": report.package,
        "summary": {kind: report.count(kind) for kind in KINDS},
        "breaking": report.breaking,
        "changes": [{**asdict(c), "place": _plain(c.place), "message": _plain(c.message)} for c in report.changes],
        "version": {**asdict(report.version), "config": report.config_file},
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _plain(text: str) -> str:
    """``text`` without Markdown code spans (JSON readers get the text itself)."""

    def unfence(match: re.Match[str]) -> str:
        inner = match.group(2)
        return inner[1:-1] if len(inner) > 2 and inner.startswith(" ") and inner.endswith(" ") else inner

    return re.sub(r"(`+)(.+?)\1", unfence, text)


def run(old: Path | None, new: Path | None, base: str | None, spec: Path, fmt: str, fail_on: str | None) -> int:
    """The ``diff`` command after argument parsing; raises SpecError for a bad spec."""
    if base is not None:
        report = diff_base(spec, base)
    else:
        assert old is not None and new is not None, "the CLI passes OLD and NEW, or --base"
        report = diff_files(old, new)
    print(render_json(report) if fmt == "json" else render_markdown(report), end="")
    return 1 if fail_on == "breaking" and report.breaking else 0
