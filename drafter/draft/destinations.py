"""Where a draft's files go: beside its last export, else beside the last export of any
draft, else a visible documents folder (never the hidden data folder)."""

from __future__ import annotations

import tomllib
from pathlib import Path

from drafter import paths
from drafter.atomic import write_text
from drafter.errors import InputError, WriteError
from drafter.model import Plan

RECENT = "recent.toml"


def recent_path() -> Path:
    """The small file remembering the folder of the last export."""
    return paths.user_config_dir() / RECENT


def last_export_folder() -> Path | None:
    """The folder the writer last exported to (None when never, or it is unreadable)."""
    try:
        data = tomllib.loads(recent_path().read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    folder = data.get("export_folder")
    return Path(folder) if isinstance(folder, str) and folder else None


def remember_export(path: Path) -> None:
    """Remember ``path``'s folder for the next draft's first export."""
    import tomlkit

    doc = tomlkit.document()
    doc.add(tomlkit.comment("drafter 记住的上次导出文件夹。"))
    doc["export_folder"] = str(Path(path).resolve().parent)
    write_text(recent_path(), tomlkit.dumps(doc))


def _folder(plan: Plan) -> Path:
    """Where this draft's next file goes."""
    if plan.meta.export_path:
        return Path(plan.meta.export_path).parent
    return last_export_folder() or paths.user_documents_dir()


def _stem(plan: Plan, draft_path: Path | None) -> str:
    """The name the draft's files share."""
    if plan.meta.export_path:
        return Path(plan.meta.export_path).stem
    # The draft file's name is unique: two drafts of one title never share an export name.
    name = (draft_path.stem if draft_path else "") or plan.meta.title or "草稿"
    return paths.safe_name(name, fallback="草稿")


def export_default(plan: Plan, draft_path: Path | None, suffix: str = ".docx") -> Path:
    """The file offered for the draft's export: its last export, or a new name beside the
    last export of any draft."""
    if plan.meta.export_path:
        return Path(plan.meta.export_path).with_suffix(suffix)
    return _folder(plan) / f"{_stem(plan, draft_path)}{suffix}"


def comparison_default(plan: Plan, draft_path: Path | None, kind: str) -> Path:
    """The file offered for a 修订稿 or 花脸稿: named after the export, beside it."""
    return _folder(plan) / f"{_stem(plan, draft_path)}-{kind}.docx"


def prepare(path_text: str, suffix: str = ".docx") -> Path:
    """The typed path made usable: ``~`` expanded, the suffix added, its folder created."""
    text = path_text.strip().strip("\"'")
    if not text:
        raise InputError("请填写保存位置（文件名）。")
    path = Path(text).expanduser()
    if path.is_dir():
        raise InputError(f"{path} 是文件夹，请在后面写上文件名。")
    if not path.suffix:
        path = path.with_suffix(suffix)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WriteError(f"无法创建文件夹 {path.parent}：{exc.strerror or exc}。") from exc
    return path.resolve()
