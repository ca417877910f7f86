"""Advisory locks on open files (``fcntl`` on Unix, ``msvcrt`` on Windows), released by the
operating system when the process ends, even by kill -9."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from drafter.errors import DrafterError

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]
    import msvcrt


def try_lock(fd: int) -> bool:
    """Take an exclusive lock on ``fd`` without waiting; False when another process holds it."""
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        else:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    except OSError:
        return False
    return True


def unlock(fd: int) -> None:
    """Release a lock taken with :func:`try_lock`."""
    if fcntl is not None:
        fcntl.flock(fd, fcntl.LOCK_UN)
    else:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)


@contextmanager
def locked(path: Path, what: str, timeout: float = 60.0) -> Iterator[int]:
    """Hold an exclusive lock on the file ``path`` (created if needed); yields its descriptor.

    Waits up to ``timeout`` seconds for another process to let go, then says so in Chinese.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o666)
    except OSError as exc:
        raise DrafterError(f"无法锁定{what}（{path}）：{exc.strerror or exc}。") from exc
    try:
        deadline = time.monotonic() + timeout
        while not try_lock(fd):
            if time.monotonic() > deadline:
                raise DrafterError(f"{what}正被另一个 drafter 使用，等待 {timeout:.0f} 秒后仍未释放，请稍后再试。")
            time.sleep(0.05)
        try:
            yield fd
        finally:
            unlock(fd)
    finally:
        os.close(fd)
