"""Webhooks: the events ``client.webhooks.unwrap()`` knows, how it tells them apart, and the
signature ``verify()`` checks (generator/parse/webhooks.py). The events' models are compared
with every other model (models.py)."""

from __future__ import annotations

from ...parse import ir
from ...validate.webhook_signing import WebhookSigning
from .report import BREAKING, Change, NON_BREAKING
from .sides import Side


def _compare_webhooks(old: Side, new: Side) -> list[Change]:
    a, b = old.api.webhooks, new.api.webhooks
    if a is None and b is None:
        return []
    if a is None:
        assert b is not None
        place = f"`client.{b.accessor}`"
        return [Change(NON_BREAKING, place, "webhooks added", new=", ".join(e.name for e in b.events), addition=True)]
    place = f"`client.{(b or a).accessor}`"
    if b is None:
        return [Change(BREAKING, place, "webhooks removed", old=", ".join(e.name for e in a.events), note="the spec has no webhooks left")]
    changes: list[Change] = []
    if a.accessor != b.accessor:
        changes.append(Change(BREAKING, place, "webhooks accessor renamed", a.accessor, b.accessor))
    if a.union != b.union:
        changes.append(Change(BREAKING, place, "event union renamed", a.union, b.union, note="callers may import it from types"))
    if a.tag_path != b.tag_path:
        changes.append(Change(BREAKING, place, "event tag changed", _tag(a), _tag(b), note="bodies are told apart another way"))
    old_events = {e.name: e for e in a.events}
    new_events = {e.name: e for e in b.events}
    for name, event in old_events.items():
        other = new_events.get(name)
        here = f"{place}, event `{name}`"
        if other is None:
            changes.append(Change(BREAKING, here, "webhook event removed", old=event.model, note="its bodies now unwrap to UnknownVariant"))
        elif other.model != event.model:
            changes.append(Change(BREAKING, here, "webhook event model changed", event.model, other.model))
        elif other.tags != event.tags and a.tag_path == b.tag_path:
            changes.append(Change(BREAKING, here, "webhook event tag changed", ", ".join(event.tags), ", ".join(other.tags)))
    for name, event in new_events.items():
        if name not in old_events:
            changes.append(Change(NON_BREAKING, f"{place}, event `{name}`", "webhook event added", new=event.model, addition=True))
    changes += _compare_signing(place, a, b)
    return changes


def _tag(webhooks: ir.Webhooks) -> str:
    return ".".join(webhooks.tag_path) or "(none: tried in order)"


def _compare_signing(place: str, a: ir.Webhooks, b: ir.Webhooks) -> list[Change]:
    """The signature scheme: a new one adds ``verify()``, another or none breaks handlers that check it."""
    old, new = a.signing, b.signing
    if old == new:
        return [] if a.secret_env == b.secret_env else [
            Change(BREAKING, place, "webhook secret variable renamed", a.secret_env, b.secret_env)
        ]
    if old is None:
        assert new is not None
        return [Change(NON_BREAKING, place, "webhook signature check added (`verify`)", new=new.scheme, addition=True)]
    if new is None:
        return [Change(BREAKING, place, "webhook signature check removed (`verify`)", old=old.scheme)]
    changes = []
    if (old.scheme, old.header) != (new.scheme, new.header):
        changes.append(
            Change(BREAKING, place, "webhook signature scheme changed", _scheme(old), _scheme(new), note="signed requests verify another way")
        )
    if old.tolerance != new.tolerance:
        changes.append(Change(NON_BREAKING, place, "webhook timestamp tolerance changed", f"{old.tolerance} s", f"{new.tolerance} s"))
    if a.secret_env != b.secret_env:
        changes.append(Change(BREAKING, place, "webhook secret variable renamed", a.secret_env, b.secret_env))
    return changes


def _scheme(signing: WebhookSigning) -> str:
    return f"{signing.scheme} ({signing.header})" if signing.header else signing.scheme
