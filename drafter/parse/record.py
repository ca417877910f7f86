"""The 版记 at the end of an issued document: 抄送 and the printing office with its date.

Kept apart from the structure parser: the lines are taken off the end before the plan's
body is parsed, so they never join the last item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from drafter import rx
from drafter.parse.metadata import normalize_date

_COPIES = rx.compile(r"^抄\s*送\s*[：:]\s*(?P<to>.+?)[。.]?$")
_PRINTED = rx.compile(
    r"^(?P<printer>.*?)\s*(?P<date>(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*印\s*发$"
)
#: How many lines at the end are looked at (抄送, 印发机关 and date, possibly split).
_TAIL = 4
#: 附件说明 in a notice: ``附件：…`` (the attachment's name, not part of the notice's body).
ATTACHMENT_NOTE = rx.compile(r"^附\s*件\s*[：:]")


@dataclass(frozen=True)
class RecordParts:
    """What the 版记 says (empty strings where it says nothing)."""

    copies_to: str = ""
    """抄送, without the label and the closing 。."""
    printer: str = ""
    """印发机关."""
    print_date: str = ""
    """印发日期 as YYYY-MM-DD."""


def split_record(lines: tuple[str, ...]) -> tuple[tuple[str, ...], RecordParts | None]:
    """``lines`` without a 版记 at their end, and the 版记's parts (None when there is none).

    A 版记 ends with ``<印发机关> <date>印发`` (the office may stand on the line before), with
    an optional ``抄送：…`` line above it; lines may also carry the two as one run.
    """
    tail = [line.strip() for line in lines[-_TAIL:]]
    printed_at = next(
        (i for i in range(len(tail) - 1, -1, -1) if _PRINTED.match(tail[i].replace("\t", " "))),
        None,
    )
    if printed_at is None or any(tail[printed_at + 1 :]):
        return lines, None
    m = _PRINTED.match(tail[printed_at].replace("\t", " "))
    assert m is not None
    printer = m["printer"].strip()
    start = printed_at
    if not printer and start > 0 and not _COPIES.match(tail[start - 1]):
        printer = tail[start - 1]
        start -= 1
    copies = ""
    if start > 0 and (c := _COPIES.match(tail[start - 1])):
        copies = c["to"].strip()
        start -= 1
    cut = len(lines) - len(tail) + start
    date = normalize_date(re.sub(r"\s+", "", m["date"])) or ""
    return lines[:cut], RecordParts(copies, printer, date)
