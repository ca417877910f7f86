"""``drafter export PLAN -o OUT``: the plan as an official .docx, Markdown, text or PDF."""

from __future__ import annotations

import argparse
from pathlib import Path

from drafter.cli.common import console, open_library, print_json
from drafter.errors import InputError
from drafter.export import FORMATS, export_plan, notice_from_plan
from drafter.export.advice import export_advice, has_own_notice
from drafter.export.profile import DEFAULT_PROFILE, available_profiles, load_profile

HELP = "导出为公文格式的 .docx（GB/T 9704），或 Markdown、纯文本、PDF"

#: Options that fill the covering notice; giving any of them implies --notice.
NOTICE_OPTIONS = {
    "doc_number": "发文字号，如“X民发〔2025〕3号”",
    "issuer": "发文机关，如“XX区民政局”",
    "date": "成文日期，如 2025-01-05 或 2025年1月5日",
    "addressees": "主送机关（不含冒号）",
    "attachment": "附件说明，如要点标题；给出时要点页首印“附件”",
    "notes": "附注，如“此件公开发布”",
    "copies_to": "版记中的抄送机关",
    "printer": "版记中的印发机关",
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("plan", help="资料库编号、草稿文件或任何可读取的要点文件")
    parser.add_argument("-o", "--output", required=True, metavar="OUT", help="导出的文件")
    parser.add_argument(
        "--format", choices=FORMATS, default=None,
        help="导出格式（默认按 OUT 的扩展名，否则为 docx）",
    )  # fmt: skip
    parser.add_argument(
        "--profile", default=DEFAULT_PROFILE, metavar="NAME",
        help=f"导出样式（默认 {DEFAULT_PROFILE}；可选：{'、'.join(available_profiles())}）",
    )  # fmt: skip
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "--notice",
        action="store_true",
        help="加上印发通知，要点作为附件（给出下列任一通知选项、或要点原带有通知时自动加上）",
    )
    group.add_argument(
        "--no-notice", action="store_true", help="只导出要点，不加要点原带的印发通知"
    )
    for name, text in NOTICE_OPTIONS.items():
        parser.add_argument(f"--{name.replace('_', '-')}", default="", help=text)
    parser.add_argument("--force", action="store_true", help="覆盖已存在的文件")
    parser.add_argument("--json", action="store_true", help="以 JSON 报告导出结果")


def output_format(out: Path, given: str | None) -> str:
    """The format asked for, or the one the output's extension names, or docx (no extension).

    An extension drafter does not write (``x.xyz``) is refused rather than silently ignored.
    """
    if given:
        return given
    suffix = out.suffix.lower().lstrip(".")
    aliases = {"markdown": "md", "text": "txt"}
    suffix = aliases.get(suffix, suffix)
    if not suffix:
        return "docx"
    if suffix not in FORMATS:
        names = "、".join(f".{f}" for f in FORMATS)
        raise InputError(f"不能导出为 .{suffix} 文件：请用 {names} 作扩展名，或用 --format 指定格式。")
    return suffix


def run(args: argparse.Namespace) -> int:
    plan = open_library(args).resolve(args.plan)
    out = Path(args.output)
    fmt = output_format(out, args.format)
    overrides = {name: getattr(args, name) for name in NOTICE_OPTIONS}
    notice = None
    own_notice = has_own_notice(plan) and not args.no_notice
    if args.notice or any(overrides.values()) or own_notice:
        notice = notice_from_plan(plan, **overrides)
    profile = load_profile(args.profile)
    written = export_plan(plan, out, fmt=fmt, profile=profile, notice=notice, force=args.force)
    advice = export_advice(plan, fmt=fmt, profile=profile, notice=notice)
    if own_notice and not args.notice and not any(overrides.values()):
        advice.insert(0, "要点原带有印发通知（文号、主送机关、附注），已一并导出；只要要点请加 --no-notice。")
    err = console(stderr=True)
    for line in advice:
        err.print(f"提示：{line}", highlight=False)
    if args.json:
        print_json(
            {
                "output": str(written),
                "format": fmt,
                "profile": args.profile if fmt in ("docx", "pdf") else None,
                "notice": notice is not None,
                "warnings": advice,
                "bytes": written.stat().st_size,
            }
        )
    else:
        console().print(f"已导出：{written}")
    return 0
