"""Where drafts live on disk: atomic autosave that never overwrites someone else's change."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from drafter.atomic import write_bytes
from drafter.errors import DrafterError, InputError
from drafter.model import Plan
from drafter.paths import drafts_dir

SUFFIX = ".toml"


class DraftConflict(DrafterError):
    """The draft file was changed on disk by someone else since drafter last wrote it."""


@dataclass(frozen=True)
class Stamp:
    """What the draft file looked like when drafter last read or wrote it."""

    mtime_ns: int
    """Modification time in nanoseconds."""
    sha256: str
    """Hash of the file's bytes."""


@dataclass(frozen=True)
class DraftSummary:
    """A draft as a list shows it."""

    path: Path
    """The draft file."""
    title: str
    """The plan title."""
    year: int | None
    """The plan year."""
    base: str
    """The library id of the plan it was started from ('' for a skeleton)."""
    mtime_ns: int
    """Last modification, for sorting newest first."""


class DraftFile:
    """One draft file: reads, autosaves, and detects changes made by others.

    Not a value: it remembers the :class:`Stamp` of its last read or write.
    """

    def __init__(self, path: Path, stamp: Stamp | None = None) -> None:
        self.path = Path(path)
        self.stamp = stamp

    @classmethod
    def create(cls, plan: Plan, folder: Path | None = None) -> DraftFile:
        """A new draft file for ``plan`` in ``folder`` (default: the user's drafts folder)."""
        folder = Path(folder) if folder else drafts_dir()
        path = _free_path(folder, _slug(plan))
        draft = cls(path)
        draft.save(plan)
        return draft

    @classmethod
    def open(cls, path: Path) -> tuple[DraftFile, Plan]:
        """Read a draft file; returns the file handle and the plan in it."""
        path = Path(path)
        data = _read(path)
        draft = cls(path, _stamp(path, data))
        return draft, _loads(data, path)

    def changed_on_disk(self) -> bool:
        """Whether the file differs from what drafter last read or wrote."""
        try:
            stat = self.path.stat()
        except FileNotFoundError:
            return self.stamp is not None
        if self.stamp is None:
            return True
        if stat.st_mtime_ns == self.stamp.mtime_ns:
            return False
        return _hash(_read(self.path)) != self.stamp.sha256

    def save(self, plan: Plan, *, force: bool = False) -> None:
        """Write ``plan`` atomically; refuse when someone else changed the file meanwhile."""
        if not force and self.changed_on_disk():
            raise DraftConflict(
                f"草稿 {self.path.name} 已被其他程序修改，为免覆盖未自动保存；"
                "请重新打开草稿或另存为新草稿。"
            )
        data = _dumps(plan).encode("utf-8")
        write_bytes(self.path, data)
        self.stamp = _stamp(self.path, data)

    def reload(self) -> Plan:
        """Read the file again (after a conflict), accepting what is on disk now."""
        data = _read(self.path)
        self.stamp = _stamp(self.path, data)
        return _loads(data, self.path)


def list_drafts(folder: Path | None = None) -> list[DraftSummary]:
    """The drafts in ``folder`` (default: the user's drafts folder), newest first."""
    folder = Path(folder) if folder else drafts_dir()
    out = []
    for path in folder.glob(f"*{SUFFIX}"):
        try:
            plan = _loads(_read(path), path)
        except DrafterError:
            continue  # an unreadable file is not offered; opening it names the problem
        out.append(DraftSummary(path=path, title=plan.meta.title, year=plan.meta.year,
                                base=plan.base, mtime_ns=path.stat().st_mtime_ns))
    return sorted(out, key=lambda d: d.mtime_ns, reverse=True)


def _read(path: Path) -> bytes:
    """The bytes of a draft file or a Chinese error."""
    try:
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise InputError(f"找不到草稿文件 {path}。") from exc
    except OSError as exc:
        raise InputError(f"无法读取草稿文件 {path}：{exc.strerror}。") from exc


def _dumps(plan: Plan) -> str:
    """The draft as library TOML."""
    from drafter.library.store import dumps

    return dumps(plan)


def _loads(data: bytes, path: Path) -> Plan:
    """A plan from draft bytes or a Chinese error naming the file."""
    from drafter.library.store import loads

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"草稿文件 {path.name} 不是 UTF-8 文本。") from exc
    return loads(text)


def _hash(data: bytes) -> str:
    """SHA-256 of the bytes."""
    return hashlib.sha256(data).hexdigest()


def _stamp(path: Path, data: bytes) -> Stamp:
    """The stamp of a file just read or written."""
    return Stamp(mtime_ns=path.stat().st_mtime_ns, sha256=_hash(data))


def _slug(plan: Plan) -> str:
    """A file name stem from the draft's issuer and year."""
    who = plan.meta.issuer or plan.meta.region or "草稿"
    stem = f"{who}-{plan.meta.year or '未定'}"
    return re.sub(r'[\\/:*?"<>|\s]+', "_", stem)


def _free_path(folder: Path, stem: str) -> Path:
    """``folder/stem.toml``, or ``stem-2.toml`` … when taken."""
    path = folder / f"{stem}{SUFFIX}"
    n = 2
    while path.exists():
        path = folder / f"{stem}-{n}{SUFFIX}"
        n += 1
    return path
