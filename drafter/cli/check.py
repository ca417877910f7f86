"""``drafter check PLAN``: targets, stale wording for the plan year, and form checks."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from drafter.cli.common import add_format, open_library, print_json, terminal_paint
from drafter.errors import DrafterError, LibraryError

HELP = "核对量化指标、过时表述和格式（可与上年计划对比）"

#: Plan years outside this range are typing mistakes.
_YEARS = range(1990, 2101)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("plan", help="资料库编号或文件路径（草稿、.txt、.docx、.html）")
    parser.add_argument("--base", metavar="PLAN", help="对比的上年计划（资料库编号或文件）；草稿默认用其底稿")
    parser.add_argument("--year", type=int, metavar="Y", help="按 Y 年度的计划检查（默认取标题中的年份）")
    parser.add_argument("--ledger-csv", metavar="FILE", help="把指标对比台账导出为 CSV（Excel 可直接打开）")
    parser.add_argument("--rules", metavar="DIR", action="append", default=[],
                        help="另加一个规则文件夹（可重复）")
    parser.add_argument("--history", action="store_true",
                        help="逐年列出每项指标的沿革（用资料库中同一发文机关更早年份的计划）")
    parser.add_argument("--no-info", action="store_true", help="文字输出中不显示“提示”级结果")
    add_format(parser)


def run(args: argparse.Namespace) -> int:
    from drafter.checks.rules import load_rules
    from drafter.checks.run import run_checks
    from drafter.targets.history import earlier_plans

    if args.year is not None and args.year not in _YEARS:
        raise DrafterError(f"--year {args.year} 不是有效的计划年度，请写四位年份，如 2025。")
    library = open_library(args)
    plan = library.resolve(args.plan)
    base = None
    if args.base:
        base = library.resolve(args.base)
    elif plan.base:
        try:
            base = library.get(plan.base)
        except LibraryError:
            base = None
    if args.ledger_csv and base is None:
        raise DrafterError("导出指标台账需要上年计划，请用 --base 指定。")
    rules = load_rules([Path(d) for d in args.rules])
    if args.history and base is None:
        raise DrafterError("列出指标沿革需要上年计划，请用 --base 指定。")
    history = earlier_plans(library, base) if args.history and base is not None else None
    report = run_checks(plan, year=args.year, base=base, rules=rules, history=history)
    if args.ledger_csv:
        from drafter.atomic import write_text
        from drafter.checks.export import ledger_to_csv

        write_text(Path(args.ledger_csv), ledger_to_csv(report.ledger))
    if args.format == "json":
        from drafter.checks.report_json import report_to_json

        print_json(report_to_json(report))
    else:
        from drafter.checks.render import render_report

        sys.stdout.write(render_report(report, show_info=not args.no_info,
                                       paint=terminal_paint()) + "\n")
        if args.ledger_csv:
            sys.stderr.write(f"指标台账已导出：{args.ledger_csv}\n")
    return 1 if report.has_errors else 0
