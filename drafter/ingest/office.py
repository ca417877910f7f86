""".doc, .wps, .odt and .rtf through headless LibreOffice, converted to .docx and read as such.

LibreOffice runs with a private profile in a temporary folder and a timeout. A batch import
converts all such files in one LibreOffice start (:func:`converted`); a single file is
converted on its own when it is read outside a batch.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from contextvars import ContextVar
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType

from drafter.errors import InputError
from drafter.ingest import docx as docx_reader
from drafter.ingest import formats
from drafter.ingest.raw import RawText

SUFFIXES = formats.SUFFIXES["office"]
#: The format each suffix is reported as (templates as their documents).
_FORMATS = {".doc": "doc", ".dot": "doc", ".wps": "wps", ".wpt": "wps", ".odt": "odt",
            ".ott": "odt", ".rtf": "rtf"}
#: The Debian package that provides ``soffice`` without a desktop.
PACKAGE = "libreoffice-writer-nogui"
#: Seconds one LibreOffice start may take, plus a share for each file it converts.
TIMEOUT = 120.0
PER_FILE = 20.0

#: Files a batch has converted: source → its .docx, None when LibreOffice produced nothing,
#: or the error that stopped the whole batch (missing, hanging LibreOffice).
_BATCH: ContextVar[Mapping[Path, Path | InputError | None]] = ContextVar(
    "office_batch", default=MappingProxyType({})
)


def read(path: Path) -> RawText:
    """Convert with LibreOffice (or take the batch's result) and read the .docx."""
    batch = _BATCH.get()
    key = path.resolve()
    if key in batch:
        target = batch[key]
        if isinstance(target, InputError):
            raise InputError(f"无法读取 {path}：{target.message}")
        if target is None:
            raise _unconvertible(path)
        return _read_docx(path, target)
    with tempfile.TemporaryDirectory(prefix="drafter-convert-") as tmp:
        try:
            done = convert([path], Path(tmp))
        except InputError as exc:
            raise InputError(f"无法读取 {path}：{exc.message}") from exc
        target = done.get(key)
        if target is None:
            raise _unconvertible(path)
        return _read_docx(path, target)


def _read_docx(source: Path, docx_path: Path) -> RawText:
    try:
        raw = docx_reader.read(docx_path)
    except InputError as exc:
        raise _unconvertible(source) from exc
    return replace(raw, format=_FORMATS.get(source.suffix.lower(), "doc"))


def _unconvertible(path: Path) -> InputError:
    return InputError(f"LibreOffice 无法转换 {path}：文件已损坏，或不是 Word/WPS 文档。")


@contextlib.contextmanager
def converted(paths: Iterable[Path]) -> Iterator[None]:
    """Convert every LibreOffice-only file among ``paths`` in one start, for :func:`read`.

    Files that are not such documents are left alone; failures surface when the file is read.
    """
    wanted = [p for p in paths if p.suffix.lower() in SUFFIXES and _sniff(p)]
    if not wanted:
        yield
        return
    with tempfile.TemporaryDirectory(prefix="drafter-convert-") as tmp:
        done: dict[Path, Path | InputError | None]
        try:
            done = dict(convert(wanted, Path(tmp)))
        except InputError as exc:
            # No LibreOffice, or it hung: every file of the batch says so (no second try each).
            done = {p.resolve(): exc for p in wanted}
        token = _BATCH.set(MappingProxyType({**_BATCH.get(), **done}))
        try:
            yield
        finally:
            _BATCH.reset(token)


def _sniff(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            return formats.office_kind(fh.read(128)) is not None
    except OSError:
        return False


def convert(paths: list[Path], out_dir: Path, *, timeout: float | None = None) -> dict[Path, Path | None]:
    """Convert ``paths`` to .docx in ``out_dir`` with one LibreOffice start.

    Returns each source (resolved) → its .docx, or None where LibreOffice produced nothing.
    Raises InputError when LibreOffice is missing, cannot start or runs past the timeout.
    """
    from drafter.export.pdf import find_soffice  # the one place that locates LibreOffice

    soffice = find_soffice()
    if soffice is None:
        raise InputError(
            f"读取 .doc/.wps/.odt/.rtf 需要 LibreOffice，但本机没有安装；"
            f"请安装 {PACKAGE}（sudo apt-get install {PACKAGE}）后重试，或在 Word/WPS 中另存为 .docx。"
        )
    limit = timeout if timeout is not None else _timeout(len(paths))
    # Sources are linked under unique names so that a.doc and a.wps do not overwrite each other.
    staged = out_dir / "in"
    staged.mkdir()
    names: dict[Path, Path] = {}
    for n, path in enumerate(paths):
        link = staged / f"{n:05d}{path.suffix.lower()}"
        try:
            link.symlink_to(path.resolve())
        except OSError:
            link.write_bytes(path.read_bytes())
        names[path.resolve()] = out_dir / f"{n:05d}.docx"
    profile = out_dir / "profile"
    cmd = [
        soffice, f"-env:UserInstallation={profile.resolve().as_uri()}", "--headless",
        "--norestore", "--nologo", "--nodefault", "--convert-to", "docx:MS Word 2007 XML",
        "--outdir", str(out_dir), *(str(staged / f"{n:05d}{p.suffix.lower()}")
                                    for n, p in enumerate(paths)),
    ]
    _run(cmd, limit, soffice)
    return {
        src: out if out.is_file() and formats.has_member(out, "word/document.xml") else None
        for src, out in names.items()
    }


def _timeout(files: int) -> float:
    override = os.environ.get("DRAFTER_CONVERT_TIMEOUT")
    if override:
        with contextlib.suppress(ValueError):
            return float(override)
    return TIMEOUT + PER_FILE * files


def _run(cmd: list[str], limit: float, soffice: str) -> None:
    """Run LibreOffice in its own process group, so that a hung one is stopped entirely."""
    try:
        process = subprocess.Popen(
            cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError as exc:
        raise InputError(f"无法启动 LibreOffice（{soffice}）：{exc.strerror or exc}。") from exc
    try:
        process.wait(timeout=limit)
    except subprocess.TimeoutExpired as exc:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        raise InputError(
            f"LibreOffice 转换超时（超过 {limit:.0f} 秒未完成），已停止；"
            "请确认 LibreOffice 能正常运行，或在 Word/WPS 中另存为 .docx 后再导入。"
        ) from exc
