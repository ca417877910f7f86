"""The draft's text blocks a review change can touch, and finding a change's place in one.

A block is the title, the preamble, a section title, a section's intro, or an item (heading,
body and sub-items as one running text, as ``Item.text``). A change remembers a few characters
either side, so its place is found again after other changes moved the offsets.
"""

from __future__ import annotations

import itertools
from dataclasses import replace

from drafter.model import Item, Plan, SubItem
from drafter.review.model import INTRO, ITEM, PREAMBLE, SECTION_TITLE, TITLE

#: Characters of context kept on each side of a change.
CONTEXT = 12


def block_text(plan: Plan, target: str, si: int, ii: int) -> str | None:
    """The text of a block (0-based section and item), or None when it does not exist."""
    if target == TITLE:
        return plan.meta.title
    if target == PREAMBLE:
        return "\n".join(plan.preamble)
    if not 0 <= si < len(plan.sections):
        return None
    section = plan.sections[si]
    if target == SECTION_TITLE:
        return section.title
    if target == INTRO:
        return "\n".join(section.intro)
    if target == ITEM and 0 <= ii < len(section.items):
        return section.items[ii].text
    return None


def with_block_text(plan: Plan, target: str, si: int, ii: int, text: str) -> Plan:
    """The plan with one block's text replaced."""
    if target == TITLE:
        return replace(plan, meta=replace(plan.meta, title=text.strip()))
    if target == PREAMBLE:
        return replace(plan, preamble=_paragraphs(text))
    section = plan.sections[si]
    if target == SECTION_TITLE:
        section = replace(section, title=text.strip())
    elif target == INTRO:
        section = replace(section, intro=_paragraphs(text))
    else:
        items = list(section.items)
        items[ii] = with_item_text(items[ii], text)
        section = replace(section, items=tuple(items))
    sections = (*plan.sections[:si], section, *plan.sections[si + 1 :])
    return replace(plan, sections=sections)


def with_item_text(item: Item, text: str) -> Item:
    """The item with its running text changed, keeping the heading/body/sub-item split.

    The old split points move with the edit: the text is cut where the old heading and each
    sub-item began, found by the unchanged text around them.
    """
    old_parts = [item.heading, item.body, *(s.label + s.text for s in item.subitems)]
    cuts = _cuts(old_parts, text)
    parts = [text[a:b] for a, b in itertools.pairwise(cuts)]
    heading, body, *subs = parts + [""] * (len(old_parts) - len(parts))
    subitems = []
    for sub, new in zip(item.subitems, subs, strict=True):
        label = sub.label if new.startswith(sub.label) else ""
        subitems.append(SubItem(label=label or sub.label, text=new[len(label):] if label else new))
    return replace(item, heading=heading, body=body, subitems=tuple(s for s in subitems if s.text))


def _cuts(parts: list[str], text: str) -> list[int]:
    """Offsets in ``text`` where each old part now starts, plus the end."""
    cuts = [0]
    old_at = 0
    for part in parts[:-1]:
        old_at += len(part)
        old = "".join(parts)
        left = old[max(0, old_at - CONTEXT) : old_at]
        right = old[old_at : old_at + CONTEXT]
        at = locate(text, "", left, right, hint=old_at)
        cuts.append(max(cuts[-1], at[0] if at else min(old_at, len(text))))
    cuts.append(len(text))
    return cuts


def locate(
    text: str, before: str, left: str, right: str, hint: int | None = None
) -> tuple[int, int] | None:
    """Where ``before`` (with ``left`` and ``right`` around it) sits in ``text``.

    For an insertion (``before`` empty) the place between ``left`` and ``right``. The best
    candidate has the most matching context; ties go to the one nearest ``hint``. None when
    ``before`` is not in the text any more.
    """
    starts = _occurrences(text, before) if before else list(range(len(text) + 1))
    best: tuple[int, int, int] | None = None
    for s in starts:
        e = s + len(before)
        score = _suffix(text[:s], left) + _prefix(text[e:], right)
        if not before and score == 0 and (left or right):
            continue
        distance = abs(s - hint) if hint is not None else 0
        key = (score, -distance, s)
        if best is None or key[:2] > best[:2]:
            best = key
    if best is None:
        if not before and not text:
            return (0, 0)
        return None
    return best[2], best[2] + len(before)


def _occurrences(text: str, needle: str) -> list[int]:
    out = []
    at = text.find(needle)
    while at >= 0:
        out.append(at)
        at = text.find(needle, at + 1)
    return out


def _suffix(a: str, b: str) -> int:
    """Length of the common end of ``a`` and ``b``."""
    n = 0
    while n < len(a) and n < len(b) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


def _prefix(a: str, b: str) -> int:
    """Length of the common start of ``a`` and ``b``."""
    n = 0
    while n < len(a) and n < len(b) and a[n] == b[n]:
        n += 1
    return n


def _paragraphs(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in text.splitlines() if line.strip())
