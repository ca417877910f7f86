"""``drafter import PATH...``: read files and folders into the user's library."""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from drafter.cli.common import add_format, console, open_library, print_json

HELP = "导入往年要点（文本、Word、WPS、PDF、OFD、网页，可给文件夹）到用户资料库"

_STATUS = {"added": "新增", "updated": "更新", "skipped": "跳过", "failed": "失败"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="文件或文件夹")
    add_format(parser)


def run(args: argparse.Namespace) -> int:
    library = open_library(args)
    out = console(stderr=True)
    with Progress(
        TextColumn("导入"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.description}"),
        console=out, transient=True, disable=args.format == "json",
    ) as bar:
        task = bar.add_task("", total=None)

        def progress(n: int, total: int, path: Path) -> None:
            bar.update(task, completed=n - 1, total=total, description=path.name)

        report = library.import_paths(args.paths, progress=progress)
    if args.format == "json":
        print_json([
            {"path": str(o.path), "status": o.status, "id": o.plan_id or None,
             "reason": o.reason or None, "warnings": o.warnings}
            for o in report.outcomes
        ])
    else:
        table = Table(title=f"导入到 {library.user_dir}", title_justify="left")
        for column in ("文件", "结果", "编号", "说明"):
            table.add_column(column)
        for o in report.outcomes:
            note = o.reason or (f"{o.warnings} 条解析提示" if o.warnings else "")
            table.add_row(o.path.name, _STATUS[o.status], o.plan_id, note)
        view = console()
        view.print(table)
        view.print(
            "新增 {}，更新 {}，跳过 {}，失败 {}。".format(
                *(report.count(s) for s in ("added", "updated", "skipped", "failed"))
            )
        )
    return 1 if report.count("failed") else 0
