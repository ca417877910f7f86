"""``drafter diff BASE DRAFT``: what the draft changes against last year's plan."""

from __future__ import annotations

import argparse
import io
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from drafter.cli.common import console, open_library
from drafter.errors import InputError

if TYPE_CHECKING:
    from drafter.library import Library
    from drafter.model import Plan

HELP = "对比两份要点（去年与今年草稿），逐条逐词标出修改，可输出终端、JSON、网页或 Word 修订稿"

FORMATS = ("text", "json", "html", "docx")
#: Width of plain text written to a file.
FILE_WIDTH = 100


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("base", metavar="BASE", help="去年的要点：资料库编号或文件路径")
    parser.add_argument("draft", metavar="DRAFT", nargs="?",
                        help="今年的草稿：资料库编号或文件路径（用 --round 时只给草稿）")
    parser.add_argument(
        "--round", type=int, action="append", metavar="N", dest="rounds", default=[],
        help="对比草稿的审阅轮次：--round 1 为第 1 轮送审稿与当前草稿，"
             "--round 1 --round 2 为两轮送审稿之间（只给一个草稿文件）",
    )
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default=None,
        help="输出格式（默认按 -o 的扩展名，否则为 text）",
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="写入文件（docx 必须指定）")
    parser.add_argument("--only-changes", action="store_true", help="只显示有变化的条目")
    parser.add_argument("--side-by-side", action="store_true", help="左右对照（去年 | 今年）")
    parser.add_argument(
        "--redline",
        action="store_true",
        help="docx 输出花脸稿（删除红色划线、新增下划线），默认为修订模式",
    )
    parser.add_argument("--author", default="drafter", help="修订稿中的修订者（默认 drafter）")
    parser.add_argument("--no-pager", action="store_true", help="输出较长时也不分页")
    parser.add_argument("--force", action="store_true", help="覆盖已存在的文件")


def output_format(output: str | None, given: str | None) -> str:
    """The format asked for, or the one the output file's extension names, or text."""
    if given:
        return given
    if output:
        suffix = Path(output).suffix.lower().lstrip(".")
        aliases = {"htm": "html", "txt": "text"}
        suffix = aliases.get(suffix, suffix)
        if suffix in FORMATS:
            return suffix
    return "text"


def run(args: argparse.Namespace) -> int:
    fmt = output_format(args.output, args.format)
    if fmt == "docx" and not args.output:
        raise InputError("Word 格式需要用 -o 指定输出文件，例如 -o 对比稿.docx。")
    from drafter.diff.align import diff_plans

    library = open_library(args)
    diff = diff_plans(*_pair(args, library))
    out = Path(args.output) if args.output else None
    overwrite = bool(args.force)

    if fmt == "docx":
        assert out is not None
        # python-docx loads only when Word output is asked for: --help stays quick.
        if args.redline:
            from drafter.diff.docx_redline import write_redline

            write_redline(diff, out, overwrite=overwrite)
        else:
            from drafter.diff.docx_tracked import write_tracked

            write_tracked(diff, out, author=args.author, overwrite=overwrite)
    elif fmt == "json":
        from drafter.diff.json import dumps

        _emit(dumps(diff) + "\n", out, overwrite)
    elif fmt == "html":
        from drafter.diff.render_html import render_html

        _emit(
            render_html(diff, only_changes=args.only_changes, side_by_side=args.side_by_side),
            out,
            overwrite,
        )
    elif out is not None:
        from rich.console import Console

        from drafter.atomic import write_text
        from drafter.diff.render_text import print_diff

        buffer = io.StringIO()
        plain = Console(file=buffer, width=FILE_WIDTH, color_system=None, highlight=False)
        print_diff(
            diff, plain, only_changes=args.only_changes, side_by_side=args.side_by_side, pager=False
        )
        write_text(out, buffer.getvalue(), overwrite=overwrite)
    else:
        # less shows colours only with -R; keep whatever the user set.
        os.environ.setdefault("LESS", "-R")
        from drafter.diff.render_text import print_diff

        print_diff(
            diff,
            console(),
            only_changes=args.only_changes,
            side_by_side=args.side_by_side,
            pager=False if args.no_pager else None,
        )
    if out is not None:
        console(stderr=True).print(f"已写入 {out}")
    return 0


def _pair(args: argparse.Namespace, library: Library) -> tuple[Plan, Plan]:
    """The two plans to compare: BASE and DRAFT, or two states of one draft's review rounds."""
    if not args.rounds:
        if args.draft is None:
            raise InputError("请给出两份要点（去年与今年草稿），或用 --round N 对比草稿的审阅轮次。")
        return library.resolve(args.base), library.resolve(args.draft)
    if args.draft is not None or len(args.rounds) > 2:
        raise InputError("用 --round 时只给一个草稿文件，最多两个 --round，如 --round 1 --round 2。")
    from drafter.review.rounds import plan_at_round

    plan = library.resolve(args.base)
    older = plan_at_round(plan, args.rounds[0])
    newer = plan_at_round(plan, args.rounds[1]) if len(args.rounds) == 2 else plan
    return older, newer


def _emit(text: str, out: Path | None, overwrite: bool) -> None:
    """Write text to the output file, or to standard output."""
    if out is None:
        sys.stdout.write(text)
    else:
        from drafter.atomic import write_text

        write_text(out, text, overwrite=overwrite)
