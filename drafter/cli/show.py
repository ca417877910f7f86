"""``drafter show PLAN``: one plan from the library (or any file), in full."""

from __future__ import annotations

import argparse
import sys

from drafter.cli.common import add_format, open_library, print_json, terminal_paint

HELP = "显示一份要点的全文和结构（资料库编号或文件）"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("plan", help="资料库编号（如“乌审旗民政局/2022”或“乌审旗 2022”）或文件路径")
    parser.add_argument("--outline", action="store_true", help="只显示章节和条目标题")
    add_format(parser)


def run(args: argparse.Namespace) -> int:
    plan = open_library(args).resolve(args.plan)
    if args.format == "json":
        from drafter.plan_json import plan_to_json

        print_json(plan_to_json(plan))
    else:
        from drafter.render_plan import render_plan

        sys.stdout.write(render_plan(plan, outline=args.outline, paint=terminal_paint()) + "\n")
    return 0
