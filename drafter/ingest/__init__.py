"""Reading plans from files: a registry of readers, the cleaning steps, then the parser.

The names below are loaded on first use (:mod:`drafter.ingest.read`), so a module of this
package such as :mod:`drafter.ingest.simplify` loads without every reader.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from drafter.lazy import attributes

if TYPE_CHECKING:
    from drafter.ingest.read import READERS, converted_in_batch, read_plan, read_raw

_WHERE = {"READERS": "read", "converted_in_batch": "read", "read_plan": "read", "read_raw": "read"}

__all__ = ["READERS", "converted_in_batch", "read_plan", "read_raw"]

__getattr__ = attributes(__name__, _WHERE)
