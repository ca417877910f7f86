"""Reading zipped XML formats within bounds: a small file cannot unpack into gigabytes."""

from __future__ import annotations

import zipfile
from pathlib import Path

from drafter.errors import InputError

#: Most members an archive may hold, and most bytes one member or all may unpack to.
MAX_MEMBERS = 20_000
MAX_MEMBER_BYTES = 64 * 1024 * 1024
MAX_TOTAL_BYTES = 256 * 1024 * 1024


def open_zip(path: Path, what: str) -> zipfile.ZipFile:
    """Open an archive whose declared sizes stay within the bounds; ``what`` names the kind."""
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise InputError(f"{path} 不是有效的 {what} 文件（文件已损坏或只是改了扩展名）。") from exc
    infos = zf.infolist()
    if len(infos) > MAX_MEMBERS or sum(i.file_size for i in infos) > MAX_TOTAL_BYTES:
        zf.close()
        raise InputError(f"{path} 解压后过大，不像是一份工作要点。")
    return zf


def read_member(zf: zipfile.ZipFile, name: str, where: Path) -> bytes:
    """One member's bytes, stopping as soon as it unpacks past the bound (declared or not)."""
    chunks: list[bytes] = []
    size = 0
    try:
        with zf.open(name) as fh:
            while chunk := fh.read(1024 * 1024):
                size += len(chunk)
                if size > MAX_MEMBER_BYTES:
                    raise InputError(f"{where} 中的 {name} 解压后过大，不像是一份工作要点。")
                chunks.append(chunk)
    except KeyError as exc:
        raise InputError(f"{where} 缺少 {name}，文件不完整。") from exc
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError) as exc:
        raise InputError(f"{where} 中的 {name} 已损坏，无法解压。") from exc
    return b"".join(chunks)
