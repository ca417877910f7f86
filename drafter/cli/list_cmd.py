"""``drafter list``: every plan in the library."""

from __future__ import annotations

import argparse

from rich.table import Table

from drafter.cli.common import add_format, console, open_library, print_json

HELP = "列出资料库中的全部要点"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--year", type=int, help="只列出这一年的要点")
    parser.add_argument("--issuer", help="只列出发文机关包含这些字的要点")
    add_format(parser)


def run(args: argparse.Namespace) -> int:
    library = open_library(args)
    rows = [
        s for s in library.summaries()
        if (args.year is None or s.year == args.year)
        and (not args.issuer or args.issuer in (s.issuer or ""))
    ]
    if args.format == "json":
        print_json([
            {
                "id": s.id, "title": s.title, "year": s.year, "issuer": s.issuer,
                "region": s.region, "level": s.level, "date": s.date, "sections": s.sections,
                "items": s.items, "builtin": s.builtin, "path": str(s.path),
                "partial": s.partial,
            }
            for s in rows
        ])
        return 0
    table = Table(title=f"资料库（{len(rows)} 份要点）", title_justify="left")
    # The id is what other commands take: fold it onto several lines rather than cut it.
    table.add_column("编号", overflow="fold", min_width=10)
    table.add_column("标题", overflow="ellipsis", max_width=24)
    for column in ("年份", "成文日期", "章", "条", "来源"):
        table.add_column(column, no_wrap=True)
    for s in rows:
        table.add_row(
            s.id, f"（不完整）{s.title}" if s.partial else s.title, str(s.year or ""), s.date or "", str(s.sections), str(s.items),
            "内置" if s.builtin else "用户",
        )
    out = console()
    out.print(table)
    if not rows:
        out.print("资料库是空的：用 drafter import 文件或文件夹 导入往年要点。")
    return 0
