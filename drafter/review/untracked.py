"""Edits a reviewer made with 修订 switched off: the text difference between the draft and
the reviewed document, found by the diff engine's alignment (author and date unknown)."""

from __future__ import annotations

from drafter import rx
from drafter.diff.model import ADDED, DELETE, EQUAL, INSERT, MOVED, REMOVED, ItemPair
from drafter.diff.words import fold, word_diff
from drafter.model import Plan
from drafter.parse.metadata import is_org_line, normalize_date
from drafter.review import model as M
from drafter.review.blocks import CONTEXT, block_text
from drafter.review.context import Context, anchor, inverse, place


def untracked(ctx: Context) -> list[tuple[int, M.Proposal]]:
    """The text differences between the draft and the reviewed document (author unknown)."""
    out: list[tuple[int, M.Proposal]] = []
    starts = {r.key: r for r in ctx.regions.regions}
    last = _last_item(ctx.reviewed)
    for pair in ctx.diff.pairs:
        if pair.status == REMOVED and pair.base is not None:
            si = pair.base.section - 1
            if si in ctx.sections:
                out.append((_order_after(ctx, pair, starts), _untracked_delete(ctx, pair)))
            continue
        if pair.status == ADDED and pair.draft is not None:
            out.append(_untracked_new(ctx, pair, starts))
            continue
        if pair.base is None or pair.draft is None or len(pair.bases) > 1 or len(pair.drafts) > 1:
            continue
        si, ii = pair.base.section - 1, pair.base.item - 1
        region = starts.get(("item", pair.draft.section - 1, pair.draft.item - 1))
        origin = region.content if region else 0
        reviewed_text = pair.draft.text
        if (pair.draft.section - 1, pair.draft.item - 1) == last:
            reviewed_text = _strip_signature(reviewed_text, pair.base.text)
        changes = word_diff(pair.base.text, reviewed_text)
        out.extend(_text_changes(ctx, M.ITEM, si, ii, changes, origin))
        if pair.status == MOVED:
            out.append((origin, _untracked_move(ctx, pair)))
    out.extend(_untracked_blocks(ctx, starts))
    return out


def _text_changes(
    ctx: Context, target: str, si: int, ii: int, changes, origin: int  # type: ignore[no-untyped-def]
) -> list[tuple[int, M.Proposal]]:
    """One untracked proposal per word-level change inside one block."""
    out = []
    draft_at = reviewed_at = 0
    text = block_text(ctx.draft, target, si, ii) or ""
    fields = place(ctx, target, si, ii)
    for c in changes:
        if c.op != EQUAL and fold(c.base) != fold(c.draft):
            kind = M.INSERT if c.op == INSERT else M.DELETE if c.op == DELETE else M.REPLACE
            out.append((origin + reviewed_at, M.Proposal(
                id="", kind=kind, author=None, date=None, section=fields[0], item=fields[1],
                before=c.base or None, after=c.draft or None, target=target,
                section_no=si + 1 if si >= 0 else 0, item_no=ii + 1 if target == M.ITEM else 0,
                anchor=text, left=text[max(0, draft_at - CONTEXT) : draft_at],
                right=text[draft_at + len(c.base) : draft_at + len(c.base) + CONTEXT],
            )))
        draft_at += len(c.base)
        reviewed_at += len(c.draft)
    return out


def _untracked_blocks(ctx: Context, starts) -> list[tuple[int, M.Proposal]]:  # type: ignore[no-untyped-def]
    """Untracked edits of the title, the preamble, section titles and intros."""
    out: list[tuple[int, M.Proposal]] = []
    draft, reviewed = ctx.draft, ctx.reviewed
    if reviewed.meta.title and draft.meta.title:
        region = starts.get(("title",))
        out.extend(_text_changes(ctx, M.TITLE, -1, -1, word_diff(draft.meta.title, reviewed.meta.title),
                                 region.content if region else 0))
    if reviewed.preamble:
        region = starts.get(("preamble",))
        changes = word_diff("\n".join(draft.preamble), "\n".join(reviewed.preamble))
        out.extend(_text_changes(ctx, M.PREAMBLE, -1, -1, changes, region.content if region else 0))
    for si, ri in ctx.sections.items():
        section, rsection = draft.sections[si], reviewed.sections[ri]
        region = starts.get(("section", ri))
        origin = region.content if region else 0
        out.extend(_text_changes(ctx, M.SECTION_TITLE, si, -1,
                                 word_diff(section.title, rsection.title), origin))
        if section.intro or rsection.intro:
            region = starts.get(("intro", ri))
            out.extend(_text_changes(ctx, M.INTRO, si, -1, word_diff(
                "\n".join(section.intro), "\n".join(rsection.intro)),
                region.content if region else origin))
    return out


def _untracked_delete(ctx: Context, pair: ItemPair) -> M.Proposal:
    assert pair.base is not None
    si, ii = pair.base.section - 1, pair.base.item - 1
    fields = place(ctx, M.ITEM, si, ii)
    return M.Proposal(
        id="", kind=M.DELETE, author=None, date=None, section=fields[0], item=fields[1],
        before=pair.base.text, after=None, target=M.ITEM, section_no=si + 1, item_no=ii + 1,
        anchor=pair.base.text,
    )


def _untracked_new(ctx: Context, pair: ItemPair, starts) -> tuple[int, M.Proposal]:  # type: ignore[no-untyped-def]
    """A whole item the reviewer added without 修订: new after the draft item before it."""
    assert pair.draft is not None
    rsi, rii = pair.draft.section - 1, pair.draft.item - 1
    region = starts.get(("item", rsi, rii))
    si = inverse(ctx).get(rsi, -1)
    anchor_target, anchor_ii = M.SECTION_TITLE, -1
    for k in range(rii - 1, -1, -1):
        prev = ctx.items.get((rsi, k))
        if prev is not None and prev.base is not None and prev.base.section - 1 == si:
            anchor_target, anchor_ii = M.ITEM, prev.base.item - 1
            break
    fields = place(ctx, M.SECTION_TITLE, si, -1)
    text = pair.draft.label + pair.draft.text
    return (region.start if region else 0, M.Proposal(
        id="", kind=M.INSERT, author=None, date=None, section=fields[0], item=None, before=None,
        after=text, target=M.NEW_ITEM, section_no=si + 1 if si >= 0 else 0,
        item_no=anchor_ii + 1 if anchor_target == M.ITEM else 0,
        anchor=anchor(ctx, anchor_target, si, anchor_ii),
    ))


def _untracked_move(ctx: Context, pair: ItemPair) -> M.Proposal:
    """An item the reviewer moved without 修订."""
    assert pair.base is not None and pair.draft is not None
    si, ii = pair.base.section - 1, pair.base.item - 1
    rsi, rii = pair.draft.section - 1, pair.draft.item - 1
    to = inverse(ctx).get(rsi, -1)
    to_anchor = ""
    for k in range(rii - 1, -1, -1):
        prev = ctx.items.get((rsi, k))
        if prev is not None and prev.base is not None:
            to_anchor = prev.base.text
            break
    fields = place(ctx, M.ITEM, si, ii)
    return M.Proposal(
        id="", kind=M.MOVE, author=None, date=None, section=fields[0], item=fields[1],
        before=pair.base.text, after=pair.draft.text, target=M.ITEM, section_no=si + 1,
        item_no=ii + 1, anchor=pair.base.text, to_section=to + 1 if to >= 0 else 0,
        to_anchor=to_anchor,
    )


def _order_after(ctx: Context, pair: ItemPair, starts) -> int:  # type: ignore[no-untyped-def]
    """Document order for a draft item missing from the reviewed text: after its neighbour."""
    assert pair.base is not None
    ri = ctx.sections.get(pair.base.section - 1)
    region = starts.get(("section", ri))
    return region.start if region else 0


def _last_item(plan: Plan) -> tuple[int, int] | None:
    for si in range(len(plan.sections) - 1, -1, -1):
        if plan.sections[si].items:
            return si, len(plan.sections[si].items) - 1
    return None


_DATE_LINE = rx.compile(r"^[\d〇零一二三四五六七八九十年月日\s]+$")


def _strip_signature(text: str, draft_text: str) -> str:
    """The last item without the signature and date the export prints under it."""
    lines = text.split("\n")
    while len(lines) > 1 and fold(lines[-1]) not in fold(draft_text) and (
        is_org_line(lines[-1].strip()) or normalize_date(lines[-1]) or _DATE_LINE.match(lines[-1])
    ):
        lines.pop()
    return "\n".join(lines)
