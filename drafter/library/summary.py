"""One line of the library catalogue: enough to list and find a plan without reading it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from drafter.model import Plan


@dataclass(frozen=True)
class PlanSummary:
    """One line of the catalogue: enough to list and find a plan without reading it."""

    id: str
    """Library id, ``<issuer>/<year>``."""
    title: str
    """The plan's title."""
    year: int | None
    """Plan year."""
    issuer: str | None
    """Issuing office."""
    region: str | None
    """Region served."""
    level: str | None
    """Administrative level (区 县 旗 州 市 省)."""
    date: str | None
    """成文日期, YYYY-MM-DD."""
    sections: int
    """Number of sections."""
    items: int
    """Number of items."""
    sha256: str
    """Hash of the source text, to recognise a re-import."""
    source_file: str
    """The file the plan was imported from."""
    toml: str
    """The TOML file, as a string (a national library has thousands: see :attr:`path`)."""
    builtin: bool
    """True for the read-only plans that ship with drafter."""
    partial: bool = False
    """True for a copy that stops after the preamble (no sections)."""

    @property
    def path(self) -> Path:
        """The TOML file."""
        return Path(self.toml)

    @classmethod
    def of(cls, plan: Plan, path: Path, builtin: bool) -> PlanSummary:
        """The summary of a plan stored at ``path``."""
        m = plan.meta
        return cls(
            id=plan.id, title=m.title, year=m.year, issuer=m.issuer, region=m.region,
            level=m.level, date=m.date, sections=len(plan.sections), items=plan.item_count(),
            sha256=plan.source.sha256, source_file=plan.source.file, toml=str(path),
            builtin=builtin, partial=plan.partial,
        )
