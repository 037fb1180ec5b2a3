"""``python -m generator generate|check|diff``: the commands ``make generate``, ``make check`` and ``make diff`` run.

Installed, the same commands are the ``openapi-client-generator`` console script (:func:`entry`).
"""

from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from .output import cache
from . import progress
from .common import resources
from .validate import strictness
from .errors import SpecError
from .output.writer import read_tree, write_tree

if TYPE_CHECKING:
    from .errors import Finding
    from .pipeline import Result

# Relative to the working directory: the repository's layout, and the layout `make` and the
# pre-commit hook expect in any project that uses the generator.
DEFAULT_SPEC = Path("spec") / "openapi.yaml"
DEFAULT_OUT = Path("generated")


def entry() -> int:
    """The ``openapi-client-generator`` console script: the same commands, flags and exit codes."""
    return main(prog=resources.APP_NAME)


def main(argv: list[str] | None = None, prog: str = "python -m generator") -> int:
    parser = argparse.ArgumentParser(prog=prog, description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    for name, text in (
        ("generate", "write the client package for a spec"),
        ("check", "exit 1 with a diff when the output is not what the spec generates"),
    ):
        command = commands.add_parser(name, help=text)
        command.add_argument("--spec", type=Path, default=DEFAULT_SPEC, help="OpenAPI document (default: spec/openapi.yaml)")
        command.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output directory (default: generated/)")
        command.add_argument("--strict", action="store_true", help="treat warnings (skipped operations) as errors")
        command.add_argument("--no-cache", action="store_true", help="work from scratch: no skipped run, no remembered stage")
        if name == "generate":
            command.add_argument("--quiet", "-q", action="store_true", help="no progress on a terminal")
    compare = commands.add_parser("diff", help="classify the API changes between two specs (breaking first)")
    compare.add_argument("old", nargs="?", type=Path, help="the old spec file")
    compare.add_argument("new", nargs="?", type=Path, help="the new spec file")
    compare.add_argument("--base", metavar="REF", help="compare --spec as committed at git REF with the working tree")
    compare.add_argument("--spec", type=Path, default=DEFAULT_SPEC, help="the spec for --base (default: spec/openapi.yaml)")
    compare.add_argument("--format", choices=("markdown", "json"), default="markdown")
    compare.add_argument("--fail-on", choices=("breaking",), help="exit 1 when any change is breaking")
    args = parser.parse_args(argv)
    if args.command == "diff":
        from .changes import diff  # imported here: a cached `generate` must stay fast

        if not ((args.base is None and args.new is not None) or (args.base is not None and args.old is None)):
            parser.error("diff needs OLD and NEW spec files, or --base REF (not both)")
        try:
            return diff.run(args.old, args.new, args.base, args.spec, args.format, args.fail_on)
        except SpecError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
    if args.command == "generate" and not args.no_cache and args.spec.is_file():
        cached = cache.lookup(args.spec, args.out)
        if cached is not None and not (args.strict and cached):
            for line in cached:
                print(line, file=sys.stderr)
            print(f"unchanged: {args.out} (inputs unchanged since the last run)")
            return 0
    from .pipeline import generate
    from .common.stagecache import StageCache

    shown = args.command == "generate" and not args.quiet and sys.stderr.isatty()
    report = progress.TerminalProgress(sys.stderr) if shown else progress.Progress()
    previous = progress.install(report)
    try:
        result = generate(args.spec, None if args.no_cache else StageCache())
    except SpecError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:  # a bug, not the spec's fault: still one line, and nothing written
        detail = " ".join(f"{type(exc).__name__}: {exc}".split())
        print(f"error: internal error while generating from {args.spec}: {detail} (please report)", file=sys.stderr)
        return 2
    finally:
        report.finish()  # the progress line ends before any message
        progress.install(previous)
    verdict = strictness.judge(result.api.warnings, args.strict or result.api.config.strict, result.api.config.allow_skips)
    warnings = _finding_lines(result, verdict)
    for line in warnings:
        print(line, file=sys.stderr)
    if verdict.failed:
        print(f"error: {_strict_summary(args, verdict)}", file=sys.stderr)
        return 2
    if args.command == "check":
        return _check(result.files, args.out)
    report.stage(f"writing {args.out}")
    before = read_tree(args.out)
    changed = write_tree(args.out, result.files)
    report.finish()
    cache.store(args.spec, args.out, warnings, result.sources)
    print(f"{'wrote' if changed else 'unchanged'}: {args.out} ({_tree_change(before, result.files)})")
    return 0


def _tree_change(before: dict[str, bytes], after: dict[str, bytes]) -> str:
    """``53 files: 2 changed, 1 added`` (or ``53 files`` when none did)."""
    counts = (
        ("changed", sum(1 for path in after if path in before and before[path] != after[path])),
        ("added", sum(1 for path in after if path not in before)),
        ("removed", sum(1 for path in before if path not in after)),
    )
    detail = ", ".join(f"{number} {what}" for what, number in counts if number)
    return f"{len(after)} files" + (f": {detail}" if detail else "")


def _finding_lines(result: Result, verdict: strictness.Verdict) -> list[str]:
    """One ``warning:`` or ``error:`` line per finding, with its ``file:line:col: #/pointer``."""

    def place(finding: Finding) -> str:
        return str(result.spec.locate(finding.pointer)) if result.spec else finding.pointer

    def as_error(finding: Finding) -> str:
        operation = strictness.operation_of(finding.pointer)
        if operation and finding.message.startswith("skipped: "):
            return f"{operation} would be skipped: {finding.message.removeprefix('skipped: ')}"
        return finding.message

    lines = [f"error: {place(f)}: {as_error(f)}" for f in verdict.errors]
    lines += [f"warning: {place(f)}: {f.message} (allowed: {reason})" for f, reason in verdict.allowed]
    lines += [f"warning: {place(f)}: {f.message}" for f in verdict.warnings]
    lines += [f"error: {entry.where}: allow_skips names {entry.operation}, which is not skipped; remove the entry" for entry in verdict.stale]
    return lines


def _strict_summary(args: argparse.Namespace, verdict: strictness.Verdict) -> str:
    count = len(verdict.errors) + len(verdict.stale)
    if args.strict:
        return f"{count} warning(s) with --strict"
    from .config import config_path_for

    config = config_path_for(args.spec)
    return (
        f"{count} problem(s), and {config} says `strict: true`: fix the spec, or name a skipped "
        "operation in allow_skips with the reason it is acceptable"
    )


def _check(expected: dict[str, bytes], out: Path) -> int:
    actual = read_tree(out)
    if actual == expected:
        print(f"up to date: {out}")
        return 0
    for path in sorted(set(actual) | set(expected)):
        old = actual.get(path, b"").decode("utf-8", "replace").splitlines(keepends=True)
        new = expected.get(path, b"").decode("utf-8", "replace").splitlines(keepends=True)
        sys.stdout.writelines(difflib.unified_diff(old, new, f"a/{path}", f"b/{path}"))
    print(f"\n{out} is out of date: run `make generate`", file=sys.stderr)
    return 1
