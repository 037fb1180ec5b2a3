"""``make publish``: upload the wheel and sdist that ``make build`` put in dist/, with twine.

The index comes from ``--repository-url`` (``make publish REPOSITORY_URL=...``), the
credentials from the environment only (``TWINE_USERNAME``, ``TWINE_PASSWORD``): they are never
on a command line and never printed. An index never replaces a published version, so a
version it already has is refused with a clear message and a non-zero exit, rather than
skipped (twine's ``--skip-existing`` would report success without publishing anything).
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

# PyPI answers 400 "File already exists"; pypiserver 409 Conflict, or 400 to twine with "already
# exists" in the body (which twine shows only with --verbose, hence --verbose below).
_ALREADY_EXISTS = re.compile(r"already\s+exists|\b409\s+Conflict\b", re.IGNORECASE)
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def _shown_url(url: str) -> str:
    """The URL without any user:password@ part."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(netloc=parts.hostname + (f":{parts.port}" if parts.port else ""))) if parts.hostname else url


def _scrub(text: str) -> str:
    """twine never prints the password; should an index echo it back, it is masked here."""
    secret = os.environ.get("TWINE_PASSWORD") or ""
    return text.replace(secret, "********") if len(secret) >= 8 else text


def _brief(output: str) -> str:
    """twine's output without its --verbose INFO blocks: what a plain ``twine upload`` prints."""
    kept: list[str] = []
    in_info = False
    for line in output.splitlines():
        if line.startswith("INFO"):
            in_info = True
            continue
        if in_info and (not line.strip() or line.startswith(" ")):
            continue
        in_info = False
        kept.append(line)
    return "".join(f"{line}\n" for line in kept)


def _name_version(files: list[Path]) -> tuple[str, str]:
    wheel = next((f for f in files if f.suffix == ".whl"), files[0])
    name, _, rest = wheel.name.partition("-")
    return name.replace("_", "-"), rest.split("-")[0].removesuffix(".tar.gz")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator.release.publish", description=__doc__.splitlines()[0])
    parser.add_argument("--repository-url", default="", help="the index's upload URL")
    parser.add_argument("dist", type=Path, nargs="?", default=Path("dist"), help="directory of the built files (default: dist)")
    args = parser.parse_args(argv)
    if not args.repository_url:
        print("publish: set REPOSITORY_URL to the upload URL of the index (make publish REPOSITORY_URL=...)", file=sys.stderr)
        return 2
    files = sorted(args.dist.glob("*.whl")) + sorted(args.dist.glob("*.tar.gz"))
    if not files:
        print(f"publish: no wheel or sdist in {args.dist}/: run `make build` first", file=sys.stderr)
        return 2
    missing = [name for name in ("TWINE_USERNAME", "TWINE_PASSWORD") if not os.environ.get(name)]
    if missing:
        print(f"publish: set {' and '.join(missing)} in the environment (credentials are read from there only)", file=sys.stderr)
        return 2
    name, version = _name_version(files)
    url = _shown_url(args.repository_url)
    command = [sys.executable, "-m", "twine", "upload", "--non-interactive", "--disable-progress-bar", "--verbose",
               "--repository-url", args.repository_url, *map(str, files)]
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200"}
    result = subprocess.run(command, capture_output=True, text=True, stdin=subprocess.DEVNULL, env=env)
    full = _scrub(_ANSI.sub("", result.stdout + result.stderr).replace(args.repository_url, url))
    output = "".join(f"{line.rstrip()}\n" for line in full.splitlines())
    if result.returncode == 0:
        print(_brief(output), end="")
        print(f"published {name} {version} to {url}")
        return 0
    if _ALREADY_EXISTS.search(output):
        print(_brief(output), end="", file=sys.stderr)
        print(
            f"publish: refused: {name} {version} is already on {url}, and a published version is never replaced. "
            "Bump `version` in the generator config (spec/openapi.generator.yaml), run `make generate && make build`, "
            "then publish again.",
            file=sys.stderr,
        )
        return 1
    print(output, end="", file=sys.stderr)  # in full: the index's answer says why
    print(f"publish: twine upload to {url} failed (exit {result.returncode})", file=sys.stderr)
    return result.returncode or 1


if __name__ == "__main__":
    raise SystemExit(main())
