"""``drafter review DRAFT FILE``: bring a reviewed .docx (修订 and 批注) back into the draft."""

from __future__ import annotations

import argparse
import sys

from drafter.cli.common import add_format, console, open_draft, print_json

HELP = "导入审阅稿（Word/WPS 的修订和批注），逐条对应到草稿的部分和条目"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("draft", metavar="DRAFT", help="草稿文件（.toml）或资料库编号")
    parser.add_argument("file", metavar="FILE", help="审阅后返回的 .docx（含修订、批注）")
    parser.add_argument(
        "--author", action="append", default=[], metavar="NAME",
        help="导出修订稿时用的修订者（drafter diff --author，默认 drafter）：其修订算作草稿原文",
    )
    parser.add_argument("--dry-run", action="store_true", help="只列出审阅意见，不记入草稿")
    add_format(parser)


def run(args: argparse.Namespace) -> int:
    from drafter.review.render import line, round_json
    from drafter.review.rounds import AlreadyImported, import_round

    plan, draft = open_draft(args, args.draft)
    try:
        updated, round_ = import_round(plan, args.file,
                                       own_authors=tuple(args.author) or ("drafter",))
    except AlreadyImported as exc:
        print(f"提示：{exc.message}", file=sys.stderr)
        updated, round_ = plan, exc.round
    else:
        if draft is not None and not args.dry_run:
            draft.save(updated)
            print(f"已记为第 {round_.number} 轮审阅：{len(round_.proposals)} 条意见，"
                  f"{round_.pending} 条待定。", file=sys.stderr)
        elif draft is None:
            print("提示：这不是草稿文件，审阅意见只列出，不保存。", file=sys.stderr)
    if args.format == "json":
        print_json(round_json(round_))
    else:
        out = console()
        for p in round_.proposals:
            out.print(line(p))
    return 0
