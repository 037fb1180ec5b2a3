"""Which findings stop a run: the config's ``strict`` switch and its named ``allow_skips``.

A third-party spec is generated leniently: an operation the generator cannot express is
skipped with a ``warning:`` and the rest of the client is written. For a spec a team curates
and publishes, losing an operation silently is a release bug, so its config says
``strict: true``: every finding is then an error (exit 2, nothing written), except a skipped
operation named in ``allow_skips`` with the reason it is acceptable::

    strict: true
    allow_skips:
      - operation: GET /session
        reason: two query parameters carry allOf beside `in`, which the validator rejects

An entry that no longer matches a finding is an error too, so the list cannot go stale.
``--strict`` on the command line is the same switch for a spec whose config does not set it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..common import pointer as jsonpointer
from ..load.loader import LoadedSpec

if TYPE_CHECKING:  # ir imports config, which imports this module
    from ..errors import Finding

POLICY_FIELDS = frozenset({"strict", "allow_skips"})
_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


@dataclass(frozen=True)
class AllowedSkip:
    operation: str  # "GET /session"
    reason: str
    where: str  # the entry's place in the config, for messages: "file:line:col: #/allow_skips/0"


@dataclass(frozen=True)
class Verdict:
    errors: tuple[Finding, ...]  # findings that stop the run
    allowed: tuple[tuple[Finding, str], ...]  # (finding, reason) of each allowed skip
    warnings: tuple[Finding, ...]  # findings that stay warnings (a lenient run)
    stale: tuple[AllowedSkip, ...]  # allow_skips entries that match no skipped operation

    @property
    def failed(self) -> bool:
        return bool(self.errors or self.stale)


def read_policy(values: dict[str, Any], source: LoadedSpec | None) -> tuple[bool, tuple[AllowedSkip, ...]]:
    """``strict`` and ``allow_skips`` from a config's ``values``; ``source`` (the loaded config
    file, None when there is none and ``values`` is empty) places the errors."""
    if source is None:
        return False, ()
    strict = values.get("strict", False)
    if not isinstance(strict, bool):
        raise source.error("#/strict", "strict must be true or false")
    raw = values.get("allow_skips", [])
    if not isinstance(raw, list):
        raise source.error("#/allow_skips", "allow_skips must be a list of {operation: METHOD /path, reason: ...}")
    allowed = []
    for index, entry in enumerate(raw):
        here = f"#/allow_skips/{index}"
        if not isinstance(entry, dict) or set(entry) != {"operation", "reason"}:
            raise source.error(here, "each allow_skips entry needs exactly `operation: METHOD /path` and `reason: ...`")
        operation, reason = entry["operation"], entry["reason"]
        label = parse_operation(operation) if isinstance(operation, str) else None
        if label is None:
            raise source.error(f"{here}/operation", f"operation must read `METHOD /path` (like `GET /items`), not {operation!r}")
        if not isinstance(reason, str) or not reason.strip():
            raise source.error(f"{here}/reason", "say why skipping this operation is acceptable")
        allowed.append(AllowedSkip(label, reason.strip(), str(source.locate(here))))
    return strict, tuple(allowed)


def parse_operation(text: str) -> str | None:
    """``"get  /items"`` -> ``"GET /items"``; None when it does not name an operation."""
    parts = text.split()
    if len(parts) != 2 or parts[0].lower() not in _METHODS or not parts[1].startswith("/"):
        return None
    return f"{parts[0].upper()} {parts[1]}"


def operation_of(pointer: str) -> str | None:
    """The operation a finding's pointer lies in: ``#/paths/~1items/get/...`` -> ``GET /items``."""
    try:
        parts = jsonpointer.split(pointer)
    except ValueError:
        return None
    if len(parts) >= 3 and parts[0] == "paths" and parts[2] in _METHODS:
        return f"{parts[2].upper()} {parts[1]}"
    return None


def judge(findings: tuple[Finding, ...], strict: bool, allowed: tuple[AllowedSkip, ...]) -> Verdict:
    """Sort ``findings`` into errors, allowed skips and plain warnings."""
    if not strict:
        return Verdict((), (), tuple(findings), ())
    by_operation = {entry.operation: entry for entry in allowed}
    used: set[str] = set()
    errors: list[Finding] = []
    allowances: list[tuple[Finding, str]] = []
    for finding in findings:
        operation = operation_of(finding.pointer)
        entry = by_operation.get(operation or "") if finding.message.startswith("skipped") else None
        if entry is None:
            errors.append(finding)
        else:
            used.add(entry.operation)
            allowances.append((finding, entry.reason))
    stale = tuple(entry for entry in allowed if entry.operation not in used)
    return Verdict(tuple(errors), tuple(allowances), (), stale)
