"""A draft's undo history, kept beside it (``x.undo.json`` next to ``x.toml``) and restored
when the draft is opened again.

Steps share most of their items, so each distinct item, section and plan head is stored
once under its hash and the steps list those hashes: the file stays about one plan large.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, fields, replace
from pathlib import Path
from typing import Any

from drafter.atomic import write_text
from drafter.draft.companions import history_path
from drafter.draft.history import History, Step
from drafter.model import Item, Meta, Plan, Section, Source, SubItem, Warning

FORMAT = 1
KEEP = 100
"""How many undo steps are kept on disk (the newest)."""


def save_history(history: History, draft_path: Path) -> None:
    """Write ``history`` beside the draft (atomically)."""
    table: dict[str, Any] = {}
    memo: dict[int, str] = {}

    def put(obj: object | None, data: Any) -> str:
        # Items and sections are shared between steps and alive while we write: their
        # identity tells a repeat without hashing it again.
        cached = memo.get(id(obj)) if obj is not None else None
        if cached is not None:
            return cached
        text = json.dumps(data, ensure_ascii=False, sort_keys=True)
        key = hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]
        table[key] = data
        if obj is not None:
            memo[id(obj)] = key
        return key

    def step(s: Step) -> dict[str, Any]:
        plan = s.plan
        head = {f.name: _plain(getattr(plan, f.name)) for f in fields(Plan) if f.name != "sections"}
        sections = [put(sec, {"label": sec.label, "title": sec.title, "intro": list(sec.intro),
                              "kind": sec.kind,
                              "items": [put(it, _plain(asdict(it))) for it in sec.items]})
                    for sec in plan.sections]
        return {"head": put(None, head),
                "sections": sections, "label": s.label, "key": s.key,
                "before": _ref(s.before), "after": _ref(s.after)}

    past = history.past[-KEEP:]
    data = {"format": FORMAT, "past": [step(s) for s in past],
            "present": step(history.present),
            "future": [step(s) for s in history.future[:KEEP]], "table": table}
    write_text(history_path(draft_path), json.dumps(data, ensure_ascii=False))


def load_history(draft_path: Path, plan: Plan) -> History | None:
    """The history saved beside the draft, if it ends at ``plan`` (the draft as opened);
    None when there is none, it is damaged, or the draft was changed elsewhere since."""
    from drafter.library.store import dumps

    path = history_path(draft_path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            return None
        table = data["table"]
        history = History(present=_step(data["present"], table),
                          past=tuple(_step(s, table) for s in data["past"]),
                          future=tuple(_step(s, table) for s in data["future"]))
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError):
        return None
    if dumps(history.present.plan) != dumps(plan):
        return None
    return replace(history, present=replace(history.present, plan=plan))


def _plain(value: Any) -> Any:
    """JSON-ready form of a field value (dataclasses and tuples become dicts and lists)."""
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if hasattr(value, "__dataclass_fields__"):
        return _plain(asdict(value))
    return value


def _ref(ref: tuple[int, ...] | None) -> list[int] | None:
    return None if ref is None else list(ref)


def _step(data: dict[str, Any], table: dict[str, Any]) -> Step:
    """One step rebuilt from its hashes."""
    head = dict(table[data["head"]])
    meta = dict(head.pop("meta"))
    meta["notice"] = tuple(meta.get("notice", ()))
    plan = Plan(
        id=head["id"], meta=Meta(**meta), preamble=tuple(head["preamble"]),
        closing=tuple(head["closing"]), item_style=head["item_style"],
        source=Source(**head["source"]),
        warnings=tuple(Warning(**w) for w in head["warnings"]), base=head["base"],
        sections=tuple(_section(table[key], table) for key in data["sections"]),
    )

    def ref(value: list[int] | None) -> tuple[int, ...] | None:
        return None if value is None else tuple(value)

    return Step(plan, data["label"], data["key"], ref(data["before"]), ref(data["after"]))


def _section(data: dict[str, Any], table: dict[str, Any]) -> Section:
    return Section(label=data["label"], title=data["title"], intro=tuple(data["intro"]),
                   kind=data["kind"], items=tuple(_item(table[k]) for k in data["items"]))


def _item(data: dict[str, Any]) -> Item:
    subs = tuple(SubItem(**s) for s in data.get("subitems", ()))
    return Item(**{**data, "subitems": subs})
