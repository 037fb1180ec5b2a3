"""Where the generator finds its templates and keeps its cache: in this repository, or installed.

Installed from its wheel, the templates ship inside the package (``generator/templates``, put
there by the wheel build) and the cache lives in the user's cache folder, never inside
site-packages. Run from a checkout (``python -m generator``, ``make``, or an editable install),
the templates are the repository's top-level ``templates/`` and the cache is the repository's
``.codegen-cache/``, as before.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parents[1]  # generator/ (this module is generator/common/resources.py)
REPOSITORY = PACKAGE_DIR.parent
APP_NAME = "openapi-client-generator"


def _packaged_templates() -> Path | None:
    packaged = resources.files("generator") / "templates"
    return Path(str(packaged)) if packaged.is_dir() else None


_PACKAGED = _packaged_templates()
# A checkout: the templates are the repository's own copy (the wheel's copy is made from it).
IN_REPOSITORY = _PACKAGED is None and (REPOSITORY / "templates").is_dir()
TEMPLATES: Path = _PACKAGED or REPOSITORY / "templates"


def cache_dir() -> Path:
    """``$CODEGEN_CACHE_DIR``, else the checkout's ``.codegen-cache/``, else the user's cache
    folder (``$XDG_CACHE_HOME`` or ``~/.cache``) under ``openapi-client-generator``."""
    override = os.environ.get("CODEGEN_CACHE_DIR")
    if override:
        return Path(override)
    if IN_REPOSITORY:
        return REPOSITORY / ".codegen-cache"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / APP_NAME
