"""Changed targets from the target ledger (``drafter.targets.ledger``), when it is installed.

Only real changes are passed on: a pair whose two figures both stand unchanged in the other
year's plan (a twin with the same clause and figure) says nothing was edited, so it is left out
even if the ledger paired it across items.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from drafter.diff.model import TargetChange
from drafter.model import Plan

#: Ledger verdicts a reviewer is shown; a kept *standard* is shown too (probably not updated).
_SHOWN = {"raised", "lowered", "dropped", "new", "verb_changed", "possible"}
#: Verdicts that claim a figure or verb was edited.
_EDITED = {"raised", "lowered", "verb_changed", "possible"}
_STANDARD = "standard"


def target_changes(base: Plan, draft: Plan) -> tuple[TargetChange, ...]:
    """The ledger's changed targets between two plans, or () when the ledger is absent."""
    try:
        from drafter.targets.extract import extract_targets
        from drafter.targets.ledger import compare_targets
    except ImportError:
        return ()
    base_targets, draft_targets = extract_targets(base), extract_targets(draft)
    in_base = Counter(_key(t) for t in base_targets)
    in_draft = Counter(_key(t) for t in draft_targets)
    out = []
    for entry in compare_targets(base_targets, draft_targets):
        target = entry.target
        if entry.status in _EDITED and (in_draft[_key(entry.draft)] <= in_base[_key(entry.draft)]
                                        or in_base[_key(entry.base)] <= in_draft[_key(entry.base)]):
            continue
        if entry.status in _SHOWN or (entry.status in ("kept", "reworded")
                                      and target.kind == _STANDARD):
            out.append(_change(entry))
    return tuple(out)


def _key(target: Any) -> tuple[Any, ...]:
    """What a target keeps when its sentence is left as it was."""
    return (target.text, target.subject, target.value, target.high, target.unit, target.verb)


def _change(entry: Any) -> TargetChange:
    """One ledger entry as a TargetChange."""
    from drafter.targets.wording import written

    target = entry.target
    paired = entry.base is not None and entry.draft is not None
    return TargetChange(
        subject=target.subject,
        status=entry.status,
        base=written(entry.base) if entry.base is not None else "",
        draft=written(entry.draft) if entry.draft is not None else "",
        kind=target.kind,
        base_item_id=entry.base.item_id if entry.base else "",
        draft_item_id=entry.draft.item_id if entry.draft else "",
        base_subject=entry.base.subject if paired and entry.base.subject != target.subject
        else "",
        confidence=entry.confidence,
    )
