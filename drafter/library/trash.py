"""Tidying the library: removed files go to a trash folder (restorable); built-ins are hidden.

Each removed file sits in its own folder under ``<user data>/trash`` beside an ``info.toml``
saying where it came from, so a restore puts it back exactly there. Built-in plans are
read-only: removing one adds its id to ``hidden.toml`` in the user's config folder instead.
"""

from __future__ import annotations

import shutil
import tomllib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from drafter import paths
from drafter.atomic import write_text
from drafter.errors import LibraryError

INFO = "info.toml"
HIDDEN = "hidden.toml"
PLAN, DRAFT = "plan", "draft"
KIND_NAMES = {PLAN: "要点", DRAFT: "草稿"}
"""How each kind of removed file is named to the writer."""


@dataclass(frozen=True)
class TrashEntry:
    """One removed file in the trash."""

    name: str
    """The entry's folder name: what ``restore`` takes."""
    kind: str
    """``plan`` (a library file) or ``draft``."""
    title: str
    """The plan or draft title."""
    plan_id: str
    """The library id of a plan ('' for a draft)."""
    original: Path
    """Where the file was, and where a restore puts it back."""
    removed_at: str
    """When it was removed (local time, ``YYYY-MM-DD HH:MM``)."""
    files: tuple[Path, ...]
    """The file and its companions (undo history…), now in the trash."""


def trash_dir() -> Path:
    """The trash folder in the user's data folder."""
    return paths.user_data_dir() / "trash"


def hidden_path() -> Path:
    """The list of built-in plans the writer hid."""
    return paths.user_config_dir() / HIDDEN


def move_to_trash(path: Path, kind: str, title: str, plan_id: str = "",
                  companions: tuple[Path, ...] = ()) -> TrashEntry:
    """Move ``path`` (and existing ``companions`` beside it) into a new trash entry."""
    path = Path(path)
    if not path.is_file():
        raise LibraryError(f"找不到要删除的文件：{path}。")
    stamp = datetime.now()
    folder = _free(trash_dir(), f"{stamp:%Y%m%d-%H%M%S}-{path.stem}")
    import tomlkit  # only when tidying: `drafter list` stays light

    info = tomlkit.document()
    info["kind"] = kind
    info["title"] = title
    info["plan_id"] = plan_id
    info["original"] = str(path.resolve())
    info["removed_at"] = f"{stamp:%Y-%m-%d %H:%M}"
    moving = [path, *(c for c in companions if Path(c).is_file())]
    info["files"] = [p.name for p in moving]
    try:
        folder.mkdir(parents=True)
        write_text(folder / INFO, tomlkit.dumps(info))
        for source in moving:
            shutil.move(str(source), str(folder / source.name))
    except OSError as exc:
        raise LibraryError(f"无法把 {path.name} 移到回收站：{exc.strerror or exc}。") from exc
    return _entry(folder)


def trash_draft(path: Path, title: str) -> TrashEntry:
    """Move a draft and its undo history to the trash."""
    from drafter.draft.companions import companions

    return move_to_trash(path, DRAFT, title, companions=companions(Path(path)))


def list_trash() -> list[TrashEntry]:
    """Everything in the trash, most recently removed first."""
    root = trash_dir()
    if not root.is_dir():
        return []
    entries = []
    for folder in sorted(root.iterdir(), reverse=True):
        if (folder / INFO).is_file():
            try:
                entries.append(_entry(folder))
            except LibraryError:
                continue  # a damaged entry is left where it is, not offered
    return entries


def find_entry(name: str) -> TrashEntry:
    """A trash entry by folder name, or by words of its title, id or file name."""
    entries = list_trash()
    exact = [e for e in entries if e.name == name]
    if exact:
        return exact[0]
    words = name.split()
    matches = [e for e in entries
               if words and all(w in f"{e.name} {e.title} {e.plan_id} {e.original.name}"
                                for w in words)]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise LibraryError(f"回收站中没有“{name}”，可用 drafter restore --list 查看。")
    names = "、".join(e.name for e in matches[:5])
    raise LibraryError(f"“{name}”对应回收站中的多项（{names}），请写完整名称。")


def restore(entry: TrashEntry) -> Path:
    """Put a removed file back where it was; refuses to overwrite a file there now."""
    target = entry.original
    if target.exists():
        raise LibraryError(f"{target} 已有同名文件，未恢复；请先移走它再恢复。")
    folder = trash_dir() / entry.name
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        for file in entry.files:
            destination = target if file.name == entry.files[0].name else target.parent / file.name
            if not destination.exists():
                shutil.move(str(file), str(destination))
        shutil.rmtree(folder)
    except OSError as exc:
        raise LibraryError(f"无法恢复 {target.name}：{exc.strerror or exc}。") from exc
    return target


def hidden_ids() -> set[str]:
    """The ids of built-in plans the writer hid (empty when there is no list)."""
    path = hidden_path()
    if not path.is_file():
        return set()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise LibraryError(f"隐藏列表 {path} 无法读取：{exc}。") from exc
    plans = data.get("plans", [])
    return {p for p in plans if isinstance(p, str)} if isinstance(plans, list) else set()


def set_hidden(plan_id: str, hidden: bool) -> None:
    """Hide a built-in plan, or show it again."""
    ids = hidden_ids()
    ids = ids | {plan_id} if hidden else ids - {plan_id}
    import tomlkit

    doc = tomlkit.document()
    doc.add(tomlkit.comment("drafter 中隐藏的内置要点（删掉一行即恢复显示）。"))
    doc["plans"] = sorted(ids)
    write_text(hidden_path(), tomlkit.dumps(doc))


def _entry(folder: Path) -> TrashEntry:
    """Read one trash entry's info file."""
    try:
        data = tomllib.loads((folder / INFO).read_text(encoding="utf-8"))
        files = tuple(folder / str(n) for n in data.get("files", []))
        return TrashEntry(
            name=folder.name, kind=str(data["kind"]), title=str(data.get("title", "")),
            plan_id=str(data.get("plan_id", "")), original=Path(str(data["original"])),
            removed_at=str(data.get("removed_at", "")), files=files,
        )
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, KeyError) as exc:
        raise LibraryError(f"回收站中的 {folder.name} 已损坏：{exc}。") from exc


def _free(root: Path, name: str) -> Path:
    """``root/name``, numbered when taken."""
    candidate, n = root / name, 1
    while candidate.exists():
        n += 1
        candidate = root / f"{name}-{n}"
    return candidate
