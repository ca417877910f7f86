"""Every paragraph of a plan a reader sees, with where it sits, for the checks that scan text."""

from __future__ import annotations

from collections.abc import Iterator

from drafter.model import Plan

NOTICE = "印发通知"
"""The section name given to paragraphs of the covering notice."""


def plan_paragraphs(
    plan: Plan, *, titles: bool, notice: bool = False
) -> Iterator[tuple[str, str, str, str]]:
    """(text, section title, item label, item id) of the preamble, sections, items and closing.

    With ``titles`` each section's title is yielded too (as its own paragraph, before its intro);
    with ``notice`` the covering notice's paragraphs come first, under the name 印发通知.
    """
    if notice:
        for paragraph in plan.meta.notice:
            yield paragraph, NOTICE, "", ""
    for paragraph in plan.preamble:
        yield paragraph, "", "", ""
    for section in plan.sections:
        if titles:
            yield section.title, section.title, "", ""
        for paragraph in section.intro:
            yield paragraph, section.title, "", ""
        for it in section.items:
            yield it.text, section.title, it.label, it.id
    for paragraph in plan.closing:
        yield paragraph, "", "", ""
