"""``drafter app``: the drafting app (also what ``drafter`` runs without a command)."""

from __future__ import annotations

import argparse
from pathlib import Path

from drafter.errors import InputError

HELP = "打开起草界面：从去年的要点起草新一年的要点（不带命令时默认运行）"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of the app command."""
    parser.add_argument("--workspace", metavar="DIR",
                        help="草稿保存文件夹（默认在用户数据目录下的 drafts）")
    parser.add_argument("--open", metavar="DRAFT", dest="open_draft",
                        help="启动后直接打开这个草稿文件")


def run(args: argparse.Namespace) -> int:
    """Launch the app on the built-in library plus the user's."""
    from drafter.tui.app import make_app

    workspace = Path(args.workspace).expanduser() if args.workspace else None
    if workspace is not None and workspace.exists() and not workspace.is_dir():
        raise InputError(f"--workspace 应为文件夹：{workspace}。")
    open_draft = Path(args.open_draft).expanduser() if args.open_draft else None
    if open_draft is not None and not open_draft.is_file():
        raise InputError(f"找不到草稿文件：{open_draft}。")
    library = getattr(args, "library", None)
    app = make_app(library_dir=Path(library).expanduser() if library else None,
                   workspace=workspace, open_draft=open_draft)
    app.run()
    return 0
