"""``drafter restore``: put a removed plan or draft back, or show a hidden built-in again."""

from __future__ import annotations

import argparse

from drafter.cli.common import add_format, open_library, print_json

HELP = "从回收站恢复删除的要点或草稿，或重新显示隐藏的内置要点；不带参数时列出回收站"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("name", nargs="?", metavar="名称",
                        help="回收站中的名称（drafter restore --list 查看）或隐藏的要点编号")
    parser.add_argument("--list", action="store_true", help="列出回收站和已隐藏的内置要点")
    add_format(parser)


def run(args: argparse.Namespace) -> int:
    from drafter.cli import tidy  # loaded only for this command

    library = open_library(args)
    if args.list or not args.name:
        if args.format == "json":
            print_json({"trash": tidy.trash_rows(), "hidden": sorted(library.hidden)})
        else:
            tidy.print_trash(library)
        return 0
    print(tidy.restore(args.name, library))
    return 0
