"""Export of a plan: official .docx (GB/T 9704-2012), Markdown, plain text and PDF.

``export_plan`` is the entry point; ``profile.load_profile`` and ``layout.new_document`` /
``layout.add_paragraph`` give other documents (such as a redline) the same official layout.
"""

from __future__ import annotations

from pathlib import Path

from drafter import atomic
from drafter.errors import DrafterError, ExistsError, WriteError
from drafter.export import text
from drafter.export.document import docx_bytes
from drafter.export.notice import NoticeInfo, notice_from_plan
from drafter.export.profile import Profile, load_profile
from drafter.model import Plan

FORMATS = ("docx", "md", "txt", "pdf")

__all__ = ["FORMATS", "NoticeInfo", "export_bytes", "export_plan", "notice_from_plan"]


def export_bytes(
    plan: Plan,
    *,
    fmt: str = "docx",
    profile: str | Profile = "gbt9704",
    notice: NoticeInfo | None = None,
) -> bytes:
    """The exported document as bytes, without touching the file system (except for PDF)."""
    if fmt not in FORMATS:
        raise DrafterError(f"不支持的导出格式“{fmt}”；可选：{'、'.join(FORMATS)}。")
    style = profile if isinstance(profile, Profile) else load_profile(profile)
    if fmt == "md":
        return text.to_markdown(plan, notice).encode("utf-8")
    if fmt == "txt":
        return text.to_text(plan, notice).encode("utf-8")
    data = docx_bytes(plan, style, notice)
    if fmt == "pdf":
        from drafter.export.pdf import pdf_bytes

        return pdf_bytes(data, style)
    return data


def export_plan(
    plan: Plan,
    out: Path,
    *,
    fmt: str = "docx",
    profile: str | Profile = "gbt9704",
    notice: NoticeInfo | None = None,
    force: bool = False,
) -> Path:
    """Write ``plan`` to ``out`` as docx, md, txt or pdf and return the path written.

    An existing file is kept unless ``force``; the folder must exist and be writable; the
    write is atomic, so a failed export never leaves half a file.
    """
    out = Path(out)
    check_target(out, force=force)
    data = export_bytes(plan, fmt=fmt, profile=profile, notice=notice)
    atomic.write_bytes(out, data, overwrite=force)
    return out


def check_target(out: Path, *, force: bool) -> None:
    """Refuse an output path that is a folder, exists (without ``force``) or has no folder."""
    if out.is_dir():
        raise WriteError(f"{out} 是一个文件夹，请给出要保存的文件名。")
    if out.exists() and not force:
        raise ExistsError(f"文件已存在：{out}，没有覆盖。")
    folder = out.parent
    if not folder.is_dir():
        raise WriteError(f"文件夹不存在：{folder}；请先创建它或换一个保存位置。")
    if not _writable(folder):
        raise WriteError(f"没有权限写入文件夹 {folder}，请换一个保存位置。")


def _writable(folder: Path) -> bool:
    """Whether files can be created in ``folder``."""
    import os

    return os.access(folder, os.W_OK | os.X_OK)
