"""From a reviewed document to proposals on the draft: every tracked change, every comment,
and every edit made without 修订 (found as the text difference, author unknown).

The reviewed text (every change rejected) is parsed as a plan and aligned with the draft by the
diff engine, item by item, by content; each change is then named by the draft's section and
item it falls in. A document whose items mostly do not align is not a review of this draft.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from drafter.diff.words import fold
from drafter.errors import InputError
from drafter.ingest.clean import clean_lines
from drafter.model import Plan
from drafter.parse.labels import find_label
from drafter.parse.structure import parse_lines
from drafter.review import model as M
from drafter.review.context import (
    Context,
    anchor,
    block_of,
    context_around,
    make_context,
    place,
)
from drafter.review.docx_read import DEL, INS, KEEP, Note, Piece, Reviewed, read_reviewed
from drafter.review.regions import Regions
from drafter.review.untracked import untracked

#: Share of the reviewed items' text that must align with the draft for it to be a review of it.
MATCH_SHARE = 0.5
#: An aligned item pair this alike counts towards that share.
PAIR_MATCH = 0.5

_ITEM_LABEL_KINDS = ("paren", "shi", "arabic")


@dataclass(frozen=True)
class Review:
    """A reviewed document read and mapped onto a draft."""

    proposals: tuple[M.Proposal, ...]
    """Changes and comments in document order (ids not yet numbered by round)."""
    sections: tuple[str, ...]
    """Titles of the draft sections the document covers."""
    reviewed: Plan
    """The reviewed document as a plan (every change rejected)."""


@dataclass
class _Change:
    """A tracked change while collecting (mutable scratch)."""

    start: int
    end: int
    deleted: str
    inserted: str
    author: str | None
    date: str | None
    move: str = ""
    region: int = 0


def read_review(
    draft: Plan, path: Path | str, *, own_authors: tuple[str, ...] = ("drafter",)
) -> Review:
    """Read a reviewed .docx and map its changes and comments onto ``draft``.

    Revisions by ``own_authors`` (drafter's tracked-changes export against last year) are the
    draft's own text, not a reviewer's.
    """
    path = Path(path)
    doc = read_reviewed(path, own_authors=own_authors)
    return propose(draft, doc, where=path.name)


def propose(draft: Plan, doc: Reviewed, *, where: str = "审阅稿") -> Review:
    """Map a read document's changes and comments onto ``draft``."""
    text = doc.old_text
    reviewed = _parse(text, where)
    ctx = make_context(draft, reviewed, text)
    _check_match(ctx, where)
    found: list[tuple[int, M.Proposal]] = []
    changes = _tracked(doc, ctx)
    for ch in changes:
        if not _label_only(ch, ctx):
            found.append((ch.start, _from_change(ch, ctx, doc.notes)))
    _pair_moves(found)
    for note in doc.notes:
        found.append((note.start, _from_note(note, ctx)))
    found.extend(untracked(ctx))
    found.sort(key=lambda t: t[0])
    if not found:
        raise InputError(f"{where} 中没有修订、批注，与草稿的文字也完全相同，没有需要审阅的内容。")
    covered = tuple(draft.sections[i].title for i in sorted(ctx.sections))
    return Review(tuple(p for _, p in found), covered, reviewed)


def _parse(text: str, where: str) -> Plan:
    """The reviewed text as a plan, or a Chinese error when it is not a plan at all."""
    lines = tuple(line for line in text.split("\n"))
    cleaned = clean_lines(lines)
    try:
        return parse_lines(cleaned.lines, cleaned.web_meta, where)
    except InputError as exc:
        raise InputError(f"{where} 与这份草稿不符：文中没有找到要点的章节（一、二、…），不像是这份草稿的审阅稿。") from exc


def _check_match(ctx: Context, where: str) -> None:
    """Refuse a document most of whose items do not align with the draft's."""
    total = matched = 0
    for si, ii, _section, item in ctx.reviewed.iter_items():
        n = len(fold(item.text))
        total += n
        pair = ctx.items.get((si - 1, ii - 1))
        if pair is not None and pair.base is not None and pair.similarity >= PAIR_MATCH:
            matched += n
    if total == 0:
        titles = {fold(s.title) for s in ctx.draft.sections}
        if any(fold(s.title) in titles for s in ctx.reviewed.sections):
            return
    if total == 0 or matched / total < MATCH_SHARE:
        title = ctx.reviewed.meta.title or "该文件"
        raise InputError(
            f"{where}（{title}）与这份草稿不符：其中的条目大多在草稿中找不到，"
            f"请确认是《{ctx.draft.meta.title or '本草稿'}》的审阅稿。"
        )


# -- tracked changes ---------------------------------------------------------------------


def _tracked(doc: Reviewed, ctx: Context) -> list[_Change]:
    """Tracked changes grouped: a run of changed pieces by one reviewer, cut at regions."""
    out: list[_Change] = []
    offset = 0
    current: _Change | None = None
    for piece in _split(doc.pieces, ctx.regions):
        if piece.kind == KEEP:
            current = None
            offset += len(piece.text)
            continue
        region = ctx.regions.at(offset if piece.kind == DEL or offset == 0 else offset - 1)
        if piece.kind == INS and offset and ctx.text[offset - 1] != "\n":
            region = ctx.regions.at(offset)
        same = (
            current is not None
            and current.author == piece.author
            and current.move == piece.move
            and current.region == region
        )
        if not same:
            current = _Change(offset, offset, "", "", piece.author, piece.date, piece.move, region)
            out.append(current)
        assert current is not None
        if piece.kind == DEL:
            current.deleted += piece.text
            current.end = offset + len(piece.text)
            offset += len(piece.text)
        else:
            current.inserted += piece.text
    return out


def _split(pieces: tuple[Piece, ...], regions: Regions) -> list[Piece]:
    """Pieces of old text cut where regions start, so that no change spans two parts."""
    out: list[Piece] = []
    offset = 0
    for p in pieces:
        if p.kind == INS:
            out.append(p)
            continue
        text = p.text
        while text:
            index = regions.at(offset)
            room = regions.end(index) - offset
            head, text = text[: max(room, 1)], text[max(room, 1) :]
            out.append(Piece(p.kind, head, p.author, p.date, p.rev, p.move))
            offset += len(head)
    return out


def _from_change(ch: _Change, ctx: Context, notes: tuple[Note, ...]) -> M.Proposal:
    """A proposal for one tracked change."""
    region = ctx.regions.regions[ch.region]
    deleted, inserted = ch.deleted.strip("\n"), ch.inserted.strip("\n")
    kind = M.REPLACE if deleted and inserted else M.DELETE if deleted else M.INSERT
    if ch.move:
        kind = M.MOVE
    target, si, ii = block_of(ctx, region.key)
    start = max(ch.start, region.content)
    before = ctx.text[start : ch.end].strip("\n") if ch.deleted else ""
    whole = _whole_item(ch, ctx, ch.region)
    new_item = None
    if not ch.deleted and "\n" in ch.inserted:
        new_item = _new_item_text(inserted)
    fields = place(ctx, target, si, ii)
    left, right = context_around(ctx, ch.region, start, ch.end)
    comment = _comment_on(notes, ch.start, ch.end)
    if new_item is not None and target in (M.ITEM, M.SECTION_TITLE, M.INTRO):
        fields = place(ctx, M.SECTION_TITLE, si, -1)
        return M.Proposal(
            id="", kind=M.MOVE if ch.move else M.INSERT, author=ch.author, date=ch.date,
            before=None, after=inserted, comment=comment, target=M.NEW_ITEM,
            anchor=anchor(ctx, target, si, ii),
            section_no=si + 1 if si >= 0 else 0, item_no=ii + 1 if target == M.ITEM else 0,
            section=fields[0], item=None,
        )
    if target == M.ITEM:
        inserted, before = inserted.replace("\n", ""), before.replace("\n", "")
    return M.Proposal(
        id="", kind=kind, author=ch.author, date=ch.date, section=fields[0], item=fields[1],
        before=(whole or before) or None, after=inserted or None, comment=comment,
        target=target, section_no=si + 1 if si >= 0 else 0,
        item_no=ii + 1 if target == M.ITEM else 0,
        anchor=anchor(ctx, target, si, ii), left="" if whole else left,
        right="" if whole else right,
    )


def _label_only(ch: _Change, ctx: Context) -> bool:
    """A change to an item's or section's number alone: drafter renumbers by itself."""
    region = ctx.regions.regions[ch.region]
    if region.key[0] not in ("item", "section") or region.content <= region.start:
        return False
    inside = ch.start >= region.start and ch.end <= region.content
    label = find_label((ch.inserted or "").strip() + "x")
    return inside and (not ch.inserted or (label is not None and label.rest == "x"))


def _whole_item(ch: _Change, ctx: Context, index: int) -> str:
    """The deleted text when a deletion takes a whole item (label and all), else ''."""
    region = ctx.regions.regions[index]
    if region.key[0] != "item" or not ch.deleted:
        return ""
    end = ctx.regions.end(index)
    body = ctx.text[region.content : end].strip("\n")
    if ch.start <= region.start + 1 and ch.end >= end - 1 and body:
        return body
    return ""


def _new_item_text(inserted: str) -> str | None:
    """The text of a newly inserted paragraph that starts an item (its label kept), else None."""
    label = find_label(inserted.strip())
    if label is not None and label.kind in _ITEM_LABEL_KINDS:
        return inserted.strip()
    return None


def _pair_moves(found: list[tuple[int, M.Proposal]]) -> None:
    """A moved item's two ends (moveFrom, moveTo) become one proposal at its old place.

    An end without its partner is what it looks like alone: a whole item leaving is a
    deletion, one arriving an insertion. Moved words inside items stay two proposals (the
    words leave one place and arrive at another), each applied on its own.
    """
    from dataclasses import replace

    def key(p: M.Proposal) -> str:
        text = p.before if p.target == M.ITEM else p.after
        label = find_label((text or "").strip())
        return fold(label.rest if label is not None and p.target == M.NEW_ITEM else text or "")

    sources = {key(p): k for k, (_, p) in enumerate(found)
               if p.kind == M.MOVE and p.target == M.ITEM and p.before and not p.left}
    drop: set[int] = set()
    for k, (_, p) in enumerate(found):
        if p.kind != M.MOVE or p.target != M.NEW_ITEM:
            continue
        j = sources.pop(key(p), None)
        if j is None:
            found[k] = (found[k][0], replace(p, kind=M.INSERT))
            continue
        src = found[j][1]
        found[j] = (found[j][0], replace(
            src, after=src.before, to_section=p.section_no or src.section_no,
            to_anchor=p.anchor if p.item_no else ""))
        drop.add(k)
    for j in sources.values():
        found[j] = (found[j][0], replace(found[j][1], kind=M.DELETE))
    for k in sorted(drop, reverse=True):
        del found[k]


# -- comments ----------------------------------------------------------------------------


def _from_note(note: Note, ctx: Context) -> M.Proposal:
    """A proposal for one comment: the words it covers and what it says."""
    index = ctx.regions.at(note.start)
    region = ctx.regions.regions[index]
    target, si, ii = block_of(ctx, region.key)
    fields = place(ctx, target, si, ii)
    start = note.start if note.start >= region.content else region.content
    covered = ctx.text[start : max(start, note.end)].strip() or None
    return M.Proposal(
        id="", kind=M.COMMENT, author=note.author, date=note.date, section=fields[0],
        item=fields[1], before=covered, after=None, comment=note.text, target=target,
        section_no=si + 1 if si >= 0 else 0, item_no=ii + 1 if target == M.ITEM else 0,
        anchor=anchor(ctx, target, si, ii), replies=note.replies,
        decision=M.RESOLVED if note.done else M.PENDING,
    )


def _comment_on(notes: tuple[Note, ...], start: int, end: int) -> str | None:
    """The text of the comments on the same words as a change, if any."""
    texts = [n.text for n in notes if n.start <= end and start <= n.end and n.end > n.start]
    return "\n".join(texts) if texts else None


