"""The generated package's CHANGELOG.md: its source beside the spec, and release sections for it.

The changelog is written by ``make release`` into ``<spec stem>.changelog.md`` beside the spec
(``spec/openapi.changelog.md``), and the generator copies it into the package as
``CHANGELOG.md``, so ``generated/`` stays exactly what the spec's folder generates (the drift
check holds) and the changelog ships in the sdist.

A release section is written for the people who call the client: breaking changes first, each
with what to change in their code, then additions, other changes and documentation.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..load.changelog_file import path_for, read  # noqa: F401  (re-exported: release writes what the generator reads)

if TYPE_CHECKING:  # generator.changes.diff is imported only by a release: a cached `generate` stays fast
    from .diff import Change, Report

HEADER = "# Changelog\n\nEvery release of this package, newest first. Breaking changes say what to change in your code.\n"

# (start of Change.what, what a caller does about it); the first match wins.
_ADVICE: tuple[tuple[str, str], ...] = (
    ("operation removed", "stop calling this method: the API no longer has the operation"),
    ("method renamed", "call the new method name"),
    ("argument renamed", "pass the new keyword instead of the old one"),
    ("argument removed", "remove this argument from your calls"),
    ("new required argument", "pass this argument in every call"),
    ("optional argument made required", "pass this argument in every call"),
    ("positional arguments reordered", "pass these arguments by keyword, or in the new order"),
    ("argument type", "pass a value of the new type"),
    ("request enum value removed", "stop sending this value"),
    ("enum value removed", "stop comparing against this member"),
    ("enum member for", "use the new member name"),
    ("model renamed", "import the model under its new name"),
    ("enum renamed", "import the enum under its new name"),
    ("model removed", "stop importing this model"),
    ("enum removed", "stop importing this enum"),
    ("changed kind", "check how you build or read this type"),
    ("response field renamed", "read the field under its new name"),
    ("request field renamed", "set the field under its new name"),
    ("field renamed", "use the field under its new name"),
    ("response field removed", "stop reading this field"),
    ("request field removed", "stop setting this field"),
    ("field removed", "stop using this field"),
    ("new required field", "set this field whenever you build the model"),
    ("field made required", "set this field whenever you build the model"),
    ("response field no longer required", "handle `None` where you read this field"),
    ("response field became nullable", "handle `None` where you read this field"),
    ("field no longer accepts null", "stop sending `None` for this field"),
    ("response field type changed", "update the code that reads this field to the new type"),
    ("field type", "use the new type for this field"),
    ("default changed", "pass the old value explicitly to keep the old behaviour"),
    ("default removed", "pass the old value explicitly to keep the old behaviour"),
    ("constraints tightened", "check that the values you send meet the new limits"),
    ("success response type changed", "update the code that uses the return value"),
    ("`", "stop using it"),  # "`list_all` removed"
    ("option `api_key` removed", "stop passing `api_key`"),
    ("new required option", "pass it to the client, or set its environment variable"),
    ("needs other credentials", "give the client the credentials the method needs now"),
    ("environment `", "choose another environment, or pass base_url"),
    ("package_name renamed", "import the package under its new name"),
    ("client_name renamed", "import the client under its new name"),
    ("async_client_name renamed", "import the async client under its new name"),
)


def advice(change: Change) -> str:
    return next((text for start, text in _ADVICE if change.what.startswith(start)), "check your code against API.md")


def section(version: str, date: str, report: Report | None, code_changed: bool) -> str:
    """The release section for ``version``; ``report`` is ``None`` for the first release."""
    from .diff import BREAKING, DOCUMENTATION, NON_BREAKING
    lines = [f"## {version} ({date})", ""]
    if report is None:
        lines += ["First release.", ""]
        return "\n".join(lines)
    groups = (
        (BREAKING, False, "Breaking changes: update your code"),
        (NON_BREAKING, True, "Added"),
        (NON_BREAKING, False, "Changed"),
        (DOCUMENTATION, False, "Documentation"),
    )
    for kind, addition, title in groups:
        selected = [c for c in report.changes if c.kind == kind and (kind != NON_BREAKING or c.addition == addition)]
        if not selected:
            continue
        lines += [f"### {title}", ""]
        for change in selected:
            line = f"- {change.place}: {change.message}"
            lines.append(f"{line}. **To do:** {advice(change)}." if kind == BREAKING else f"{line}.")
        lines.append("")
    if not report.changes:
        lines += ["### Changed", ""]
        lines.append("- The generated code changed (a new generator or template); the API is the same." if code_changed
                     else "- No change to the API.")
        lines.append("")
    return "\n".join(lines)


def prepend(existing: str | None, new_section: str) -> str:
    """``new_section`` above every earlier one, under the changelog's header."""
    body = (existing or HEADER)
    if not body.startswith("# "):
        body = HEADER + "\n" + body
    head, sep, rest = body.partition("\n## ")
    return f"{head.rstrip()}\n\n{new_section.rstrip()}\n" + (f"\n## {rest}" if sep else "")
