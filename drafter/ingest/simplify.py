"""Traditional Chinese → simplified, for reading plans from mirror sites (OpenCC ``t2s``).

A plan written in traditional characters is kept as written; the parser, matching and checks
read its simplified form (:func:`to_simplified`), so that 工作要點 is a title and 養老服務
matches 养老服务.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields, replace
from functools import lru_cache
from typing import Any

from drafter.model import Item, Meta, Plan, Section, SubItem, Warning


@lru_cache(maxsize=1)
def _converter() -> Any:
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """The simplified form of ``text`` (simplified text comes back unchanged)."""
    if not text or text.isascii():
        return text
    return str(_converter().convert(text))


def is_traditional(text: str) -> bool:
    """True when a noticeable share of the text's Chinese characters are traditional forms."""
    sample = text[:20000]
    simplified = to_simplified(sample)
    cjk = sum("\u3400" <= ch <= "\u9fff" for ch in sample)
    changed = sum(a != b for a, b in zip(sample, simplified, strict=False))
    return changed >= 5 and changed >= 0.03 * cjk


class Restorer:
    """Maps strings cut from the simplified lines back to the text as written.

    Conversion keeps each line's length (else that line is kept simplified), so a piece of
    the simplified text has its original at the same offsets.
    """

    def __init__(self, original: tuple[str, ...], simplified: tuple[str, ...]) -> None:
        pairs = [(o if len(o) == len(s) else s, s) for o, s in zip(original, simplified, strict=True)]
        self._original = "\n".join(o for o, _ in pairs)
        self._simplified = "\n".join(s for _, s in pairs)
        self._cursor = 0

    def __call__(self, piece: str) -> str:
        """The original of ``piece`` (searched from where the last piece was found)."""
        if not piece:
            return piece
        at = self._simplified.find(piece, self._cursor)
        if at < 0:
            at = self._simplified.find(piece)
        if at < 0:
            return "\n".join(self(part) for part in piece.split("\n")) if "\n" in piece else piece
        self._cursor = at + len(piece)
        return self._original[at: at + len(piece)]


def restore_plan(plan: Plan, restore: Callable[[str], str]) -> Plan:
    """The plan with every piece of its text passed through ``restore`` (in reading order)."""
    meta_text: dict[str, Any] = {
        f.name: restore(value) for f in fields(Meta)
        if isinstance(value := getattr(plan.meta, f.name), str) and f.name not in ("date", "level")
    }
    meta = replace(plan.meta, **meta_text, notice=tuple(map(restore, plan.meta.notice)))
    preamble = tuple(map(restore, plan.preamble))
    sections = tuple(_restore_section(s, restore) for s in plan.sections)
    return replace(plan, meta=meta, preamble=preamble, sections=sections,
                   closing=tuple(map(restore, plan.closing)))


def _restore_section(section: Section, restore: Callable[[str], str]) -> Section:
    return replace(
        section, title=restore(section.title), intro=tuple(map(restore, section.intro)),
        items=tuple(_restore_item(it, restore) for it in section.items),
    )


def _restore_item(item: Item, restore: Callable[[str], str]) -> Item:
    return replace(
        item, heading=restore(item.heading), body=restore(item.body),
        subitems=tuple(SubItem(s.label, restore(s.text)) for s in item.subitems),
    )


def simplified_plan(plan: Plan) -> Plan:
    """The plan as matching and checks read it: every text in simplified characters."""
    return restore_plan(plan, to_simplified)


def parse_as_written(lines: tuple[str, ...], web_meta: dict[str, str], where: str) -> Plan:
    """Parse cleaned lines; a traditional-Chinese text is parsed in its simplified form and
    its words are then given back as written."""
    from drafter.parse.structure import parse_lines

    if not is_traditional("".join(lines[:400])):
        return parse_lines(lines, web_meta, where)
    simple = tuple(to_simplified(line) for line in lines)
    meta_values = tuple(web_meta.values())
    restore = Restorer((*lines, *meta_values), (*simple, *map(to_simplified, meta_values)))
    plan = parse_lines(simple, {k: to_simplified(v) for k, v in web_meta.items()}, where)
    plan = restore_plan(plan, restore)
    return replace(plan, warnings=(*plan.warnings, Warning(
        "traditional", "原文为繁体字，按原样保存；检查和相似表述按简体字比对。"
    )))
