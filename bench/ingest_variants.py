"""Fresh variants of the seeds for the ingest benchmark, drawn at random at run time.

The cleaning and layout rules were written while looking at ``tests/fixtures/real/``; these
variants are not that set: their page furniture comes from a separate pool of other sites'
wording, with random padding, brackets and colons, placed before or after the title, and
their page layouts (columns, headers, page-number styles) are drawn at random.
"""

from __future__ import annotations

import importlib.util
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location(
    "make_fixtures", ROOT / "tests" / "fixtures" / "real" / "make_fixtures.py")
assert _spec is not None and _spec.loader is not None
fixtures = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fixtures)

#: (label, value) pairs other sites print as metadata (values the plan must not keep).
_META = [
    ("发文机关", "{issuer}"), ("成文日期", "{date}"), ("发布日期", "2024-01-{day:02d}"),
    ("索引号", "000014349/2024-{day:05d}"), ("主题分类", "民政、扶贫、救灾"), ("文号", ""),
    ("公开方式", "主动公开"), ("统一编号", "ZJS{day:04d}00"), ("有效性", "有效"),
]
#: Lines of page furniture from other site templates, by kind.
_FURNITURE = [
    "访问量：{day}", "【发布时间：2024-01-{day:02d}】", "作者：办公室", "点击数：{day}",
    "【我要纠错】【打印本页】【关闭窗口】", "首页 > 信息公开 > 部门文件 > 正文", "微信扫一扫",
    "技术支持：某某数字科技有限公司", "联系电话：0477-86{day:05d}", "网站标识码：15062{day:05d}",
    "蒙ICP备{day:08d}号", "来源：办公室", "分享到：微信 | 微博", "返回顶部", "[ 图片 ]",
    "更新时间：2024-02-{day:02d} 08:{day:02d}", "责编：{name}", "初审：{name}  终审：{name}",
]
_NAMES = ["王某", "李某某", "赵某", "乌某某"]


def _label(rng: random.Random, label: str) -> str:
    """A label as some site prints it: padded, bracketed, with a colon or not."""
    style = rng.choice(["plain", "padded", "bracket", "square"])
    if style == "padded":
        label = (" " * rng.randint(1, 6)).join(label)
    colon = rng.choice(["：", ":", ""]) if style == "plain" else rng.choice(["", "："])
    if style == "bracket":
        return f"【{label}】{colon}"
    if style == "square":
        return f"[ {label} ]{colon}"
    return label + (colon or "：")


def web_variant(rng: random.Random, n: int) -> tuple[str, dict, list[str]]:
    """A web copy of seed ``n`` with random metadata and furniture: (text, expect, markers)."""
    plan = fixtures.seed_plan(n)
    lines = fixtures.document_lines(n)
    day = rng.randint(1, 28)
    fields = {"issuer": plan.meta.issuer or "民政局", "date": plan.meta.date or "2024-01-05",
              "day": day, "name": rng.choice(_NAMES)}
    meta = [f"{_label(rng, k)} {v.format(**fields)}".rstrip()
            for k, v in rng.sample(_META, rng.randint(3, len(_META)))]
    furniture = [f.format(**fields) for f in rng.sample(_FURNITURE, rng.randint(4, 9))]
    head, tail = furniture[: len(furniture) // 2], furniture[len(furniture) // 2:]
    title_at = lines.index(plan.meta.title) if plan.meta.title in lines else 0
    if rng.random() < 0.5:
        lines = [*head, *meta, *lines]
    else:  # furniture after the title
        lines = [*lines[: title_at + 1], *head, *meta, *lines[title_at + 1:]]
    text = "\n".join([*lines, *tail])
    if rng.random() < 0.5:
        text = fixtures.ascii_punctuation(text)
    own = "\n".join(fixtures.document_lines(n))
    markers = [m for m in ("纠错", "ICP备", "技术支持", "网站标识码", "扫一扫", "终审", "责编",
                           "访问量", "点击数", "更新时间", "图片", "返回顶部", "统一编号", "公开方式")
               if m in text and m not in own]
    return text, fixtures.expectation(n), markers


def ofd_variant(rng: random.Random, n: int, path: Path) -> tuple[dict, list[str]]:
    """An OFD of seed ``n`` with a random header and one or two columns."""
    header = rng.choice(["内部资料 注意保存", "某某市民政局文件", "民政工作参考"])
    fixtures.write_ofd(fixtures.document_lines(n), path, header=header,
                       columns=rng.choice([1, 2]))
    return fixtures.expectation(n), [header]


def pdf_variant(rng: random.Random, n: int, path: Path) -> tuple[dict, list[str]]:
    """A PDF that LibreOffice prints from a Word file of seed ``n``: random columns, header,
    page-number style and first-line indent."""
    import shutil

    header = rng.choice(["内部资料 注意保存", "某某市民政局文件", "民政工作参考"])
    footer = rng.choice(["— {page} —", "第 {page} 页 共 {pages} 页", "{page}", "- {page} -"])
    source = fixtures.TMP / f"fresh{n}.docx"
    fixtures.word_like_docx(fixtures.document_lines(n), source, header=header, footer=footer,
                            columns=rng.choice([1, 2]), indent=rng.random() < 0.5)
    shutil.copyfile(fixtures.lo_convert(source, "pdf"), path)
    return fixtures.expectation(n), [header]
