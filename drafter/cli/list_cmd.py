"""``drafter list``: every plan in the library."""

from __future__ import annotations

import argparse
import sys

from drafter.cli.common import add_format, open_library, print_json

HELP = "列出资料库中的全部要点"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--year", type=int, help="只列出这一年的要点")
    parser.add_argument("--issuer", help="只列出发文机关包含这些字的要点")
    add_format(parser)


def run(args: argparse.Namespace) -> int:
    library = open_library(args)
    everything = library.summaries()
    rows = [
        s for s in everything
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
    if everything and not rows:  # the sentence alone, without an empty table above it
        print(f"没有{_wanted(args)}的要点；资料库共有 {len(everything)} 份，"
              "不加条件运行 drafter list 可列出全部。")
        return 0
    from drafter.textout import clip, table

    lines = table(f"资料库（{len(rows)} 份要点）",
                  ("编号", "标题", "年份", "成文日期", "章", "条", "来源"), [
        (s.id, clip(f"（不完整）{s.title}" if s.partial else s.title, 30), str(s.year or ""),
         s.date or "", str(s.sections), str(s.items), "内置" if s.builtin else "用户")
        for s in rows
    ])
    if not everything:
        lines += "\n资料库是空的：用 drafter import 文件或文件夹 导入往年要点。"
    sys.stdout.write(lines + "\n")
    return 0


def _wanted(args: argparse.Namespace) -> str:
    """The filters asked for, as words: "2019 年、发文机关含“某某”"."""
    parts = []
    if args.year is not None:
        parts.append(f" {args.year} 年")
    if args.issuer:
        parts.append(f"发文机关含“{args.issuer}”")
    return "、".join(parts)
