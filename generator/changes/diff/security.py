"""Credentials and servers: the client's constructor arguments that come from the spec's
``securitySchemes``, ``security`` and ``servers``, and what each operation needs.

- A credential argument removed breaks the callers that pass it; one added is an addition,
  unless every operation needs it (the client then raises at construction without it): breaking,
  as is an existing credential becoming one every operation needs.
- An operation that needs credentials a caller configured for it before may not have (no new
  alternative is met by an old one) breaks; one that needs less (an alternative added, or none)
  does not.
- An environment or server variable removed breaks; one added does not (it has a default); a
  variable's choices narrowed break, widened do not.
- A named server of some operations' own removed breaks the callers that point it elsewhere
  (``servers={name: ...}``); one added does not.
"""

from __future__ import annotations

from ...parse import ir
from .places import _op_place
from .report import BREAKING, Change, NON_BREAKING
from .sides import Side


def _compare_security(old: Side, new: Side) -> list[Change]:
    place = f"`{new.config.client_name}(...)`"
    return [*_credentials(old, new, place), *_requirements(old, new), *_servers(old, new, place)]


def _credential_map(api: ir.Api) -> dict[str, tuple[ir.SecurityScheme, ir.Credential]]:
    return {c.name: (s, c) for s in api.security_schemes for c in s.credentials}


def _credentials(old: Side, new: Side, place: str) -> list[Change]:
    before, after = _credential_map(old.api), _credential_map(new.api)
    old_keys = {s.key for s in old.api.security_schemes}
    new_keys = {s.key for s in new.api.security_schemes}
    changes = []
    for name in sorted(before.keys() - after.keys()):
        scheme = before[name][0]
        note = f"the spec no longer has security scheme `{scheme.key}`" if scheme.key not in new_keys else f"security scheme `{scheme.key}` no longer takes it"
        changes.append(Change(BREAKING, place, f"option `{name}` removed", note=note))
    for name in sorted(after.keys() - before.keys()):
        scheme, credential = after[name]
        why = f"security scheme `{scheme.key}`" + ("" if scheme.key in old_keys else ", new")
        if name in new.api.required_credentials:
            changes.append(
                Change(BREAKING, place, f"new required option `{name}`", new=f"{name}: {credential.annotation}",
                       note=f"{why}; every operation needs it, so the client raises without it (or {credential.env})")
            )
        else:
            changes.append(Change(NON_BREAKING, place, f"option `{name}` added", new=f"{name}: {credential.annotation}", note=why, addition=True))
    for name in sorted(before.keys() & after.keys()):
        if name in new.api.required_credentials and name not in old.api.required_credentials:
            changes.append(
                Change(BREAKING, place, f"option `{name}` now required",
                       note=f"every operation needs it now: the client raises at construction without it (or {after[name][1].env})")
            )
    return changes


def _needs(api: ir.Api, requirement: tuple[tuple[str, ...], ...] | None) -> list[frozenset[str]]:
    """An operation's alternatives as the credential arguments each needs."""
    by_key = {s.key: s for s in api.security_schemes}
    alternatives = api.default_security if requirement is None else requirement
    return [frozenset(c.name for key in keys if key in by_key for c in by_key[key].credentials) for keys in alternatives]


def _shown(alternatives: list[frozenset[str]]) -> str:
    if not alternatives:
        return "none"
    return " or ".join(" and ".join(sorted(a)) or "none" for a in alternatives)


def _requirements(old: Side, new: Side) -> list[Change]:
    old_ops = {(r.name, op.name): op for r in old.api.resources for op in r.operations}
    changes = []
    for resource in new.api.resources:
        for op in resource.operations:
            key = (resource.name, op.name)
            if key not in old_ops:
                continue
            before, after = _needs(old.api, old_ops[key].security), _needs(new.api, op.security)
            if set(before) == set(after):
                continue
            # Whatever a caller configured for an old alternative must still meet a new one.
            met = (not after or frozenset() in after) or all(any(b <= a for b in after) for a in before)
            kind = NON_BREAKING if met else BREAKING
            what = "security relaxed" if met else "needs other credentials"
            changes.append(Change(kind, _op_place(key, op), what, _shown(before), _shown(after)))
    return changes


def _servers(old: Side, new: Side, place: str) -> list[Change]:
    changes = []
    before = {e.name: e for e in old.api.environments}
    after = {e.name: e for e in new.api.environments}
    for name in sorted(before.keys() - after.keys()):
        changes.append(Change(BREAKING, place, f"environment `{name}` removed", old=before[name].url))
    for name in sorted(after.keys() - before.keys()):
        changes.append(Change(NON_BREAKING, place, f"environment `{name}` added", new=after[name].url, addition=True))
    for name in sorted(before.keys() & after.keys()):
        if before[name].url != after[name].url:
            changes.append(Change(NON_BREAKING, place, f"environment `{name}` URL changed", before[name].url, after[name].url))
    old_own = {o.name: o for o in old.api.own_servers}
    new_own = {o.name: o for o in new.api.own_servers}
    for name in sorted(old_own.keys() - new_own.keys()):
        changes.append(Change(BREAKING, place, f"server `{name}` removed from `servers`", old=old_own[name].url))
    for name in sorted(new_own.keys() - old_own.keys()):
        changes.append(Change(NON_BREAKING, place, f"server `{name}` added to `servers`", new=new_own[name].url, addition=True))
    old_vars = {v.name: v for v in old.api.server_variables}
    new_vars = {v.name: v for v in new.api.server_variables}
    for name in sorted(old_vars.keys() - new_vars.keys()):
        changes.append(Change(BREAKING, place, f"option `{name}` removed", note="the servers no longer have this variable"))
    for name in sorted(new_vars.keys() - old_vars.keys()):
        v = new_vars[name]
        changes.append(Change(NON_BREAKING, place, f"option `{name}` added", new=f"{name}: {v.annotation} = {v.default!r}", addition=True))
    for name in sorted(old_vars.keys() & new_vars.keys()):
        a, b = old_vars[name], new_vars[name]
        if a.annotation != b.annotation:
            narrowed = b.annotation.startswith("Literal[") and not set(_choices(a)) <= set(_choices(b))
            kind = BREAKING if narrowed or (a.annotation == "str" and b.annotation != "str") else NON_BREAKING
            changes.append(Change(kind, place, f"option `{name}` type changed", a.annotation, b.annotation))
        if a.default != b.default:
            changes.append(Change(BREAKING, place, f"option `{name}` default changed", a.default, b.default,
                                  note="callers that left it out get another server"))
    return changes


def _choices(variable: ir.ServerVariable) -> list[str]:
    if not variable.annotation.startswith("Literal["):
        return []
    import ast

    return [str(v) for v in ast.literal_eval("[" + variable.annotation[len("Literal[") : -1] + "]")]
