"""Review rounds on a draft: import a returned file as a round, decide on its proposals.

Every function takes a Plan and returns a new one, so the draft's history (undo, redo) and
autosave cover review decisions like any other edit. Nothing is applied to the text until the
writer accepts it.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from drafter.diff.words import fold
from drafter.draft.edit import add_item, delete_item, parse_item_text, renumber
from drafter.errors import InputError
from drafter.model import Item, Plan
from drafter.parse.labels import find_label
from drafter.review import model as M
from drafter.review.blocks import block_text, locate, with_block_text
from drafter.review.propose import Review, read_review


class AlreadyImported(InputError):
    """The same file was imported before; the existing round is kept."""

    def __init__(self, message: str, round_: M.Round) -> None:
        super().__init__(message)
        self.round = round_


def now() -> str:
    """The current time as ISO 8601 in UTC, to the second."""
    return datetime.now(UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def import_round(
    plan: Plan, path: Path | str, *, when: str | None = None,
    own_authors: tuple[str, ...] = ("drafter",),
) -> tuple[Plan, M.Round]:
    """The draft with the reviewed file at ``path`` added as a new round, and that round.

    Raises :class:`InputError` (one Chinese sentence) for a file that cannot be read, does not
    match the draft or holds nothing to review; the draft is then unchanged. A file imported
    before raises :class:`AlreadyImported` carrying its round.
    """
    path = Path(path)
    try:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError as exc:
        raise InputError(f"找不到文件：{path}。") from exc
    except IsADirectoryError as exc:
        raise InputError(f"{path} 是文件夹，不是 Word 文件。") from exc
    except OSError as exc:
        raise InputError(f"无法读取 {path}：{exc.strerror or exc}。") from exc
    for old in plan.rounds:
        if old.sha256 == digest:
            raise AlreadyImported(f"{path.name} 已作为第 {old.number} 轮导入，未重复导入。", old)
    review = read_review(plan, path, own_authors=own_authors)
    return add_round(plan, review, file=path.name, sha256=digest, when=when)


def add_round(
    plan: Plan, review: Review, *, file: str, sha256: str = "", when: str | None = None
) -> tuple[Plan, M.Round]:
    """The draft with a mapped review added as its next round."""
    number = len(plan.rounds) + 1
    rejected = [p for r in plan.rounds for p in r.proposals if p.decision == M.REJECTED]
    stamp = when or now()
    proposals = []
    for n, p in enumerate(review.proposals, 1):
        p = replace(p, id=f"{number}.{n}")
        earlier = next((r for r in rejected if _same(r, p)), None)
        if earlier is not None:
            p = replace(p, decision=M.REJECTED, decided=stamp, repeat_of=earlier.repeat_of or earlier.id)
        proposals.append(p)
    snapshot = replace(plan, rounds=())
    round_ = M.Round(number=number, file=file, sha256=sha256, imported=stamp,
                     proposals=tuple(proposals), snapshot=snapshot, sections=review.sections)
    return replace(plan, rounds=(*plan.rounds, round_)), round_


def _same(a: M.Proposal, b: M.Proposal) -> bool:
    """Whether two proposals ask for the same change (same reviewer or unknown, same words)."""
    if a.kind != b.kind or a.kind == M.COMMENT:
        return False
    if a.author and b.author and a.author != b.author:
        return False
    return (
        fold(a.before or "") == fold(b.before or "")
        and fold(a.after or "") == fold(b.after or "")
        and fold(a.left)[-4:] == fold(b.left)[-4:]
    )


# -- decisions ---------------------------------------------------------------------------


def current_round(plan: Plan) -> M.Round | None:
    """The latest round, or None."""
    return plan.rounds[-1] if plan.rounds else None


def find(plan: Plan, proposal_id: str) -> tuple[int, M.Proposal]:
    """(round index, proposal) for an id, or a Chinese error."""
    for k, r in enumerate(plan.rounds):
        p = r.find(proposal_id)
        if p is not None:
            return k, p
    raise InputError(f"没有编号为 {proposal_id} 的审阅意见。")


def _with(plan: Plan, k: int, proposal: M.Proposal) -> Plan:
    rounds = list(plan.rounds)
    rounds[k] = rounds[k].with_proposal(proposal)
    return replace(plan, rounds=tuple(rounds))


def accept(plan: Plan, proposal_id: str, *, when: str | None = None) -> Plan:
    """The draft with one proposal applied and marked accepted (a comment is resolved)."""
    k, p = find(plan, proposal_id)
    if p.kind == M.COMMENT:
        return resolve(plan, proposal_id, when=when)
    if not p.pending:
        raise InputError(f"第 {p.id} 条已{M.DECISION_NAMES[p.decision]}。")
    changed = apply(plan, p)
    return _with(changed, k, replace(p, decision=M.ACCEPTED, decided=when or now()))


def reject(plan: Plan, proposal_id: str, *, when: str | None = None) -> Plan:
    """The draft with one proposal marked rejected (the text is not touched)."""
    k, p = find(plan, proposal_id)
    if not p.pending:
        raise InputError(f"第 {p.id} 条已{M.DECISION_NAMES[p.decision]}。")
    return _with(plan, k, replace(p, decision=M.REJECTED, decided=when or now()))


def resolve(plan: Plan, proposal_id: str, reply: str = "", *, when: str | None = None) -> Plan:
    """The draft with a comment marked resolved, with the writer's reply."""
    k, p = find(plan, proposal_id)
    if p.kind != M.COMMENT:
        raise InputError(f"第 {p.id} 条是修改，不是批注；请接受或拒绝。")
    return _with(plan, k, replace(p, decision=M.RESOLVED, reply=reply.strip(),
                                  decided=when or now()))


def accept_author(
    plan: Plan, author: str | None, *, number: int | None = None, when: str | None = None
) -> tuple[Plan, int, list[str]]:
    """Accept every pending change of one reviewer in round ``number`` (default: the latest).

    Returns the draft, how many were applied, and the ids of those whose place could no longer
    be found (left pending).
    """
    r = current_round(plan) if number is None else next(
        (x for x in plan.rounds if x.number == number), None)
    if r is None:
        return plan, 0, []
    done, failed = 0, []
    for p in r.proposals:
        if p.author != author or not p.pending or p.kind == M.COMMENT:
            continue
        try:
            plan = accept(plan, p.id, when=when)
            done += 1
        except InputError:
            failed.append(p.id)
    return plan, done, failed


# -- applying a change -------------------------------------------------------------------


def apply(plan: Plan, p: M.Proposal) -> Plan:
    """The draft with the text change of ``p`` made, or a Chinese error if its place is gone."""
    if p.target == M.OUTSIDE:
        raise InputError(f"第 {p.id} 条改的是要点正文以外的内容（通知、落款等），请手工修改。")
    if p.target == M.NEW_ITEM:
        return _insert_item(plan, p)
    if p.kind == M.MOVE and p.to_section:
        return _move_item(plan, p)
    target, si, ii = _find_block(plan, p)
    text = block_text(plan, target, si, ii) or ""
    if p.target == M.ITEM and p.kind == M.DELETE and p.before and fold(p.before) == fold(text):
        return delete_item(plan, (si, ii))
    before = p.before or ""
    if p.kind == M.COMMENT:
        before = ""
    at = locate(text, before, p.left, p.right)
    if at is None:
        raise InputError(f"第 {p.id} 条要改的文字在草稿中已找不到（可能已被改过），请手工处理。")
    new = text[: at[0]] + (p.after or "") + text[at[1] :]
    return with_block_text(plan, target, si, ii, new)


def _find_block(plan: Plan, p: M.Proposal) -> tuple[str, int, int]:
    """The block a proposal applies to now: where it was, else the most alike by anchor."""
    si, ii = p.section_no - 1, p.item_no - 1
    if p.target != M.ITEM:
        return p.target, si, ii
    here = block_text(plan, M.ITEM, si, ii)
    if here is not None and (fold(here) == fold(p.anchor) or _fits(here, p)):
        return M.ITEM, si, ii
    from drafter.diff import similarity

    best: tuple[float, int, int] | None = None
    for s, i, _section, item in plan.iter_items():
        if not _fits(item.text, p):
            continue
        score = similarity(item.text, p.anchor)
        if best is None or score > best[0]:
            best = (score, s - 1, i - 1)
    if best is None:
        raise InputError(f"第 {p.id} 条所在的条目在草稿中已找不到，请手工处理。")
    return M.ITEM, best[1], best[2]


def _fits(text: str, p: M.Proposal) -> bool:
    """Whether the proposal's words can be found in ``text``."""
    if p.before:
        return p.before in text
    return locate(text, "", p.left, p.right) is not None and bool(p.left or p.right)


def _insert_item(plan: Plan, p: M.Proposal) -> Plan:
    """Insert a new item after the anchor item (or first in the section)."""
    si = p.section_no - 1
    if not 0 <= si < len(plan.sections):
        raise InputError(f"第 {p.id} 条要加入的部分在草稿中已找不到，请手工处理。")
    at = 0
    if p.item_no:
        found = [i for i, item in enumerate(plan.sections[si].items) if fold(item.text) == fold(p.anchor)]
        at = (found[0] + 1) if found else min(p.item_no, len(plan.sections[si].items))
    text = p.after or ""
    label = find_label(text)
    if label is not None:
        text = label.rest
    heading, body, subitems = parse_item_text(text)
    return renumber(add_item(plan, si, at, Item(label="", heading=heading, body=body,
                                                subitems=subitems)))


def _move_item(plan: Plan, p: M.Proposal) -> Plan:
    """Move a whole item to its new section, after the item it lands behind."""
    _, si, ii = _find_block(plan, p)
    item = plan.sections[si].items[ii]
    plan = delete_item(plan, (si, ii))
    to = p.to_section - 1
    if not 0 <= to < len(plan.sections):
        raise InputError(f"第 {p.id} 条要移到的部分在草稿中已找不到，请手工处理。")
    items = plan.sections[to].items
    at = 0
    if p.to_anchor:
        found = [i for i, it in enumerate(items) if fold(it.text) == fold(p.to_anchor)]
        at = found[0] + 1 if found else len(items)
    if p.after and fold(p.after) != fold(item.text):
        item = replace(item, heading="", body="", subitems=())
        heading, body, subitems = parse_item_text(p.after)
        item = replace(item, heading=heading, body=body, subitems=subitems)
    sections = list(plan.sections)
    sections[to] = replace(sections[to], items=(*items[:at], item, *items[at:]))
    return renumber(replace(plan, sections=tuple(sections)))


def locate_block(plan: Plan, p: M.Proposal) -> tuple[int, ...] | None:
    """The outline position (0-based section[, item]) a proposal is about in ``plan`` now."""
    if p.target == M.ITEM:
        try:
            _, si, ii = _find_block(plan, p)
        except InputError:
            return (p.section_no - 1,) if 0 < p.section_no <= len(plan.sections) else None
        return si, ii
    if 0 < p.section_no <= len(plan.sections):
        return (p.section_no - 1,)
    return None


def plan_at_round(plan: Plan, number: int) -> Plan:
    """The draft as it stood when round ``number`` came back (before its decisions)."""
    for r in plan.rounds:
        if r.number == number and r.snapshot is not None:
            return replace(r.snapshot, id=plan.id, base=plan.base)
    have = "、".join(str(r.number) for r in plan.rounds) or "无"
    raise InputError(f"草稿中没有第 {number} 轮审阅的记录（已有：{have}）。")
