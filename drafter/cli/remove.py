"""``drafter remove``: move plans or drafts to the trash (built-in plans are hidden)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from drafter.cli.common import add_format, open_library, print_json

if TYPE_CHECKING:
    from drafter.library import Library

HELP = "删除资料库中的要点或草稿（移到回收站，可恢复；内置要点改为隐藏）"
EXIT_DECLINED = 1


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from drafter.cli import tidy  # loaded only for this command

    parser.add_argument("refs", nargs="*", metavar="要点或草稿",
                        help="要点编号（如 重庆市涪陵区民政局/2022）、能唯一确定它的词，或草稿文件")
    parser.add_argument("-y", "--yes", action="store_true", help="不再询问，直接删除（供脚本使用）")
    parser.add_argument("--restore", metavar="名称", help="从回收站恢复（同 drafter restore）")
    parser.add_argument("--list", action="store_true", help="列出回收站和已隐藏的内置要点")
    tidy.add_workspace(parser)
    add_format(parser)


def run(args: argparse.Namespace) -> int:
    from drafter.cli import tidy  # loaded only for this command

    library = open_library(args)
    if args.list:
        return _list(args, library)
    if args.restore:
        print(tidy.restore(args.restore, library))
        return 0
    if not args.refs:
        print("请写出要删除的要点编号或草稿文件；drafter remove --list 查看回收站。")
        return 2
    targets = [tidy.find_target(ref, library, tidy.workspace(args)) for ref in args.refs]
    if not args.yes:
        names = "、".join(t.name for t in targets)
        if not tidy.confirm(f"将把{names}移到回收站（内置要点改为隐藏），确定吗？"):
            print("没有删除任何文件。脚本中可加 --yes 跳过确认。")
            return EXIT_DECLINED
    done = [tidy.remove(t, library) for t in targets]
    if args.format == "json":
        print_json([{"kind": t.kind, "name": t.name, "plan_id": t.plan_id,
                     "hidden": t.builtin and t.kind == "plan", "message": m}
                    for t, m in zip(targets, done, strict=True)])
    else:
        print("\n".join(done))
    return 0


def _list(args: argparse.Namespace, library: Library) -> int:
    from drafter.cli import tidy  # loaded only for this command

    if args.format == "json":
        print_json({"trash": tidy.trash_rows(), "hidden": sorted(library.hidden)})
    else:
        tidy.print_trash(library)
    return 0
