"""The client itself: its names and options."""

from __future__ import annotations

from .report import BREAKING, Change, NON_BREAKING
from .security import _compare_security
from .sides import Side


def _compare_client(old: Side, new: Side) -> list[Change]:
    changes: list[Change] = []
    place = f"`{new.config.client_name}(...)`"
    changes += _compare_security(old, new)  # credentials, what operations need, servers
    if old.api.base_url != new.api.base_url:
        changes.append(Change(NON_BREAKING, place, "default base URL changed", old.api.base_url, new.api.base_url))
    for attr in ("package_name", "client_name", "async_client_name"):
        a, b = getattr(old.config, attr), getattr(new.config, attr)
        if a != b:
            changes.append(Change(BREAKING, f"`{new.config_file}`", f"{attr} renamed", a, b, note="callers import this name"))
    return changes
