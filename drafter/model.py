"""The domain model: a work plan, its metadata, sections and items.

Values are frozen; every operation returns a new value (see ``dataclasses.replace``).
Positions are 1-based, as a reader counts them: section 3, item 2 is ``3.2``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace

#: How items are numbered inside sections.
ItemStyle = str
PAREN = "paren"
"""（一）（二）… restarting in every section."""
PAREN_CONTINUOUS = "paren-continuous"
"""（一）…（三十三） running through the whole plan."""
SHI = "shi"
"""一是… 二是…"""
ARABIC = "arabic"
"""1. 2. directly under 一、"""
ITEM_STYLES = (PAREN, PAREN_CONTINUOUS, SHI, ARABIC)


@dataclass(frozen=True)
class Warning:
    """Something the parser noticed and kept going past."""

    code: str
    """Short machine code, e.g. ``numbering-gap``, ``duplicate-copy``."""
    message: str
    """One Chinese sentence for the writer."""
    line: int | None = None
    """1-based line of the cleaned text it refers to, when known."""


@dataclass(frozen=True)
class SubItem:
    """A deeper level inside an item: 1. or （1）."""

    label: str
    """The number as printed, e.g. ``1.`` or ``（1）``."""
    text: str
    """The sub-item's text without its label."""


@dataclass(frozen=True)
class Item:
    """One task under a section: a lead sentence and its body."""

    label: str
    """The number as printed in the source, e.g. ``（三）``, ``一是``, ``1.``; empty when none."""
    heading: str
    """The lead sentence including its closing 。 (may be empty)."""
    body: str = ""
    """Everything after the heading, sub-items excluded."""
    subitems: tuple[SubItem, ...] = ()
    """Deeper levels 1./（1） inside the item, in order."""
    id: str = ""
    """Stable id: ``<plan id>#<section>.<item>`` in the plan it was parsed from."""
    origin: str = ""
    """Provenance: the id of the library item this one was copied from ('' when written here)."""

    @property
    def text(self) -> str:
        """Heading, body and sub-items as one running text (labels of sub-items kept)."""
        parts = [self.heading + self.body]
        parts.extend(s.label + s.text for s in self.subitems)
        return "".join(p for p in parts if p)


@dataclass(frozen=True)
class Section:
    """A task area: 一、 and its title, optional intro paragraphs, and its items."""

    label: str
    """The number as printed, e.g. ``三、``; empty for an unnumbered block."""
    title: str
    """The section title without its label."""
    intro: tuple[str, ...] = ()
    """Paragraphs between the title and the first item (or all paragraphs when no items)."""
    items: tuple[Item, ...] = ()
    """The section's items in order."""
    kind: str = "tasks"
    """``tasks`` for ordinary sections, ``minsheng`` for a 民生实事 / 为民办实事 list."""


@dataclass(frozen=True)
class Meta:
    """What a plan says about itself; ``None`` where the document does not say."""

    title: str = ""
    """The plan's title, e.g. ``2022年全区民政工作要点``."""
    year: int | None = None
    """The plan year, taken from the title (not the publication date)."""
    issuer: str | None = None
    """The issuing office, e.g. ``重庆市涪陵区民政局``."""
    region: str | None = None
    """The region the office serves, e.g. ``重庆市涪陵区``."""
    level: str | None = None
    """Administrative level from the title: 区 县 旗 州 市 省 (``全区`` → 区)."""
    doc_number: str | None = None
    """发文字号 with hexagonal brackets, e.g. ``涪民政发〔2022〕40号``."""
    date: str | None = None
    """成文日期 as YYYY-MM-DD."""
    addressees: str | None = None
    """主送机关 of the notice, without the closing colon."""
    signature: str | None = None
    """The signing office at the end of the notice or the plan."""
    notice: tuple[str, ...] = ()
    """Body paragraphs of the covering notice (印发通知), when there is one."""
    notes: str | None = None
    """附注 such as ``此件公开发布`` (without brackets)."""
    copies_to: str | None = None
    """抄送 of the 版记, without the label and the closing 。."""
    printer: str | None = None
    """印发机关 of the 版记."""
    print_date: str | None = None
    """印发日期 of the 版记 as YYYY-MM-DD."""


@dataclass(frozen=True)
class Source:
    """Where a plan came from."""

    file: str = ""
    """The file name it was read from (no folder)."""
    format: str = ""
    """``txt``, ``docx`` or ``html``."""
    encoding: str | None = None
    """The detected text encoding for text files."""
    sha256: str = ""
    """Hash of the cleaned body text: the same document imported twice has the same hash."""


@dataclass(frozen=True)
class Plan:
    """A whole work plan, as parsed from a file or being drafted."""

    id: str = ""
    """Library id, e.g. ``重庆市涪陵区民政局/2022``; empty for a plan not in a library."""
    meta: Meta = field(default_factory=Meta)
    """Title, year, issuer and the other metadata."""
    preamble: tuple[str, ...] = ()
    """Paragraphs between the title and section 一、."""
    sections: tuple[Section, ...] = ()
    """The sections in order."""
    closing: tuple[str, ...] = ()
    """Paragraphs after the last section that are not the signature block."""
    item_style: ItemStyle = PAREN
    """How the plan numbers its items."""
    source: Source = field(default_factory=Source)
    """Where the plan was read from."""
    warnings: tuple[Warning, ...] = ()
    """What the parser noticed: broken numbering, repeated copies, dropped debris."""
    base: str = ""
    """For a draft: the id of the plan it was started from."""
    partial: bool = False
    """True for a copy that stops after the preamble (title and preamble, no sections)."""

    def iter_items(self) -> Iterator[tuple[int, int, Section, Item]]:
        """Yield (section number, item number, section, item), 1-based."""
        for si, section in enumerate(self.sections, 1):
            for ii, item in enumerate(section.items, 1):
                yield si, ii, section, item

    def item_count(self) -> int:
        """How many items the plan has in all."""
        return sum(len(s.items) for s in self.sections)

    def find_item(self, item_id: str) -> tuple[int, int] | None:
        """Position (0-based section, item) of the item with this id, or None."""
        for si, section in enumerate(self.sections):
            for ii, item in enumerate(section.items):
                if item.id == item_id:
                    return si, ii
        return None

    def with_ids(self) -> Plan:
        """The same plan with every item's id set from the plan id and its position."""
        sections = tuple(
            replace(
                s,
                items=tuple(
                    replace(it, id=item_id(self.id, si, ii)) for ii, it in enumerate(s.items, 1)
                ),
            )
            for si, s in enumerate(self.sections, 1)
        )
        return replace(self, sections=sections)


def item_id(plan_id: str, section_no: int, item_no: int) -> str:
    """The stable id of an item: ``<plan id>#<section>.<item>`` (1-based)."""
    return f"{plan_id}#{section_no}.{item_no}"


def split_item_id(value: str) -> tuple[str, int, int] | None:
    """Split an item id into (plan id, section number, item number), or None if malformed."""
    plan_id, sep, pos = value.rpartition("#")
    if not sep:
        return None
    s, dot, i = pos.partition(".")
    if not (dot and s.isdigit() and i.isdigit()):
        return None
    return plan_id, int(s), int(i)
