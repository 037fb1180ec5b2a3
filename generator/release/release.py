"""``make release``: version, changelog, regenerate, build and tag, from the API changes since the
last release.

1. The last release is the newest tag ``<distribution>-v<version>`` (``my-api-v0.1.0``)
   reachable from HEAD. ``generator diff`` classifies the spec's changes since it.
2. The version in the generator config is bumped by the project's semver rule (what ``diff``
   suggests: major for a breaking change, minor for an addition, patch otherwise; while the major
   version is 0, breaking bumps the minor and additions the patch). With no API change but a
   changed generated package (a new generator, a template fix), it is a patch release; with
   neither, there is nothing to release.
3. A section for users goes on top of the changelog beside the spec (breaking changes first,
   each saying what to change in calling code), which the generator ships as ``CHANGELOG.md``.
4. The package is regenerated, built (wheel and sdist, ``twine check``), and the config,
   changelog and package are committed and tagged. ``make publish`` then uploads ``dist/``.

``--dry-run`` prints all of it and changes nothing: no file, no commit, no tag, no ``dist/``.
The first release (no tag yet) keeps the configured version and says "First release.".
"""

from __future__ import annotations

import argparse
import datetime
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from ..changes import changelog
from ..config import config_path_for
from ..errors import SpecError


class ReleaseError(Exception):
    """A release that cannot go ahead, with a message for the person running it."""


class NothingToRelease(ReleaseError):
    """No API change and the same generated code as the last release: not an error."""


@dataclass(frozen=True)
class Plan:
    previous_tag: str | None
    previous_version: str | None
    version: str
    bump: str  # "first", "major", "minor", "patch" (the semver part, after the 0.x rule)
    reason: str
    tag: str
    section: str  # the changelog section
    breaking: bool


def _git(root: Path, *args: str) -> str:
    result = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True)
    if result.returncode != 0:
        raise ReleaseError(f"git {' '.join(args)}: {(result.stderr or result.stdout).strip()}")
    return result.stdout


def _top(path: Path) -> Path:
    return Path(_git(path.parent if path.parent.is_dir() else Path.cwd(), "rev-parse", "--show-toplevel").strip())


def last_tag(root: Path, prefix: str) -> str | None:
    """The newest ``<prefix><version>`` tag reachable from HEAD, by version order."""
    tags = _git(root, "tag", "--list", f"{prefix}*", "--merged", "HEAD", "--sort=-v:refname").split()
    return next((t for t in tags if re.fullmatch(re.escape(prefix) + r"\d+(\.\d+)*\S*", t)), None)


def _next_patch(version: str) -> str:
    major, minor, patch = ([int(n) for n in re.findall(r"\d+", version)[:3]] + [0, 0, 0])[:3]
    return f"{major}.{minor}.{patch + 1}"


def _package_changed(root: Path, tag: str, out: Path, files: dict[str, bytes]) -> bool:
    """Does the package generated now differ from the one committed at ``tag`` (ignoring the
    files a release itself rewrites)?"""
    rel = out.resolve().relative_to(root.resolve()).as_posix()
    listed = _git(root, "ls-tree", "-r", "--name-only", tag, "--", rel).splitlines()
    then: dict[str, bytes] = {}
    for name in listed:
        shown = subprocess.run(["git", "show", f"{tag}:{name}"], cwd=root, capture_output=True, check=True)
        then[name[len(rel) + 1 :]] = shown.stdout
    return _without_version(files) != _without_version(then)


def _without_version(files: dict[str, bytes]) -> dict[str, bytes]:
    """The package's files without the changelog and the lines that carry its version."""
    kept = {}
    for path, content in files.items():
        if path == "CHANGELOG.md":
            continue
        if path == "pyproject.toml" or path.endswith("/_version.py"):
            content = b"\n".join(line for line in content.split(b"\n") if not re.match(rb"^(version|__version__) = ", line))
        kept[path] = content
    return kept


def plan(spec: Path, out: Path, date: str) -> Plan:
    """What a release would do now (reads the repository, writes nothing)."""
    from ..changes import diff
    from ..pipeline import generate

    root = _top(spec.resolve())
    current = diff.load_side(spec)
    prefix = f"{current.config.distribution_name}-v"
    tag = last_tag(root, prefix)
    if tag is None:
        version = current.config.version
        return Plan(None, None, version, "first", "no earlier release tag", prefix + version,
                    changelog.section(version, date, None, True), False)
    report = diff.compare(diff.load_side_at_ref(spec, tag), current)
    previous = tag[len(prefix):]
    if report.version.bump != "none":
        counted = diff.suggest_version(previous, report.changes)
        version, reason = counted.suggested, counted.reason
        bump = _part(previous, version)
    elif _package_changed(root, tag, out, generate(spec).files):
        version, bump, reason = _next_patch(previous), "patch", "no API change, but the generated code changed"
    else:
        raise NothingToRelease(f"nothing to release: no API change and the same generated code as {tag}")
    section = changelog.section(version, date, report, True)
    return Plan(tag, previous, version, bump, reason, prefix + version, section, report.breaking)


def _part(old: str, new: str) -> str:
    a, b = [re.findall(r"\d+", v)[:3] for v in (old, new)]
    return "major" if a[0] != b[0] else "minor" if a[1:2] != b[1:2] else "patch"


def set_version(config_file: Path, version: str) -> None:
    """Rewrite the ``version:`` line of the generator config (comments and order kept)."""
    text = config_file.read_text(encoding="utf-8") if config_file.exists() else ""
    line = f"version: {version}"
    new, count = re.subn(r"(?m)^version:.*$", line, text)
    config_file.write_text(new if count else text + ("" if not text or text.endswith("\n") else "\n") + line + "\n", encoding="utf-8")


def release(spec: Path, out: Path, dist: Path, dry_run: bool, date: str) -> int:
    root = _top(spec.resolve())
    dirty = _git(root, "status", "--porcelain", "--untracked-files=no").strip()
    if dirty and not dry_run:
        raise ReleaseError(f"the working tree has uncommitted changes; commit them first:\n{dirty}")
    steps = plan(spec, out, date)
    config_file, history = config_path_for(spec), changelog.path_for(spec)
    was = f"{steps.previous_version} ({steps.previous_tag})" if steps.previous_tag else "no earlier release"
    print(f"release: {steps.tag}: {steps.bump} ({steps.reason}); last release: {was}")
    print(f"\n{steps.section}")
    actions = [
        f"set version: {steps.version} in {config_file}",
        f"prepend the section above to {history} (shipped as {out}/CHANGELOG.md)",
        f"regenerate {out}",
        f"build the wheel and sdist into {dist}/ (twine check)",
        f"commit and tag {steps.tag}",
    ]
    if dry_run:
        print("dry run: nothing changed. A release would:")
        print("\n".join(f"  - {a}" for a in actions))
        return 0
    if _git(root, "tag", "--list", steps.tag).strip():
        raise ReleaseError(f"tag {steps.tag} already exists")
    from ..cli import main as generator_main

    set_version(config_file, steps.version)
    history.write_text(changelog.prepend(changelog.read(spec), steps.section), encoding="utf-8")
    if generator_main(["generate", "--spec", str(spec), "--out", str(out), "--quiet"]) != 0:
        raise ReleaseError("regenerating failed (see above); the config and changelog are changed, nothing is committed")
    _build(out, dist)
    _git(root, "add", "--", str(config_file.resolve()), str(history.resolve()), str(out.resolve()))
    _git(root, "commit", "--quiet", "-m", f"Release {steps.tag}")
    _git(root, "tag", "-a", steps.tag, "-m", f"Release {steps.tag}")
    print(f"released: {steps.tag} (commit and tag made; push both, then `make publish`)")
    return 0


def _build(out: Path, dist: Path) -> None:
    import shutil

    shutil.rmtree(dist, ignore_errors=True)
    for command in (
        lambda: [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(dist), str(out)],
        lambda: [sys.executable, "-m", "twine", "check", "--strict", *sorted(str(p) for p in dist.glob("*"))],
    ):  # the second command lists what the first built
        result = subprocess.run(command(), capture_output=True, text=True)
        if result.returncode != 0:
            raise ReleaseError(f"{' '.join(command()[2:4])} failed:\n{result.stdout}{result.stderr}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator.release.release", description=__doc__.split("\n\n")[0])
    parser.add_argument("--spec", type=Path, default=Path("spec/openapi.yaml"))
    parser.add_argument("--out", type=Path, default=Path("generated"))
    parser.add_argument("--dist", type=Path, default=Path("dist"))
    parser.add_argument("--dry-run", action="store_true", help="show what a release would do; change nothing")
    parser.add_argument("--date", help="the release date for the changelog (default: today, UTC; or SOURCE_DATE_EPOCH)")
    args = parser.parse_args(argv)
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    now = datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc) if epoch else datetime.datetime.now(datetime.timezone.utc)
    try:
        return release(args.spec, args.out, args.dist, args.dry_run, args.date or now.date().isoformat())
    except NothingToRelease as exc:
        print(exc)
        return 0
    except (ReleaseError, SpecError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1 if isinstance(exc, ReleaseError) else 2


if __name__ == "__main__":
    raise SystemExit(main())
