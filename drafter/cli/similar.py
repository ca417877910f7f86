"""``drafter similar``: how other regions and years worded the same task."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from drafter.cli.common import add_format, console, open_library, print_json
from drafter.errors import InputError

if TYPE_CHECKING:
    from drafter.match.engine import Hit

# The matcher (numpy, rapidfuzz, jieba) is imported in run(): other commands start faster.

HELP = "查找资料库中其他地区、其他年份的相似表述"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("text", nargs="?", metavar="TEXT", help="要查找的表述（一条要点或一句话）")
    parser.add_argument("-k", type=int, default=10, metavar="N", help="列出前 N 条（默认 10）")
    parser.add_argument("--year", type=int, help="只查这一年的要点")
    parser.add_argument("--issuer", help="只查发文机关（或编号）包含这些字的要点")
    parser.add_argument(
        "--exclude-plan", action="append", default=[], metavar="PLAN",
        help="不查这份要点（编号或文件，可重复）",
    )
    parser.add_argument("--section", help="表述所在部分的标题，有助于找到同一项工作")
    parser.add_argument(
        "--queries", metavar="FILE",
        help="批量查询：文件每个非空行一条，输出按顺序排列的 JSON 结果列表",
    )
    parser.add_argument("--exhaustive", action="store_true", help="逐条比对全部条目（较慢，用于核对索引）")
    add_format(parser)


def hit_json(hit: Hit, query: str) -> dict[str, object]:
    """A hit as JSON, with what it shares with and adds to the query."""
    from drafter.match.explain import explain

    data = hit.to_dict()
    found = explain(query, hit.text)
    data["shared"] = list(found.shared)
    data["added"] = list(found.added)
    return data


def _read_queries(name: str) -> list[str]:
    """The non-empty lines of a queries file."""
    path = Path(name)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(f"找不到查询文件：{path}。") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"无法读取查询文件 {path}，请确认它是 UTF-8 编码的文本文件。") from exc
    return [line.strip() for line in text.splitlines() if line.strip()]


def run(args: argparse.Namespace) -> int:
    from drafter.match.engine import Matcher
    from drafter.match.render import hits_view

    if args.k <= 0:
        raise InputError("-k 必须是正整数。")
    if not args.text and not args.queries:
        raise InputError("请给出要查找的表述，或用 --queries 指定查询文件。")
    library = open_library(args)
    excluded = [library.resolve(ref).id for ref in args.exclude_plan]
    matcher = Matcher.for_library(library)
    options = {
        "year": args.year, "issuer": args.issuer, "exclude_plan": [e for e in excluded if e],
        "exhaustive": args.exhaustive, "section": args.section,
    }
    if args.queries:
        queries = _read_queries(args.queries)
        print_json([
            [hit_json(h, q) for h in matcher.similar(q, args.k, **options)] for q in queries
        ])
        return 0
    hits = matcher.similar(args.text, args.k, **options)
    if args.format == "json":
        print_json([hit_json(h, args.text) for h in hits])
    else:
        console().print(hits_view(args.text, hits))
    return 0
