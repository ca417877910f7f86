"""``drafter similar``: how other regions and years worded the same task."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from drafter.cli.common import add_format, console, open_library, print_json
from drafter.errors import InputError

if TYPE_CHECKING:
    from drafter.library import Library
    from drafter.match.engine import Hit

# The matcher (numpy, rapidfuzz, jieba) is imported in run(): other commands start faster.

HELP = "查找资料库中其他地区、其他年份的相似表述"
LEVEL_CHOICES = ("省", "市", "县区")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("text", nargs="?", metavar="TEXT", help="要查找的表述（一条要点或一句话）")
    parser.add_argument(
        "--item", metavar="PLAN#节.条",
        help="查找某份要点或草稿中一条的相似表述，如 乌审旗民政局/2022#4.2（要点编号或文件路径）",
    )
    parser.add_argument("-k", type=int, default=10, metavar="N", help="列出前 N 条（默认 10）")
    parser.add_argument("--year", type=int, help="只查这一年的要点")
    parser.add_argument("--year-from", type=int, metavar="Y", help="只查 Y 年及以后的要点")
    parser.add_argument("--year-to", type=int, metavar="Y", help="只查 Y 年及以前的要点")
    parser.add_argument("--level", choices=LEVEL_CHOICES, help="只查这一级民政部门的要点")
    parser.add_argument("--region", help="只查地区名（或发文机关）包含这些字的要点")
    parser.add_argument("--issuer", help="只查发文机关（或编号）包含这些字的要点")
    parser.add_argument(
        "--office", metavar="机关",
        help="本单位的发文机关，其往年要点中的条目标为“本单位往年”（用 --item 时默认取该要点的发文机关）",
    )
    parser.add_argument(
        "--same-issuer", action="store_true",
        help="只看本单位以前各年怎么写：每年一条，新的在前",
    )
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


def item_query(library: Library, ref: str) -> tuple[dict[str, Any], str, int | None]:
    """What ``--item PLAN#s.i`` asks: the query's keyword arguments for ``Matcher.similar``,
    the plan's issuer and its year."""
    plan_ref, sep, pos = ref.rpartition("#")
    sec, _, num = pos.partition(".")
    if not sep or not sec.isdigit() or not num.isdigit():
        raise InputError(f"条目“{ref}”写法不对，应写作“要点编号#节.条”，如 乌审旗民政局/2022#4.2。")
    plan = library.resolve(plan_ref)
    si, ii = int(sec), int(num)
    if not 1 <= si <= len(plan.sections) or not 1 <= ii <= len(plan.sections[si - 1].items):
        raise InputError(f"“{plan_ref}”中没有第 {si} 部分第 {ii} 条。")
    section = plan.sections[si - 1]
    item = section.items[ii - 1]
    if not item.text.strip():
        raise InputError(f"“{ref}”这一条还没有文字，无从查找。")
    spec = {
        "text": item.text, "heading": item.heading or None, "section": section.title,
        "siblings": [i.heading for i in section.items if i.heading],
    }
    return spec, plan.meta.issuer or "", plan.meta.year


def run(args: argparse.Namespace) -> int:
    from drafter.match.engine import Matcher

    if args.k <= 0:
        raise InputError("-k 必须是正整数。")
    if not args.text and not args.queries and not args.item:
        raise InputError("请给出要查找的表述，或用 --item 指定一条、用 --queries 指定查询文件。")
    if args.text and args.item:
        raise InputError("TEXT 与 --item 只能给一个。")
    if args.year_from and args.year_to and args.year_from > args.year_to:
        raise InputError(f"--year-from {args.year_from} 晚于 --year-to {args.year_to}，请检查年份范围。")
    library = open_library(args)
    excluded = [library.resolve(ref).id for ref in args.exclude_plan]
    spec: dict[str, Any] = {"section": args.section}
    office, year = args.office, None
    if args.item:
        spec, issuer, year = item_query(library, args.item)
        office = office or issuer
        plan_id = library.resolve(args.item.rpartition("#")[0]).id
        if plan_id:
            excluded.append(plan_id)
    matcher = Matcher.for_library(library)
    if args.same_issuer:
        if args.queries:
            raise InputError("--same-issuer 不能与 --queries 一起用。")
        if not office:
            raise InputError("--same-issuer 需要知道本单位：请用 --office 写明发文机关，或用 --item 指定本单位要点中的一条。")
        query = spec.pop("text", None) or args.text
        hits = matcher.earlier_years(
            query, office, before=year or args.year, k=args.k, exclude_plan=excluded, **spec
        )
        nothing = f"本单位（{office}）以前年度的要点中没有找到这一条的写法。"
        return _show(args, query, hits, nothing)
    options = {
        "year": args.year, "year_from": args.year_from, "year_to": args.year_to,
        "level": args.level, "region": args.region, "issuer": args.issuer,
        "exclude_plan": [e for e in excluded if e], "exhaustive": args.exhaustive,
        "office": office,
    }
    if args.queries:
        queries = _read_queries(args.queries)
        print_json([
            [hit_json(h, q) for h in matcher.similar(q, args.k, section=args.section, **options)]
            for q in queries
        ])
        return 0
    query = spec.pop("text", None) or args.text
    hits = matcher.similar(query, args.k, **spec, **options)
    return _show(args, query, hits)


def _show(args: argparse.Namespace, query: str, hits: list[Hit], nothing: str = "") -> int:
    """Print the hits as JSON or as highlighted text."""
    from drafter.match.render import NOTHING, hits_view

    if args.format == "json":
        print_json([hit_json(h, query) for h in hits])
    else:
        console().print(hits_view(query, hits, nothing or NOTHING))
    return 0
