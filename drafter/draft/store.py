"""Where drafts live on disk: atomic autosave that never overwrites someone else's change."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from stat import S_ISREG

from drafter.atomic import write_bytes_stamped
from drafter.errors import DrafterError, InputError
from drafter.files import read_regular_stat
from drafter.model import Plan
from drafter.paths import drafts_dir, safe_name

SUFFIX = ".toml"
RECOVERY_MARK = "-恢复"
"""Recovery files are named ``<draft>-恢复.toml`` (``-恢复-2`` … when taken)."""
#: A draft file larger than this is not a draft.
MAX_DRAFT_BYTES = 16 * 1024 * 1024


class DraftConflict(DrafterError):
    """The draft file was changed on disk by someone else since drafter last wrote it."""


class DraftDeleted(DraftConflict):
    """The draft file was deleted (or moved away) since drafter last read or wrote it."""


@dataclass(frozen=True)
class Stamp:
    """What the draft file looked like when drafter last read or wrote it."""

    mtime_ns: int
    """Modification time in nanoseconds."""
    size: int
    """Size in bytes."""
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
    damaged: str = ""
    """Why the file cannot be opened (one Chinese sentence); '' for a readable draft."""
    recovery: bool = False
    """A recovery file: text kept after a save was refused or after a crash."""


class DraftFile:
    """One draft file: reads, autosaves, and detects changes made by others.

    Not a value: it remembers the :class:`Stamp` of its last read or write.
    """

    def __init__(self, path: Path, stamp: Stamp | None = None) -> None:
        self.path = Path(path)
        self.stamp = stamp
        self.recovery_path: Path | None = None
        """Where :meth:`save_recovery` keeps text this handle could not save."""

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
        data, stamp = _read_stamped(path)
        return cls(path, stamp), _loads(data, path)

    def changed_on_disk(self) -> bool:
        """Whether the file differs from what drafter last read or wrote (or is gone)."""
        return self._disk_state() != "same"

    def _disk_state(self) -> str:
        """``same``, ``changed`` or ``deleted``, compared with the stamp of the last read/write.

        A different size is a change; otherwise the bytes decide, even when the time agrees
        (``cp -p`` and ``rsync -t`` keep the time of a different file; a touch is no change).
        """
        try:
            stat = self.path.stat()
        except FileNotFoundError:
            return "same" if self.stamp is None else "deleted"
        except OSError:
            return "changed"
        stamp = self.stamp
        if stamp is None:
            return "changed"
        if stat.st_size != stamp.size or not S_ISREG(stat.st_mode):
            return "changed"
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return "deleted"
        except OSError:
            return "changed"
        return "same" if _hash(data) == stamp.sha256 else "changed"

    def save(self, plan: Plan, *, force: bool = False) -> None:
        """Write ``plan`` atomically; refuse when someone else changed or deleted the file
        meanwhile (``force`` writes anyway, e.g. to save a deleted draft again)."""
        state = "same" if force else self._disk_state()
        if state == "deleted":
            raise DraftDeleted(
                f"草稿文件 {self.path} 已被删除或移走，未自动保存；"
                "如需保留当前内容，请另存为新草稿重新保存。"
            )
        if state == "changed":
            raise DraftConflict(
                f"草稿 {self.path.name} 已被其他程序修改，为免覆盖未自动保存；"
                "请重新打开草稿或另存为新草稿。"
            )
        data = _dumps(plan).encode("utf-8")
        # The stamp comes from the temp file before its rename: a write by someone else
        # right after ours changes time or bytes and is noticed at the next save. The guard
        # looks once more just before the rename, after the slow part of the write.
        guard = None if force else self._refuse_if_changed
        self.stamp = _stamp(write_bytes_stamped(self.path, data, guard=guard), data)

    def _refuse_if_changed(self) -> None:
        """Raise the conflict :meth:`save` would raise if the file changed meanwhile."""
        if self._disk_state() != "same":
            raise DraftConflict(
                f"草稿 {self.path.name} 刚被其他程序修改，为免覆盖未自动保存；"
                "请重新打开草稿或另存为新草稿。"
            )

    def save_recovery(self, plan: Plan) -> Path:
        """Keep ``plan`` in a recovery file beside the draft (after a refused save); its path.

        The same draft handle always writes the same recovery file (the newest text wins);
        it is an ordinary draft file, listed in 我的草稿 and opened like any other.
        """
        if self.recovery_path is None:
            self.recovery_path = _free_path(self.path.parent, f"{self.path.stem}-恢复")
        data = _dumps(plan).encode("utf-8")
        try:
            write_bytes_stamped(self.recovery_path, data)
        except DrafterError:
            # Beside the draft failed too (full disk, read-only folder): the user data folder.
            fallback = _free_path(drafts_dir(), f"{self.path.stem}-恢复")
            write_bytes_stamped(fallback, data)
            self.recovery_path = fallback
        return self.recovery_path

    @property
    def sha256(self) -> str:
        """Hash of the file as last read or written ('' before that)."""
        return self.stamp.sha256 if self.stamp else ""

    def reload(self) -> Plan:
        """Read the file again (after a conflict), accepting what is on disk now."""
        data, stamp = _read_stamped(self.path)
        plan = _loads(data, self.path)
        self.stamp = stamp
        return plan


def list_drafts(folder: Path | None = None) -> list[DraftSummary]:
    """The drafts in ``folder`` (default: the user's drafts folder), newest first."""
    folder = Path(folder) if folder else drafts_dir()
    out = []
    for path in folder.glob(f"*{SUFFIX}"):
        try:
            mtime = path.stat().st_mtime_ns
        except OSError:
            continue  # gone since the listing
        recovery = path.stem.endswith(RECOVERY_MARK) or f"{RECOVERY_MARK}-" in path.stem
        try:
            plan = _loads(_read(path), path)
        except DrafterError as exc:
            # Listed, not hidden: the writer sees the file is there and why it cannot open.
            out.append(DraftSummary(path=path, title=path.stem, year=None, base="",
                                    mtime_ns=mtime, damaged=exc.message, recovery=recovery))
            continue
        out.append(DraftSummary(path=path, title=plan.meta.title, year=plan.meta.year,
                                base=plan.base, mtime_ns=mtime, recovery=recovery))
    return sorted(out, key=lambda d: d.mtime_ns, reverse=True)


def _read(path: Path) -> bytes:
    """The bytes of a draft file or a Chinese error."""
    return _read_stamped(path)[0]


def _read_stamped(path: Path) -> tuple[bytes, Stamp]:
    """The bytes of a draft file and their stamp, both from one open file (stat before read,
    so a write during the read shows as a change later), or a Chinese error."""
    try:
        data, stat = read_regular_stat(path, MAX_DRAFT_BYTES)
    except InputError as exc:
        raise InputError(f"草稿：{exc.message}") from exc
    return data, _stamp(stat, data)


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
    return loads(text, where=f"草稿 {path}")


def _hash(data: bytes) -> str:
    """SHA-256 of the bytes."""
    return hashlib.sha256(data).hexdigest()


def _stamp(stat: os.stat_result, data: bytes) -> Stamp:
    """The stamp of a file just read or written, from its stat and bytes."""
    return Stamp(mtime_ns=stat.st_mtime_ns, size=stat.st_size, sha256=_hash(data))


def _slug(plan: Plan) -> str:
    """A file name stem from the draft's issuer and year."""
    who = plan.meta.issuer or plan.meta.region or "草稿"
    return safe_name(f"{who}-{plan.meta.year or '未定'}", fallback="草稿")


def _free_path(folder: Path, stem: str) -> Path:
    """``folder/stem.toml``, or ``stem-2.toml`` … when taken."""
    path = folder / f"{stem}{SUFFIX}"
    n = 2
    while path.exists():
        path = folder / f"{stem}-{n}{SUFFIX}"
        n += 1
    return path
