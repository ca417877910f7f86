"""PDF through headless LibreOffice, when it is installed."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from drafter.errors import WriteError
from drafter.export.fonts import with_installed_fonts
from drafter.export.profile import Profile

#: Seconds a single conversion may take before it is given up.
TIMEOUT = 180
_CANDIDATES = ("soffice", "libreoffice")
#: The PDF filter with the blank pages LibreOffice inserts (before a section that starts on
#: an even page, such as the 版记's) kept: a two-sided print needs them.
PDF_FILTER = 'pdf:writer_pdf_Export:{"IsSkipEmptyPages":{"type":"boolean","value":"false"}}'


def find_soffice() -> str | None:
    """The LibreOffice executable (``DRAFTER_SOFFICE`` overrides the search), or None."""
    override = os.environ.get("DRAFTER_SOFFICE")
    if override:
        return override if Path(override).is_file() else shutil.which(override)
    for name in _CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


def convert_to_pdf(docx_path: Path, out_dir: Path, *, timeout: float = TIMEOUT) -> Path:
    """Convert ``docx_path`` into ``out_dir`` with a private LibreOffice profile."""
    soffice = find_soffice()
    if soffice is None:
        raise WriteError("未找到 LibreOffice（soffice），无法导出 PDF；请先安装 LibreOffice，"
                         "或改用 --format docx。")  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="drafter-lo-") as profile_dir:
        cmd = [
            soffice,
            f"-env:UserInstallation={Path(profile_dir).as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            PDF_FILTER,
            "--outdir",
            str(out_dir),
            str(docx_path),
        ]
        try:
            subprocess.run(cmd, capture_output=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired as exc:
            message = f"LibreOffice 转换 PDF 超时（{timeout:.0f} 秒），请稍后重试。"
            raise WriteError(message) from exc
        except OSError as exc:
            raise WriteError(f"无法启动 LibreOffice（{soffice}）：{exc.strerror}。") from exc
    pdf = out_dir / (docx_path.stem + ".pdf")
    if not pdf.is_file():
        raise WriteError("LibreOffice 未能生成 PDF，请确认它能正常运行后重试。")
    return pdf


def pdf_bytes(docx_data: bytes, profile: Profile | None = None) -> bytes:
    """Render a .docx given as bytes and return the PDF's bytes; with ``profile``, faces
    missing on this machine are replaced by the installed ones it lists."""
    if profile is not None:
        docx_data = with_installed_fonts(docx_data, profile)
    with tempfile.TemporaryDirectory(prefix="drafter-pdf-") as tmp:
        src = Path(tmp) / "document.docx"
        src.write_bytes(docx_data)
        return convert_to_pdf(src, Path(tmp)).read_bytes()
