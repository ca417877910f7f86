"""What a year-over-year diff says: aligned sections and items with word-level changes.

The values here are plain data; rendering them (terminal, HTML, Word, JSON) is done elsewhere.
Positions are 1-based, as a reader counts them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: Item and section statuses, in the order a summary lists them.
SAME = "same"
CHANGED = "changed"
MOVED = "moved"
ADDED = "added"
REMOVED = "removed"
SPLIT = "split"
MERGED = "merged"
STATUSES = (SAME, CHANGED, MOVED, ADDED, REMOVED, SPLIT, MERGED)

#: Word-level operations (the names difflib uses).
EQUAL = "equal"
INSERT = "insert"
DELETE = "delete"
REPLACE = "replace"


@dataclass(frozen=True)
class NumberChange:
    """A quantity whose figure changed, e.g. 650元/月 → 680元/月."""

    base: str
    """The quantity as written last year, with its unit (``650元/月``)."""
    draft: str
    """The quantity as written in the draft (``680元/月``)."""
    base_value: float | None
    """Last year's figure as a number (multipliers 万/亿 applied); None if unreadable."""
    draft_value: float | None
    """The draft's figure as a number; None if unreadable."""
    unit: str
    """The unit both sides share (``元/月``), or the draft's unit when they differ."""
    context: str = ""
    """A few characters of text before the figure, naming what it counts."""
    subject: str = ""
    """The target ledger's subject for this figure (``城市低保标准``), when linked."""
    verdict: str = ""
    """The ledger's verdict for it (``raised``, ``lowered`` …), when linked."""

    @property
    def label(self) -> str:
        """Short form for a reader: ``650→680元/月`` (units written once when equal)."""
        b_num, b_unit = _split_unit(self.base)
        d_num, d_unit = _split_unit(self.draft)
        if b_unit == d_unit:
            return f"{b_num}→{d_num}{d_unit}"
        return f"{self.base}→{self.draft}"


def _split_unit(quantity: str) -> tuple[str, str]:
    """Split ``650元/月`` into (``650``, ``元/月``)."""
    i = 0
    while i < len(quantity) and (quantity[i].isdigit() or quantity[i] in ".,"):
        i += 1
    return quantity[:i], quantity[i:]


@dataclass(frozen=True)
class Change:
    """One word-level operation between two texts."""

    op: str
    """``equal``, ``insert``, ``delete`` or ``replace``."""
    base: str
    """The base text of this stretch ('' for an insertion)."""
    draft: str
    """The draft text of this stretch ('' for a deletion)."""
    number: NumberChange | None = None
    """Set when the stretch is a figure that changed (``replace`` only)."""


@dataclass(frozen=True)
class ItemRef:
    """Where an item sits in one of the two plans, and what it says."""

    section: int
    """Section number, 1-based."""
    item: int
    """Item number inside the section, 1-based."""
    text: str
    """The item's whole text (heading, body, sub-items) without its label."""
    item_id: str = ""
    """The item's id in its plan ('' when the plan has no id)."""
    label: str = ""
    """The number as printed, e.g. ``（三）``."""
    heading: str = ""
    """The lead sentence, for short listings."""


@dataclass(frozen=True)
class ItemPair:
    """An item of last year's plan aligned with the draft's (either may be missing)."""

    status: str
    """``same``, ``changed``, ``moved``, ``added``, ``removed``, ``split`` or ``merged``."""
    similarity: float
    """How alike the two texts are, 0..1 (1 for identical, 0 when one side is missing)."""
    base: ItemRef | None
    """The item in last year's plan; for a merge, the first of the merged items."""
    draft: ItemRef | None
    """The item in the draft; for a split, the first of the parts."""
    changes: tuple[Change, ...] = ()
    """Word-level operations turning the base text into the draft text."""
    numbers: tuple[NumberChange, ...] = ()
    """Figures that changed inside the item."""
    text_changed: bool = False
    """True when the wording differs (a moved item may be otherwise unchanged)."""
    base_parts: tuple[ItemRef, ...] = ()
    """For a merge: every base item that went into the draft item (else empty)."""
    draft_parts: tuple[ItemRef, ...] = ()
    """For a split: every draft item the base item was split into (else empty)."""
    section_index: int = -1
    """Index into ``PlanDiff.sections`` of the section the pair is shown under."""

    @property
    def bases(self) -> tuple[ItemRef, ...]:
        """All base items of the pair (several for a merge)."""
        return self.base_parts or ((self.base,) if self.base else ())

    @property
    def drafts(self) -> tuple[ItemRef, ...]:
        """All draft items of the pair (several for a split)."""
        return self.draft_parts or ((self.draft,) if self.draft else ())


@dataclass(frozen=True)
class SectionRef:
    """Where a section sits in one of the two plans."""

    section: int
    """Section number, 1-based."""
    label: str
    """The number as printed, e.g. ``三、``."""
    title: str
    """The section title without its label."""
    intro: str = ""
    """The section's intro paragraphs joined into one text."""


@dataclass(frozen=True)
class SectionPair:
    """A section of last year's plan aligned with the draft's (either may be missing)."""

    status: str
    """``same``, ``changed``, ``moved``, ``added`` or ``removed``."""
    similarity: float
    """How alike title and content are, 0..1."""
    base: SectionRef | None
    """The section in last year's plan."""
    draft: SectionRef | None
    """The section in the draft."""
    title_changes: tuple[Change, ...] = ()
    """Word-level operations on the title."""
    intro_changes: tuple[Change, ...] = ()
    """Word-level operations on the intro paragraphs."""

    @property
    def title_changed(self) -> bool:
        """True when the title's wording differs."""
        return any(c.op != EQUAL for c in self.title_changes)

    @property
    def intro_changed(self) -> bool:
        """True when the intro paragraphs differ."""
        return any(c.op != EQUAL for c in self.intro_changes)


@dataclass(frozen=True)
class TargetChange:
    """A target the ledger found raised, lowered, kept, dropped or new."""

    subject: str
    """What the target counts (``城市低保标准``)."""
    status: str
    """The ledger's verdict: ``raised``, ``lowered``, ``kept``, ``dropped`` or ``new``."""
    base: str = ""
    """Last year's figure as written ('' when new)."""
    draft: str = ""
    """The draft's figure as written ('' when dropped)."""
    kind: str = ""
    """``standard``, ``flow``, ``coverage``, ``stock`` or ``level``."""
    base_item_id: str = ""
    """Id of the base item holding the target ('' when new or outside items)."""
    draft_item_id: str = ""
    """Id of the draft item holding the target ('' when dropped or outside items)."""
    base_subject: str = ""
    """Last year's wording of the subject when it was reworded ('' when the same)."""
    confidence: float | None = None
    """How sure the ledger is that the two years' targets are one (None when unpaired)."""

    @property
    def status_name(self) -> str:
        """The verdict in Chinese; a kept standard reads as not updated."""
        if self.status == "kept" and self.kind == "standard":
            return "未调整"
        return _TARGET_STATUS_NAMES.get(self.status, self.status)


_TARGET_STATUS_NAMES = {
    "raised": "提高",
    "lowered": "降低",
    "dropped": "未延续",
    "new": "新增",
    "kept": "持平",
    "reworded": "改写",
    "verb_changed": "改动词",
    "possible": "可能对应",
}


@dataclass(frozen=True)
class Summary:
    """How many items of each status the diff found."""

    same: int = 0
    """Items unchanged in wording and place."""
    changed: int = 0
    """Items reworded in place."""
    moved: int = 0
    """Items moved to another place (reworded or not)."""
    added: int = 0
    """Draft items with no counterpart last year."""
    removed: int = 0
    """Last year's items with no counterpart in the draft."""
    split: int = 0
    """Last year's items split into several draft items."""
    merged: int = 0
    """Draft items made by merging several of last year's items."""
    sections_changed: int = 0
    """Sections added, removed, moved or retitled."""
    numbers: int = 0
    """Figures changed inside items."""

    def as_dict(self) -> dict[str, int]:
        """The counts by name, item statuses first."""
        return {
            "same": self.same,
            "changed": self.changed,
            "moved": self.moved,
            "added": self.added,
            "removed": self.removed,
            "split": self.split,
            "merged": self.merged,
            "sections_changed": self.sections_changed,
            "numbers": self.numbers,
        }


@dataclass(frozen=True)
class PlanDiff:
    """Everything that changed between last year's plan and the draft."""

    base_title: str
    """Title of last year's plan."""
    draft_title: str
    """Title of the draft."""
    summary: Summary
    """Counts per status."""
    sections: tuple[SectionPair, ...]
    """Sections aligned, in reading order (draft order, removed ones where they stood)."""
    pairs: tuple[ItemPair, ...]
    """Items aligned, in reading order (draft order, removed ones where they stood)."""
    title_changes: tuple[Change, ...] = ()
    """Word-level operations on the plan title."""
    preamble_changes: tuple[Change, ...] = ()
    """Word-level operations on the preamble."""
    targets: tuple[TargetChange, ...] = field(default_factory=tuple)
    """Changed targets from the target ledger, when it is available."""
    base_id: str = ""
    """Library id of last year's plan ('' for a file)."""
    draft_id: str = ""
    """Library id of the draft ('' for a file)."""

    @property
    def changed_pairs(self) -> tuple[ItemPair, ...]:
        """The pairs that are not ``same``."""
        return tuple(p for p in self.pairs if p.status != SAME)

    def blocks(self) -> list[tuple[SectionPair, tuple[ItemPair, ...]]]:
        """Each section with the pairs shown under it, in reading order."""
        grouped: list[list[ItemPair]] = [[] for _ in self.sections]
        for p in self.pairs:
            grouped[p.section_index].append(p)
        return [(s, tuple(g)) for s, g in zip(self.sections, grouped, strict=True)]
