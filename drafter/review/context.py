"""What mapping a reviewed document onto a draft needs at hand, and how places are named.

The reviewed text is aligned with the draft by the diff engine; the helpers here turn a
region of the reviewed text into the draft block (title, preamble, section title, intro or
item) it corresponds to, and name that block for the JSON contract.
"""

from __future__ import annotations

from dataclasses import dataclass

from drafter.diff import diff_plans
from drafter.diff.model import ItemPair, PlanDiff
from drafter.model import Plan
from drafter.review import model as M
from drafter.review.blocks import CONTEXT, block_text
from drafter.review.regions import Regions, find_regions


@dataclass
class Context:
    """What the mapping needs at hand."""

    draft: Plan
    reviewed: Plan
    text: str
    regions: Regions
    diff: PlanDiff
    items: dict[tuple[int, int], ItemPair]
    sections: dict[int, int]


def make_context(draft: Plan, reviewed: Plan, text: str) -> Context:
    diff = diff_plans(draft, reviewed, ledger=False)
    items: dict[tuple[int, int], ItemPair] = {}
    for pair in diff.pairs:
        for ref in pair.drafts:
            items[(ref.section - 1, ref.item - 1)] = pair
    sections = {
        s.base.section - 1: s.draft.section - 1
        for s in diff.sections
        if s.base is not None and s.draft is not None
    }
    return Context(draft, reviewed, text, find_regions(text, reviewed), diff, items, sections)


def inverse(ctx: Context) -> dict[int, int]:
    """Reviewed section index → draft section index."""
    return {r: d for d, r in ctx.sections.items()}


def block_of(ctx: Context, key: tuple[object, ...]) -> tuple[str, int, int]:
    """The draft block (target, 0-based section, item) a reviewed region corresponds to."""
    kind = key[0]
    if kind == "title":
        return M.TITLE, -1, -1
    if kind == "preamble":
        return M.PREAMBLE, -1, -1
    if kind in ("section", "intro"):
        ri = int(key[1])  # type: ignore[call-overload]
        si = inverse(ctx).get(ri, -1)
        if si < 0:
            return M.OUTSIDE, -1, -1
        return (M.SECTION_TITLE if kind == "section" else M.INTRO), si, -1
    if kind == "item":
        pair = ctx.items.get((int(key[1]), int(key[2])))  # type: ignore[call-overload]
        if pair is not None and pair.base is not None:
            return M.ITEM, pair.base.section - 1, pair.base.item - 1
        si = inverse(ctx).get(int(key[1]), -1)  # type: ignore[call-overload]
        return (M.INTRO, si, -1) if si >= 0 else (M.OUTSIDE, -1, -1)
    return M.OUTSIDE, -1, -1


def place(ctx: Context, target: str, si: int, ii: int) -> tuple[str | None, str | None]:
    """The section title and item label for the JSON contract (None when not known)."""
    if target in (M.TITLE, M.PREAMBLE, M.OUTSIDE) or not 0 <= si < len(ctx.draft.sections):
        return None, None
    section = ctx.draft.sections[si]
    item = None
    if target == M.ITEM and 0 <= ii < len(section.items):
        item = section.items[ii].label or None
    return section.title, item


def anchor(ctx: Context, target: str, si: int, ii: int) -> str:
    return block_text(ctx.draft, target, si, ii) or ""


def context_around(ctx: Context, index: int, start: int, end: int) -> tuple[str, str]:
    """Context characters either side of a change, inside its region."""
    region = ctx.regions.regions[index]
    lo = region.content
    hi = ctx.regions.end(index)
    left = ctx.text[max(lo, start - CONTEXT) : start]
    right = ctx.text[end:hi]
    return left.replace("\n", ""), right.replace("\n", "")[:CONTEXT]
