"""``drafter parse FILE``: parse any file without importing it."""

from __future__ import annotations

import argparse
import sys

from drafter.cli.common import add_format, print_json, terminal_paint

HELP = "解析一个文件（不导入资料库），显示其结构"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="要解析的文件：.txt、.docx、网页、PDF、.doc/.wps/.odt/.rtf、OFD")
    add_format(parser)


def run(args: argparse.Namespace) -> int:
    from drafter.ingest import read_plan

    plan = read_plan(args.file)
    if args.format == "json":
        from drafter.plan_json import plan_to_json

        print_json(plan_to_json(plan))
    else:
        from drafter.render_plan import render_plan

        sys.stdout.write(render_plan(plan, paint=terminal_paint()) + "\n")
    return 0
