"""Start next year's draft from a plan: copy its structure, move its own year forward."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from drafter import rx
from drafter.draft.edit import renumber
from drafter.errors import InputError
from drafter.model import Meta, Plan, Source

FIRST_YEAR, LAST_YEAR = 2000, 2100
"""Plan years drafter accepts."""


def new_draft(plan: Plan, year: int, *, draft_id: str | None = None) -> Plan:
    """A draft for ``year`` copied from ``plan``.

    The plan's own year moves forward in the title, the notice and the preamble's
    "做好Y年…民政工作" and "Y年是…" wording; every other year stays for the checks to judge.
    Each item records the id of the item it was copied from in ``origin``.
    """
    check_year(year)
    old = plan.meta.year
    shift = _shifter(old, year)
    meta = replace(
        plan.meta,
        title=_shift_title(plan.meta.title, old, year) or f"{year}年民政工作要点",
        year=year,
        date=None,
        doc_number=None,
        export_path=None,
        notice=tuple(shift(p) for p in plan.meta.notice),
    )
    sections = tuple(
        replace(s, intro=tuple(shift(p) for p in s.intro), items=tuple(
            replace(it, origin=it.id or it.origin, id="") for it in s.items
        ))
        for s in plan.sections
    )
    draft = Plan(
        id=draft_id or draft_id_for(meta, year),
        meta=meta,
        preamble=tuple(shift(p) for p in plan.preamble),
        sections=sections,
        closing=tuple(shift(p) for p in plan.closing),
        item_style=plan.item_style,
        source=Source(),
        base=plan.id,
    )
    return renumber(draft)


def draft_id_for(meta: Meta, year: int) -> str:
    """A readable draft id: ``草稿/<issuer or region>/<year>``."""
    who = meta.issuer or meta.region or "本单位"
    return f"草稿/{who}/{year}"


def check_year(year: int) -> None:
    """Refuse a plan year outside the range drafter handles."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise InputError(f"计划年度 {year} 不合理，请输入 {FIRST_YEAR}–{LAST_YEAR} 之间的年份。")


def shift_year(text: str, old: int | None, new: int) -> str:
    """``text`` with the plan's own year ``old`` moved to ``new`` where it names the plan year."""
    return _shifter(old, new)(text)


def _shifter(old: int | None, new: int) -> Callable[[str], str]:
    """A function moving the plan-year wording of one paragraph from ``old`` to ``new``."""
    if old is None or old == new:
        return lambda text: text
    # "2022年是…", "做好2022年全区民政工作", "《2022年全区民政工作要点》": the plan's own year.
    # Other years ("2021年底前", "截至2022年") are left for the stale-wording checks.
    pattern = rx.compile(
        rf"(?<!\d){old}(?=年是|年[，,]?[^，。；：、\d]{{0,12}}民政工作)"
    )
    return lambda text: pattern.sub(str(new), text)


def _shift_title(title: str, old: int | None, new: int) -> str:
    """The title with its year replaced (or prefixed when it names none)."""
    if not title:
        return ""
    if old is not None and str(old) in title:
        return title.replace(str(old), str(new), 1)
    rest = re.sub(r"^(?:19|20)\d{2}年", "", title)
    return f"{new}年{rest}"
