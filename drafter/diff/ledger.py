"""Changed targets from the target ledger (``drafter.targets.ledger``), when it is installed."""

from __future__ import annotations

from typing import Any

from drafter.diff.model import TargetChange
from drafter.model import Plan

#: Ledger verdicts a reviewer is shown; a kept *standard* is shown too (probably not updated).
_SHOWN = {"raised", "lowered", "dropped", "new"}
_STANDARD = "standard"


def target_changes(base: Plan, draft: Plan) -> tuple[TargetChange, ...]:
    """The ledger's changed targets between two plans, or () when the ledger is absent."""
    try:
        from drafter.targets.ledger import compare
    except ImportError:
        return ()
    out = []
    for entry in compare(base, draft):
        target = entry.target
        if entry.status in _SHOWN or (entry.status == "kept" and target.kind == _STANDARD):
            out.append(_change(entry))
    return tuple(out)


def _change(entry: Any) -> TargetChange:
    """One ledger entry as a TargetChange."""
    target = entry.target
    return TargetChange(
        subject=target.subject,
        status=entry.status,
        base=_written(entry.base),
        draft=_written(entry.draft),
        kind=target.kind,
        base_item_id=entry.base.item_id if entry.base else "",
        draft_item_id=entry.draft.item_id if entry.draft else "",
    )


def _written(target: Any) -> str:
    """A target's quantity as written (``不低于650元/月``), or '' when there is none."""
    if target is None:
        return ""
    return target.quantity or f"{target.value:g}{target.unit}"
