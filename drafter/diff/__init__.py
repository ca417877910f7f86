"""Year-over-year diff of two plans: item-aligned, word-level, with figures called out.

``diff_plans(base, draft)`` returns a :class:`PlanDiff` (plain data); the ``render_*``,
``docx_*`` and ``json`` modules turn it into terminal text, HTML, Word files and JSON.
"""

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
