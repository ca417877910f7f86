"""A quantitative target: one committed quantity and where the plan commits to it."""

from __future__ import annotations

from dataclasses import dataclass

#: A living standard raised every year (低保标准, 特困供养标准, 两项补贴).
STANDARD = "standard"
#: This year's deliverable (新建5个, 新增760张).
FLOW = "flow"
#: A coverage or a ratio (覆盖率100%, 占比55%).
COVERAGE = "coverage"
#: A running total (累计).
STOCK = "stock"
#: Any other level to reach (达到, 稳定在).
LEVEL = "level"
#: A deadline without a figure (年底前完成…, 6月底前出台…): the value is the month.
DEADLINE = "deadline"
#: A frequency without a figure (每季度开展一次…): the value is the count per period.
FREQUENCY = "frequency"
KINDS = (STANDARD, FLOW, COVERAGE, STOCK, LEVEL, DEADLINE, FREQUENCY)

#: Chinese names of the kinds, for reports.
KIND_NAMES = {STANDARD: "标准", FLOW: "年度任务", COVERAGE: "覆盖/比率", STOCK: "累计",
              LEVEL: "水平", DEADLINE: "时限", FREQUENCY: "频次"}


@dataclass(frozen=True)
class Target:
    """One committed quantity: 城市低保标准不低于650元/月."""

    subject: str
    """The thing counted or measured: ``城市低保标准``, ``养老床位``."""
    value: float
    """The number in the unit as written (the low end of a range such as 1-2个)."""
    unit: str
    """The unit in one spelling: ``个``, ``元/月``, ``元/人·月``, ``%``, ``㎡``, ``万元``."""
    comparator: str
    """The word that commits: ``不低于``, ``达到``, ``新增``, ``全覆盖``; empty when none."""
    kind: str
    """``standard``, ``flow``, ``coverage``, ``stock`` or ``level``."""
    modality: str = ""
    """``aspiration`` (力争, 争创), ``commitment`` (确保), ``proposed`` (拟) or empty."""
    high: float | None = None
    """The high end of a range (1-2个 → 2.0); None for a single value."""
    bound: str = ""
    """``min`` (不低于, 以上), ``max`` (不超过, 以内), ``about`` (左右) or empty for exact."""
    verb: str = ""
    """The flow verb when there is one (新增, 改建, 培训): part of the target's identity."""
    text: str = ""
    """The clause the target sits in."""
    section: str = ""
    """Title of the section it is in (empty for the preamble)."""
    item: str = ""
    """Label of the item it is in, e.g. ``（九）``; empty outside items."""
    item_id: str = ""
    """Id of the item it is in, when the plan has ids."""
    span: tuple[int, int] = (0, 0)
    """Start and end of the committing phrase in the item's text (or the paragraph's)."""
    quantity: str = ""
    """The quantity as written: ``不低于650元/月``, ``5个``."""
    due_year: int | None = None
    """The year a multi-year target falls due (到2025年…, 2025年底前…); None for this year's."""

    @property
    def low(self) -> float:
        """The low end of the value (the value itself when it is not a range)."""
        return self.value

    @property
    def top(self) -> float:
        """The high end of the value (the value itself when it is not a range)."""
        return self.value if self.high is None else self.high

    @property
    def where(self) -> str:
        """Section title and item label, for people: ``养老服务 （九）``."""
        return " ".join(p for p in (self.section, self.item) if p)
