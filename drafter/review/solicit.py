"""征求意见: a few sections of the draft, sent to a 科室 and imported back as a review round.

The short document keeps the draft's title and the sections' own numbers (二、 stays 二、), so
that the department sees the places it knows; its return is imported like any reviewed file
and maps onto those sections only.
"""

from __future__ import annotations

from dataclasses import replace

from drafter import rx
from drafter.errors import InputError
from drafter.model import Plan
from drafter.numbering import cn_to_int

_SPLIT = rx.compile(r"[,，、;；\s]+")


def pick_sections(plan: Plan, spec: str) -> tuple[int, ...]:
    """0-based indexes of the sections named in ``spec``: ``二,三``, ``2,3``, ``二、三`` or
    words of their titles (``社会救助``)."""
    wanted: list[int] = []
    for part in (p for p in _SPLIT.split(spec.strip()) if p):
        index = _one(plan, part.rstrip("、."))
        if index is None:
            names = "、".join(s.label.rstrip("、") or s.title for s in plan.sections)
            raise InputError(f"草稿中没有“{part}”这一部分；可选：{names}。")
        if index not in wanted:
            wanted.append(index)
    if not wanted:
        raise InputError("请用 --sections 指定部分，如 --sections 二,三。")
    return tuple(sorted(wanted))


def _one(plan: Plan, part: str) -> int | None:
    number = int(part) if part.isdigit() else cn_to_int(part)
    if number is not None and 1 <= number <= len(plan.sections):
        labelled = [k for k, s in enumerate(plan.sections) if s.label.rstrip("、") == part]
        return labelled[0] if labelled else number - 1
    matches = [k for k, s in enumerate(plan.sections) if part in s.title]
    return matches[0] if len(matches) == 1 else None


def solicitation(plan: Plan, spec: str) -> Plan:
    """The draft cut down to the named sections (title kept, preamble and closing left out)."""
    keep = pick_sections(plan, spec)
    sections = tuple(plan.sections[k] for k in keep)
    return replace(plan, preamble=(), closing=(), sections=sections, rounds=(),
                   meta=replace(plan.meta, signature=None, notice=(), notes=None))
