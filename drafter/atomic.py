"""Atomic file writes: a temp file beside the target, fsync, then rename."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from drafter.errors import ExistsError, WriteError


def _process_umask() -> int:
    """The process umask; os.umask can only be read by setting it, so this runs once at import
    rather than while other threads may be creating files."""
    umask = os.umask(0)
    os.umask(umask)
    return umask


#: The umask at start-up: new files get ``0o666 & ~_UMASK`` (see :func:`_mode_for`).
_UMASK = _process_umask()


Guard = Callable[[], None]
"""Called just before the rename; raises to leave the target untouched (the temp file goes)."""


def write_bytes(
    path: Path, data: bytes, *, overwrite: bool = True, guard: Guard | None = None
) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new, never half.

    With ``overwrite=False`` an existing file is never replaced, even one created by another
    process during the write (the new file is linked into place, which fails if the name is
    taken).
    """
    _write(Path(path), data, overwrite, guard)


def write_bytes_stamped(path: Path, data: bytes, *, guard: Guard | None = None) -> os.stat_result:
    """Like :func:`write_bytes`, returning the stat of the file written, taken from the temp
    file before the rename: a later write by someone else cannot be mistaken for this one."""
    return _write(Path(path), data, True, guard)


def _write(path: Path, data: bytes, overwrite: bool, guard: Guard | None = None) -> os.stat_result:
    """The atomic write itself; returns the temp file's stat as fsynced, just before the rename."""
    if not overwrite and path.exists():
        raise ExistsError(f"文件已存在：{path}，没有覆盖。")
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WriteError(f"无法创建文件夹 {folder}：{_reason(exc)}。") from exc
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        reason = "该位置不允许创建文件" if exc.errno == errno.ENOENT else _reason(exc)
        raise WriteError(f"无法在文件夹 {folder} 中写入文件：{reason}。") from exc
    try:
        with os.fdopen(fd, "wb") as fh:
            # mkstemp creates 0600; give the file the mode open() would (or keep the old one).
            os.fchmod(fh.fileno(), _mode_for(path))
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
            stat = os.fstat(fh.fileno())
        if guard is not None:
            guard()
        if overwrite:
            os.replace(tmp, path)
        else:
            _place_new(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise WriteError(f"无法写入 {path}：{_reason(exc)}。") from exc
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(folder)
    return stat


def _place_new(tmp: str, path: Path) -> None:
    """Move ``tmp`` to the free name ``path``; ExistsError if someone took the name meanwhile."""
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise ExistsError(f"文件已存在：{path}，没有覆盖。") from None
    except OSError:
        # No hard links here (some network and FAT drives): check, then rename.
        if path.exists():
            raise ExistsError(f"文件已存在：{path}，没有覆盖。") from None
        os.replace(tmp, path)
        return
    os.unlink(tmp)


def _mode_for(path: Path) -> int:
    """The existing file's permissions, else what the umask allows for a new file."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        return 0o666 & ~_UMASK


def write_text(path: Path, text: str, *, overwrite: bool = True) -> None:
    """Write UTF-8 text atomically."""
    write_bytes(path, text.encode("utf-8"), overwrite=overwrite)


def _fsync_dir(folder: Path) -> None:
    """Persist the rename itself (best effort: not every platform can open a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _reason(exc: OSError) -> str:
    """A short Chinese reason for an OS error."""
    reasons = {
        errno.EACCES: "没有写入权限",
        errno.EPERM: "没有写入权限",
        errno.EROFS: "磁盘为只读",
        errno.ENOSPC: "磁盘空间不足",
        errno.ENOENT: "路径不存在",
        errno.ENOTDIR: "路径中有一段不是文件夹",
        errno.EISDIR: "目标是一个文件夹",
    }
    return reasons.get(exc.errno or 0, exc.strerror or "未知错误")
