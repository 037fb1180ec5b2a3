"""The suggested next version of the generated package."""

from __future__ import annotations

import re
from typing import Iterable

from .report import BREAKING, Change, NON_BREAKING, Version


def suggest_version(current: str, changes: Iterable[Change]) -> Version:
    changes = list(changes)
    match = re.match(r"^(\d+)(?:\.(\d+))?(?:\.(\d+))?", current)
    major, minor, patch = (int(g or 0) for g in match.groups()) if match else (0, 0, 0)
    if any(c.kind == BREAKING for c in changes):
        bump, why = "major", "breaking changes"
    elif any(c.kind == NON_BREAKING and c.addition for c in changes):
        bump, why = "minor", "additions, nothing breaking"
    elif changes:
        bump, why = "patch", "no additions, nothing breaking"
    else:
        return Version(current, current, "none", "no change to the client's API")
    effective = bump
    if major == 0 and bump != "patch":
        effective = {"major": "minor", "minor": "patch"}[bump]
        why += f"; while the major version is 0, a {bump} change bumps the {effective} version"
    if effective == "major":
        suggested = f"{major + 1}.0.0"
    elif effective == "minor":
        suggested = f"{major}.{minor + 1}.0"
    else:
        suggested = f"{major}.{minor}.{patch + 1}"
    return Version(current, suggested, bump, why)
