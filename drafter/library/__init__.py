"""The plan library: the built-in plans plus the user's own, seen together."""

from drafter.library.catalog import ImportReport, Library, PlanSummary

__all__ = ["ImportReport", "Library", "PlanSummary"]
