"""The client itself: its names and options."""

from __future__ import annotations

from .report import BREAKING, Change, NON_BREAKING
from .sides import Side


def _compare_client(old: Side, new: Side) -> list[Change]:
    changes: list[Change] = []
    place = f"`{new.config.client_name}(...)`"
    if old.api.auth_scheme == "bearer" and new.api.auth_scheme != "bearer":
        changes.append(Change(BREAKING, place, "option `api_key` removed", note="the spec no longer declares bearer auth"))
    elif new.api.auth_scheme == "bearer" and old.api.auth_scheme != "bearer":
        changes.append(Change(NON_BREAKING, place, "option `api_key` added", addition=True))
    if old.api.base_url != new.api.base_url:
        changes.append(Change(NON_BREAKING, place, "default base URL changed", old.api.base_url, new.api.base_url))
    for attr in ("package_name", "client_name", "async_client_name"):
        a, b = getattr(old.config, attr), getattr(new.config, attr)
        if a != b:
            changes.append(Change(BREAKING, f"`{new.config_file}`", f"{attr} renamed", a, b, note="callers import this name"))
    return changes
