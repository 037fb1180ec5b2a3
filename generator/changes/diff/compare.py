"""The whole comparison: every rule family, one report."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from .client import _compare_client
from .docs import _compare_docs
from .models import _compare_models, _model_renames
from .operations import _compare_operations
from .report import Change, Report
from .sides import load_side, load_side_at_ref, Side
from .versions import suggest_version
from .webhooks import _compare_webhooks


def compare(old: Side, new: Side) -> Report:
    renames = _model_renames(old, new)
    changes = [
        *_compare_client(old, new),
        *_compare_operations(old, new, renames),
        *_compare_models(old, new, renames),
        *_compare_docs(old, new),
        *_compare_webhooks(old, new),
    ]
    unique = sorted(set(changes), key=Change.sort_key)
    base = new.config.version
    version = suggest_version(base, unique)
    if old.has_config and old.config.version != new.config.version:
        from_old = suggest_version(old.config.version, unique)
        version = replace(
            from_old,
            current=new.config.version,
            reason=from_old.reason + f"; counted from {old.config.version}, the version before this change",
        )
    return Report(old.label, new.label, new.config.distribution_name, tuple(unique), version, new.config_file)


def diff_files(old_path: Path, new_path: Path, old_label: str | None = None, new_label: str | None = None) -> Report:
    return compare(load_side(old_path, old_label), load_side(new_path, new_label))


def diff_base(spec_path: Path, ref: str) -> Report:
    return compare(load_side_at_ref(spec_path, ref), load_side(spec_path))
