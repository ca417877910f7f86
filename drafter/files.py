"""Reading input files: regular files only (a FIFO or device never blocks), size bounded."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from drafter.errors import DrafterError, InputError

_KINDS = (
    (stat.S_ISFIFO, "命名管道"),
    (stat.S_ISSOCK, "套接字"),
    (stat.S_ISCHR, "字符设备"),
    (stat.S_ISBLK, "块设备"),
    (stat.S_ISDIR, "文件夹"),
)


def check_regular(path: Path, st: os.stat_result) -> None:
    """Refuse anything but a regular file, naming what it is."""
    if stat.S_ISREG(st.st_mode):
        return
    kind = next((name for test, name in _KINDS if test(st.st_mode)), "特殊文件")
    raise InputError(f"{path} 是{kind}，不是普通文件，无法读取。")


def read_regular(path: Path, limit: int, *, error: type[DrafterError] = InputError) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes, or a Chinese error."""
    return read_regular_stat(path, limit, error=error)[0]


def read_regular_stat(
    path: Path, limit: int, *, error: type[DrafterError] = InputError
) -> tuple[bytes, os.stat_result]:
    """The bytes of a regular file and its stat (taken before the read), or a Chinese error.

    The file is opened without blocking and checked on the open descriptor, so a FIFO put in
    its place between a check and the read cannot hang the program.
    """
    path = Path(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError as exc:
        raise error(f"找不到文件：{path}。") from exc
    except IsADirectoryError as exc:
        raise error(f"{path} 是文件夹，不是文件。") from exc
    except OSError as exc:
        raise error(f"无法读取 {path}：{exc.strerror or exc}。") from exc
    try:
        st = os.fstat(fd)
        try:
            check_regular(path, st)
        except InputError as exc:
            raise error(exc.message) from None
        if st.st_size > limit:
            raise error(f"{path} 太大（超过 {limit // (1024 * 1024)} MB），无法读取。")
        with os.fdopen(fd, "rb", closefd=False) as fh:
            data = fh.read(limit + 1)
    except OSError as exc:
        raise error(f"无法读取 {path}：{exc.strerror or exc}。") from exc
    finally:
        os.close(fd)
    if len(data) > limit:
        raise error(f"{path} 太大（超过 {limit // (1024 * 1024)} MB），无法读取。")
    return data, st
