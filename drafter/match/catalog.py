"""The items a matcher searches: where each comes from and its text, in compact arrays.

A national library holds about a million items, so texts live in one UTF-8 buffer with offsets
and the plan and section of an item are small integers into per-plan and per-section tables.
Section titles and item labels repeat from plan to plan (一、, （三）, 社会救助): they are saved
once each, with a number per section or item (:class:`Shared`).
"""

from __future__ import annotations

import os
from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, fields
from typing import Any, BinaryIO

import numpy as np

from drafter.match.terms import first_sentence
from drafter.model import Plan

OPENING = 32
"""Characters at the start of each item kept apart for rapidfuzz (see ``match.score``)."""


@dataclass(frozen=True)
class PlanRow:
    """What a hit shows about the plan it comes from."""

    id: str
    """Library id (or a caller's name for a plan outside a library)."""
    sha256: str
    """Hash of the plan's source text: a re-import with other text makes the row stale."""
    title: str
    """The plan's title."""
    issuer: str
    """The issuing office ('' when unknown)."""
    year: int | None
    """The plan year."""
    region: str = ""
    """The region the office serves ('' when unknown)."""
    level: str = ""
    """Administrative level from the title: 区 县 旗 州 市 省 ('' when unknown)."""


@dataclass(frozen=True)
class ItemRef:
    """One item of a plan, as handed to the catalogue and the index."""

    plan: int
    """Row of its plan in the catalogue."""
    section: int
    """Row of its section in the catalogue."""
    item_no: int
    """1-based position in its section."""
    label: str
    """The number as printed, e.g. ``（三）``."""
    heading: str
    """The lead sentence (the first sentence when the item has no separate heading)."""
    text: str
    """Heading, body and sub-items as one text."""


KEEP_TEXTS_BELOW = 128 << 20
"""Texts up to this size (about 250,000 items) are read into memory by :meth:`Catalog.keep_texts`."""


class Catalog:
    """Plans, sections and items in insertion order; items are numbered 0..n-1."""

    def __init__(self) -> None:
        # Columns grow as python arrays and lists; an index loaded from disk holds them as
        # (memory-mapped) numpy arrays until a plan is added (see _thaw).
        self.plans: list[PlanRow] = []
        self.plan_alive: list[bool] = []
        self.dropped = 0
        """Plans marked gone (kept until compacted)."""
        self.section_plan: Any = array("i")
        self.section_no: Any = array("i")
        self.section_titles: Any = []
        self.item_plan: Any = array("i")
        self.item_section: Any = array("i")
        self.item_no: Any = array("i")
        self.head_len: Any = array("i")
        self.offsets: Any = array("q", [0])
        self.blob: Any = bytearray()
        self.labels: Any = []
        self.texts_file: tuple[BinaryIO, int] | None = None
        """The index file the texts are mapped from, opened, and where they start in it."""
        self._arrays: dict[str, np.ndarray] = {}

    def __len__(self) -> int:
        return len(self.item_plan)

    def add_plan(self, plan: Plan, plan_id: str | None = None) -> list[ItemRef]:
        """Append a plan and its items; returns the items (with catalogue rows) to index."""
        self._thaw()
        row = len(self.plans)
        meta = plan.meta
        self.plans.append(PlanRow(
            id=plan_id or plan.id, sha256=plan.source.sha256, title=meta.title,
            issuer=meta.issuer or "", year=meta.year, region=meta.region or "",
            level=meta.level or "",
        ))
        self.plan_alive.append(True)
        self._arrays = {}
        refs: list[ItemRef] = []
        for si, section in enumerate(plan.sections, 1):
            srow = len(self.section_titles)
            self.section_plan.append(row)
            self.section_no.append(si)
            self.section_titles.append(section.title)
            for ii, item in enumerate(section.items, 1):
                text = item.text
                if not text.strip():
                    continue
                heading = item.heading or first_sentence(text)
                if not text.startswith(heading):
                    text = heading + text
                refs.append(ItemRef(row, srow, ii, item.label, heading, text))
        for ref in refs:
            self.item_plan.append(ref.plan)
            self.item_section.append(ref.section)
            self.item_no.append(ref.item_no)
            self.head_len.append(len(ref.heading))
            self.blob += ref.text.encode("utf-8")
            self.offsets.append(len(self.blob))
            self.labels.append(ref.label)
        return refs

    def _thaw(self) -> None:
        """Turn columns loaded as (memory-mapped) numpy arrays back into growable ones."""
        if isinstance(self.item_plan, array):
            return
        for name in _INT_COLUMNS:
            setattr(self, name, array("i", np.asarray(getattr(self, name), np.int32).tobytes()))
        self.offsets = array("q", np.asarray(self.offsets, np.int64).tobytes())
        self.blob = bytearray(np.asarray(self.blob).tobytes())
        self.labels = list(self.labels)
        self.section_titles = list(self.section_titles)
        self._arrays = {}

    def keep_texts(self, limit: int = KEEP_TEXTS_BELOW) -> None:
        """Read the texts into memory when they are mapped from the index file and take at
        most ``limit`` bytes: a program that keeps running shows many hits, and each text
        whose page the system let go of would cost a disk read. Larger texts (a national
        library's) stay mapped: the system keeps what it can spare of them in its cache and
        the program's own memory stays small. Read from the file as it was opened
        (``texts_file``), even if the cache has been rewritten since."""
        if self.texts_file is None or not isinstance(getattr(self.blob, "base", None), np.memmap):
            return
        if len(self.blob) > limit:
            return
        handle, offset = self.texts_file
        handle.seek(offset)
        blob = np.fromfile(handle, dtype=np.uint8, count=len(self.blob))
        if len(blob) == len(self.blob):
            self.blob = blob

    def drop_plan(self, row: int) -> None:
        """Mark a plan as gone; its items stop appearing in results."""
        if self.plan_alive[row]:
            self.plan_alive[row] = False
            self.dropped += 1

    def array(self, name: str) -> np.ndarray:
        """A numpy copy of one of the integer columns (cached until the next plan is added)."""
        if name not in self._arrays:
            column = getattr(self, name)
            if isinstance(column, np.ndarray):
                self._arrays[name] = column
            else:
                dtype = np.int64 if column.typecode == "q" else np.int32
                self._arrays[name] = np.frombuffer(column, dtype=dtype).copy()
        return self._arrays[name]

    def index_array(self, name: str) -> np.ndarray:
        """An integer column as native integers, to gather by (cached like :meth:`array`)."""
        key = name + ":intp"
        if key not in self._arrays:
            self._arrays[key] = np.asarray(self.array(name), dtype=np.intp)
        return self._arrays[key]

    def text(self, item: int) -> str:
        """The whole text of an item."""
        return self._spans([(self.offsets[item], self.offsets[item + 1])])[0].decode("utf-8")

    def texts(self, items: np.ndarray) -> list[str]:
        """The texts of several items, in order."""
        off = self.offsets
        spans = [(off[i], off[i + 1]) for i in items.tolist()]
        return [piece.decode("utf-8") for piece in self._spans(spans)]

    def openings(self, items: np.ndarray) -> list[str]:
        """The openings (first :data:`OPENING` characters) of several items."""
        off = self.array("offsets")
        width = 4 * OPENING  # UTF-8 takes at most 4 bytes a character
        spans = [(a, min(b, a + width))
                 for a, b in zip(off[items].tolist(), off[items + 1].tolist(), strict=True)]
        return [piece.decode("utf-8", "ignore")[:OPENING] for piece in self._spans(spans)]

    def _spans(self, spans: list[tuple[int, int]]) -> list[bytes]:
        """The texts' bytes between these offsets. Texts left in the index file (a national
        library's) are read from it, not through its mapping: the system maps the cached
        pages around each page touched whatever it is advised, so the openings of a few
        hundred queries, spread over the whole file, would keep all of it in the program's
        resident memory."""
        if self.texts_file is not None and isinstance(getattr(self.blob, "base", None), np.memmap):
            handle, start = self.texts_file
            fd = handle.fileno()
            return [os.pread(fd, b - a, start + a) for a, b in spans]
        blob = self.blob
        return [bytes(blob[a:b]) for a, b in spans]

    def heading(self, item: int) -> str:
        """The heading of an item."""
        return self.text(item)[: self.head_len[item]]

    def item_id(self, item: int) -> str:
        """The item's id: ``<plan id>#<section>.<item>``."""
        plan = self.plans[self.item_plan[item]]
        return f"{plan.id}#{self.section_no[self.item_section[item]]}.{self.item_no[item]}"

    def _starts(self, column: str, count: int) -> np.ndarray:
        """First item row of each plan or section (their items are stored together)."""
        key = f"{column}.starts"
        if key not in self._arrays:
            self._arrays[key] = np.searchsorted(self.array(column), np.arange(count + 1))
        return self._arrays[key]

    def plan_items(self, row: int) -> tuple[int, int]:
        """The item rows (first, end) of a plan."""
        starts = self._starts("item_plan", len(self.plans))
        return int(starts[row]), int(starts[row + 1])

    def section_items(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The item rows (firsts, ends) of several sections."""
        starts = self._starts("item_section", len(self.section_titles))
        return starts[rows], starts[rows + 1]

    def alive_items(self) -> np.ndarray:
        """A boolean mask of the items whose plan is still in the library."""
        alive = np.array(self.plan_alive, dtype=bool)
        return alive[self.array("item_plan")]

    def plan_rows(self) -> Iterator[tuple[int, PlanRow]]:
        """The rows of the plans still present."""
        for row, plan in enumerate(self.plans):
            if self.plan_alive[row]:
                yield row, plan

    def compact(self) -> tuple[np.ndarray, np.ndarray]:
        """Forget removed plans; returns the (item, section) masks of the rows kept."""
        self._thaw()
        plan_keep = np.array(self.plan_alive, dtype=bool)
        plan_new = np.cumsum(plan_keep) - 1
        sec_keep = plan_keep[self.array("section_plan")]
        sec_new = np.cumsum(sec_keep) - 1
        item_keep = plan_keep[self.array("item_plan")]
        off = self.array("offsets")
        kept = np.flatnonzero(item_keep)
        lengths = off[kept + 1] - off[kept]
        blob = bytearray().join(self.blob[off[i] : off[i + 1]] for i in kept.tolist())
        self.plans = [p for p, keep in zip(self.plans, plan_keep.tolist(), strict=True) if keep]
        self.plan_alive = [True] * len(self.plans)
        self.dropped = 0
        self.section_titles = [
            t for t, keep in zip(self.section_titles, sec_keep.tolist(), strict=True) if keep
        ]
        self.labels = [t for t, keep in zip(self.labels, item_keep.tolist(), strict=True) if keep]
        self.section_plan = array("i", plan_new[self.array("section_plan")[sec_keep]].tolist())
        self.section_no = array("i", self.array("section_no")[sec_keep].tolist())
        self.item_plan = array("i", plan_new[self.array("item_plan")[item_keep]].tolist())
        self.item_section = array("i", sec_new[self.array("item_section")[item_keep]].tolist())
        self.item_no = array("i", self.array("item_no")[item_keep].tolist())
        self.head_len = array("i", self.array("head_len")[item_keep].tolist())
        self.offsets = array("q", [0, *np.cumsum(lengths).tolist()])
        self.blob = blob
        self._arrays = {}
        return item_keep, sec_keep

    # -- persistence -------------------------------------------------------------------------

    def to_arrays(self) -> dict[str, np.ndarray]:
        """The columns, the text buffer and the short strings as arrays, for the index file."""
        out = {name: self.array(name) for name in (*_INT_COLUMNS, "offsets")}
        out["blob"] = np.frombuffer(bytes(self.blob), dtype=np.uint8)
        for name in ("labels", "section_titles"):
            table, ids = _shared(getattr(self, name))
            out[f"{name}.table"], out[f"{name}.ids"] = table, ids
        return out

    def to_meta(self) -> dict[str, object]:
        """The plan table as JSON-ready data."""
        return {
            "plans": [[p.id, p.sha256, p.title, p.issuer, p.year, p.region, p.level]
                      for p in self.plans],
            "plan_alive": self.plan_alive,
        }

    @classmethod
    def from_saved(cls, arrays: dict[str, np.ndarray], meta: dict) -> Catalog:
        """The catalogue as saved by :meth:`to_arrays` and :meth:`to_meta`; the arrays are
        used as given (memory-mapped ones stay on disk until read)."""
        cat = cls()
        cat.plans = [_plan_row(p) for p in meta["plans"]]
        cat.plan_alive = list(meta["plan_alive"])
        cat.dropped = cat.plan_alive.count(False)
        for name in _INT_COLUMNS:
            setattr(cat, name, arrays[name])
        cat.offsets = arrays["offsets"]
        cat.blob = arrays["blob"]
        cat.labels = Shared(arrays["labels.table"], arrays["labels.ids"])
        cat.section_titles = Shared(arrays["section_titles.table"], arrays["section_titles.ids"])
        if len(cat.section_titles) != len(cat.section_plan):
            raise ValueError("catalogue sections differ in length")
        if len(cat.item_plan) != len(cat.offsets) - 1 or len(cat.labels) != len(cat.item_plan):
            raise ValueError("catalogue columns differ in length")
        return cat


_INT_COLUMNS = ("section_plan", "section_no", "item_plan", "item_section", "item_no",
                "head_len")


_PLAN_FIELDS = tuple(f.name for f in fields(PlanRow))


def _plan_row(values: Sequence[Any]) -> PlanRow:
    """A saved plan row, made without the frozen constructor (a national library has tens
    of thousands; the constructor's checks are what opening would spend its time on)."""
    if len(values) != len(_PLAN_FIELDS):
        raise ValueError("a plan row of the wrong length")
    row = object.__new__(PlanRow)
    row.__dict__.update(zip(_PLAN_FIELDS, values, strict=True))
    return row


class Shared:
    """A column of strings saved as a table of the distinct ones and a number per row."""

    def __init__(self, table: np.ndarray, ids: np.ndarray) -> None:
        self.table = [str(t) for t in table.tolist()]
        self.ids = ids
        if len(ids) and (int(ids.min()) < 0 or int(ids.max()) >= len(self.table)):
            raise ValueError("string numbers out of range")

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, row: int) -> str:
        return self.table[self.ids[row]]

    def __iter__(self) -> Iterator[str]:
        table = self.table
        return (table[i] for i in self.ids.tolist())


def _shared(values: Sequence[str] | Shared) -> tuple[np.ndarray, np.ndarray]:
    """(the distinct strings as a fixed-width array, each row's number in it)."""
    if isinstance(values, Shared):
        table = values.table
        ids = np.asarray(values.ids, dtype=np.int32)
    else:
        numbers: dict[str, int] = {}
        ids = np.fromiter((numbers.setdefault(v, len(numbers)) for v in values),
                          dtype=np.int32, count=len(values))
        table = list(numbers)
    longest = max((len(t) for t in table), default=1)
    return np.array(table, dtype=f"<U{max(1, longest)}"), ids
