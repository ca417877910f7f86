"""A journal of edits beside a draft: appended and fsynced per burst of typing, replayed after
a crash, so a killed process loses at most the last burst.

One journal per editing process, ``.<draft file name>.<token>.journal``, held with an OS lock
for as long as that process edits: a journal nobody holds was left by a process that died.
Each line is one JSON record:

- ``base``: the draft as the journal starts (``plan``), the hash of the file on disk it
  corresponds to (``sha``) and whether the plan is what that file holds (``clean``);
- ``text``: the editor text of one outline row (``ref``: ``[]`` preamble, ``[s]`` a section's
  intro, ``[s, i]`` an item);
- ``plan``: the whole draft after a refused save (structural changes included).

Each successful save starts the journal again from a ``base`` record of what was saved.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from drafter.draft.edit import edit_item, set_preamble, set_section_intro
from drafter.errors import DrafterError
from drafter.model import Plan
from drafter.oslock import try_lock, unlock

SUFFIX = ".journal"
COMPACT_BYTES = 2 * 1024 * 1024
"""A journal longer than this starts again from one ``base`` record."""

Ref = tuple[int, ...]


@dataclass(frozen=True)
class Replayed:
    """What a journal left by a dead process says."""

    path: Path
    """The journal file."""
    plan: Plan
    """The draft as the process last had it in memory."""
    sha: str
    """Hash of the draft file as that process last read or wrote it."""
    unsaved: bool
    """Whether ``plan`` holds changes that never reached the draft file."""


def plan_to_data(plan: Plan) -> dict[str, Any]:
    """A plan as plain JSON data (fast: typing must not wait for TOML)."""
    return _drop_none(dataclasses.asdict(plan))


def plan_from_data(data: dict[str, Any]) -> Plan:
    """The inverse of :func:`plan_to_data` (type-checked as a library file is)."""
    from drafter.library.store import from_dict

    return from_dict(data)


def _drop_none(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _drop_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list | tuple):
        return [_drop_none(v) for v in value]
    return value


class Journal:
    """The journal this process writes for one draft file."""

    def __init__(self, draft_path: Path) -> None:
        self.draft_path = Path(draft_path)
        self.path = self.draft_path.parent / (
            f".{self.draft_path.name}.{os.urandom(4).hex()}{SUFFIX}")
        self._fd: int | None = None
        self._pending: dict[Ref, str] = {}
        self._size = 0

    # --- writing -------------------------------------------------------------------------

    def start(self, plan: Plan, sha: str, *, clean: bool, keep_pending: bool = False) -> None:
        """Begin (or begin again) with the whole draft; ``clean``: it is what the file holds.

        ``keep_pending``: texts noted but not yet written are newer than ``plan`` and are
        written by the next flush; otherwise ``plan`` already holds them.
        """
        if not keep_pending:
            self._pending.clear()
        record = {"op": "base", "plan": plan_to_data(plan), "sha": sha, "clean": clean}
        fresh = self.path.with_name(self.path.name + ".new")
        fd = os.open(fresh, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0),
                     0o600)
        try:
            try_lock(fd)
            data = _line(record)
            os.write(fd, data)
            os.fsync(fd)
            os.replace(fresh, self.path)
        except OSError:
            os.close(fd)
            with contextlib.suppress(OSError):
                os.unlink(fresh)
            raise
        self.close_fd()
        self._fd = fd
        self._size = len(data)

    def text(self, ref: Ref, text: str) -> None:
        """Note the editor text of a row; written by the next :meth:`flush`."""
        self._pending[tuple(ref)] = text

    def plan(self, plan: Plan) -> None:
        """Write the whole draft after a structural change, at once."""
        self._pending.clear()
        self._append([{"op": "plan", "plan": plan_to_data(plan)}])

    def flush(self) -> bool:
        """Append the noted texts and fsync; True when something was written."""
        if not self._pending:
            return False
        records = [{"op": "text", "ref": list(ref), "text": text}
                   for ref, text in self._pending.items()]
        self._pending.clear()
        self._append(records)
        return True

    @property
    def pending(self) -> bool:
        """Whether noted text waits for :meth:`flush`."""
        return bool(self._pending)

    @property
    def needs_compacting(self) -> bool:
        """Whether the journal has grown long enough to start again from one record."""
        return self._size > COMPACT_BYTES

    def _append(self, records: list[dict[str, Any]]) -> None:
        if self._fd is None:
            return
        data = b"".join(_line(r) for r in records)
        os.write(self._fd, data)
        os.fsync(self._fd)
        self._size += len(data)

    def close_fd(self) -> None:
        """Let go of the file (and its lock) without removing it."""
        if self._fd is not None:
            with contextlib.suppress(OSError):
                unlock(self._fd)
            os.close(self._fd)
            self._fd = None

    def remove(self) -> None:
        """The draft is safely on disk and editing ends: the journal goes."""
        self.close_fd()
        with contextlib.suppress(OSError):
            self.path.unlink()


def _line(record: dict[str, Any]) -> bytes:
    return (json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


# --- after a crash -----------------------------------------------------------------------


def orphans(draft_path: Path) -> Iterator[tuple[Path, int]]:
    """Journals of ``draft_path`` that no live process holds, oldest first, each with its
    descriptor opened and locked (the caller closes it)."""
    draft_path = Path(draft_path)
    found = sorted(draft_path.parent.glob(f".{glob_escape(draft_path.name)}.*{SUFFIX}"),
                   key=_mtime)
    for path in found:
        try:
            fd = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))
        except OSError:
            continue
        if not try_lock(fd):
            os.close(fd)  # a live process edits this draft
            continue
        yield path, fd


def glob_escape(name: str) -> str:
    """``name`` with glob metacharacters taken literally."""
    return "".join(f"[{c}]" if c in "*?[" else c for c in name)


def _mtime(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return 0


def replay(path: Path) -> Replayed | None:
    """The draft as a dead process's journal leaves it; None when the journal is unusable.

    A line cut short by the crash (the last one) is ignored; so are edits of rows that no
    longer exist.
    """
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    plan: Plan | None = None
    sha = ""
    clean = True
    for line in raw.split(b"\n"):
        try:
            record = json.loads(line)
        except ValueError:
            continue
        if not isinstance(record, dict):
            continue
        op = record.get("op")
        try:
            if op == "base":
                plan = plan_from_data(record["plan"])
                sha, clean = str(record.get("sha", "")), bool(record.get("clean"))
            elif plan is None:
                continue
            elif op == "plan":
                plan, clean = plan_from_data(record["plan"]), False
            elif op == "text":
                plan, clean = _apply_text(plan, tuple(record["ref"]), str(record["text"])), False
        except (DrafterError, KeyError, TypeError, ValueError):
            continue
    if plan is None:
        return None
    return Replayed(path=path, plan=plan, sha=sha, unsaved=not clean)


def _apply_text(plan: Plan, ref: Ref, text: str) -> Plan:
    """One editor text applied as the compose screen applies it."""
    if len(ref) == 2:
        return edit_item(plan, (int(ref[0]), int(ref[1])), text)
    if len(ref) == 1:
        return set_section_intro(plan, int(ref[0]), text)
    return set_preamble(plan, text)
