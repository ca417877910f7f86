"""Reading plans from files: a registry of readers, the cleaning steps, then the parser.

The readers (PDF, OFD, Word, LibreOffice, web pages, text) are loaded on first use, so that
a module of the package (such as ``simplify``) can be imported without them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from drafter.ingest.reading import converted_in_batch, read_plan, read_raw

__all__ = ["converted_in_batch", "read_plan", "read_raw"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from drafter.ingest import reading

        return getattr(reading, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
