"""The plan library: the built-in plans plus the user's own, seen together.

The names below are loaded on first use, so a module of this package (the trash, the store)
loads without the catalogue.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from drafter.lazy import attributes

if TYPE_CHECKING:
    from drafter.library.catalog import ImportReport, Library
    from drafter.library.summary import PlanSummary

_WHERE = {"ImportReport": "catalog", "Library": "catalog", "PlanSummary": "summary"}

__all__ = ["ImportReport", "Library", "PlanSummary"]

__getattr__ = attributes(__name__, _WHERE)
