"""Year-over-year diff of two plans: item-aligned, word-level, with figures called out.

``diff_plans(base, draft)`` returns a :class:`PlanDiff` (plain data); the ``render_*``,
``docx_*`` and ``json`` modules turn it into terminal text, HTML, Word files and JSON. The
names below load on first use: the model and its renderers do not need the aligner.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from drafter.lazy import attributes

if TYPE_CHECKING:
    from drafter.diff.align import diff_plans, similarity
    from drafter.diff.model import (
        Change,
        ItemPair,
        ItemRef,
        NumberChange,
        PlanDiff,
        SectionPair,
        SectionRef,
        Summary,
        TargetChange,
    )
    from drafter.diff.words import word_diff

_WHERE = {
    "diff_plans": "align", "similarity": "align", "word_diff": "words",
    **{name: "model" for name in ("Change", "ItemPair", "ItemRef", "NumberChange", "PlanDiff",
                                   "SectionPair", "SectionRef", "Summary", "TargetChange")},
}

__all__ = [
    "Change",
    "ItemPair",
    "ItemRef",
    "NumberChange",
    "PlanDiff",
    "SectionPair",
    "SectionRef",
    "Summary",
    "TargetChange",
    "diff_plans",
    "similarity",
    "word_diff",
]

__getattr__ = attributes(__name__, _WHERE)
