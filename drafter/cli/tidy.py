"""What ``drafter remove`` and ``drafter restore`` share: finding things and saying what happened."""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from drafter.errors import InputError, LibraryError
from drafter.library import trash
from drafter.paths import drafts_dir

if TYPE_CHECKING:
    from drafter.library import Library, PlanSummary


@dataclass(frozen=True)
class Target:
    """Something the writer asked to remove: a library plan or a draft file."""

    kind: str
    """``plan`` or ``draft``."""
    name: str
    """How it is named to the writer."""
    plan_id: str = ""
    """The library id of a plan."""
    path: Path | None = None
    """The draft file."""
    builtin: bool = False
    """A built-in plan (hidden, not removed)."""


def add_workspace(parser: argparse.ArgumentParser) -> None:
    """``--workspace``: the drafts folder, as the app takes it."""
    parser.add_argument("--workspace", metavar="DIR",
                        help="草稿文件夹（默认在用户数据目录下的 drafts）")


def workspace(args: argparse.Namespace) -> Path:
    """The drafts folder named by ``--workspace`` (or the default)."""
    folder = getattr(args, "workspace", None)
    return Path(folder).expanduser() if folder else drafts_dir()


def find_target(ref: str, library: Library, drafts: Path) -> Target:
    """A draft (by file path, file name or title) or a library plan (by id or words)."""
    from drafter.draft import list_drafts

    path = Path(ref).expanduser()
    if path.suffix.lower() == ".toml" and path.is_file():
        for summary in library.summaries():
            if summary.path.resolve() == path.resolve():
                return _plan(summary)
        return Target("draft", f"草稿“{path.stem}”", path=path)
    found = [d for d in list_drafts(drafts) if ref in (d.path.stem, d.path.name, d.title)]
    if len(found) == 1:
        return Target("draft", f"草稿“{found[0].title or found[0].path.stem}”",
                      path=found[0].path)
    if len(found) > 1:
        names = "、".join(d.path.name for d in found[:5])
        raise InputError(f"“{ref}”对应多份草稿（{names}），请写草稿文件名。")
    try:
        return _plan(library.find(ref))
    except LibraryError as exc:
        raise InputError(f"{exc.message.rstrip('。')}；草稿可写文件名（drafter remove 草稿.toml）。") \
            from exc


def _plan(s: PlanSummary) -> Target:
    return Target("plan", f"《{s.title}》（{s.id}）", plan_id=s.id, builtin=s.builtin)


def remove(target: Target, library: Library) -> str:
    """Trash or hide ``target``; one Chinese sentence saying what happened and how to undo it."""
    if target.kind == "draft":
        assert target.path is not None
        entry = trash.trash_draft(target.path, target.name)
        return f"已把{target.name}移到回收站；恢复：drafter restore {entry.name}"
    entry_or_none = library.remove(target.plan_id)
    if entry_or_none is None:
        return (f"{target.name}是内置要点，不能删除，已隐藏；"
                f"重新显示：drafter restore {target.plan_id}")
    return f"已把{target.name}移到回收站；恢复：drafter restore {entry_or_none.name}"


def confirm(question: str) -> bool:
    """Ask y/N on the terminal; no answer (end of input) is no."""
    try:
        answer = input(f"{question}[y/N] ")
    except EOFError:
        print(file=sys.stderr)
        return False
    return answer.strip().lower() in {"y", "yes", "是", "确定"}


def trash_rows() -> list[dict[str, str]]:
    """The trash as JSON rows."""
    return [{"name": e.name, "kind": e.kind, "title": e.title, "plan_id": e.plan_id,
             "original": str(e.original), "removed_at": e.removed_at}
            for e in trash.list_trash()]


def print_trash(library: Library) -> None:
    """The trash and the hidden built-ins, for reading."""
    entries = trash.list_trash()
    if not entries:
        print("回收站是空的。")
    for e in entries:
        print(f"{e.name}  {trash.KIND_NAMES.get(e.kind, e.kind)}  {e.title}  "
              f"删除于 {e.removed_at}  原位置 {e.original}")
    hidden = sorted(library.hidden)
    if hidden:
        print(f"已隐藏的内置要点：{'、'.join(hidden)}")


def restore(name: str, library: Library) -> str:
    """Restore a trash entry, or show a hidden built-in again; what happened, in Chinese."""
    library.summaries()
    if name in library.hidden:
        library.unhide(name)
        return f"已重新显示内置要点 {name}。"
    entry = trash.find_entry(name)
    path = trash.restore(entry)
    library.invalidate()
    return f"已恢复{trash.KIND_NAMES.get(entry.kind, '')}“{entry.title or path.stem}”到 {path}。"
