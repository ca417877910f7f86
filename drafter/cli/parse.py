"""``drafter parse FILE``: parse any file without importing it."""

from __future__ import annotations

import argparse

from drafter.cli.common import add_format, console, print_json
from drafter.ingest import read_plan
from drafter.plan_json import plan_to_json
from drafter.render_plan import render_plan

HELP = "解析一个文件（不导入资料库），显示其结构"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="要解析的文件：.txt、.docx、网页、PDF、.doc/.wps/.odt/.rtf、OFD")
    add_format(parser)


def run(args: argparse.Namespace) -> int:
    plan = read_plan(args.file)
    if args.format == "json":
        print_json(plan_to_json(plan))
    else:
        console().print(render_plan(plan))
    return 0
