"""Metadata: the title line, the covering notice, the signature block, web metadata."""

from __future__ import annotations

import datetime
import re
from collections import Counter
from dataclasses import dataclass, field

from drafter import rx
from drafter.numbering import cn_to_int

TITLE = rx.compile(
    r"^《?(?P<prefix>[^\d《》，。：]{0,20}?)(?P<year>(?:19|20)\d{2})\s*年"
    r"(?P<rest>[^，。：；]{0,30}?)(?:工作要点|工作计划|工作安排|工作思路|重点工作|要点)》?$"
)
_CN_DIGITS = "〇零一二三四五六七八九"
DATE = rx.compile(
    rf"^(?P<y>(?:19|20)\d{{2}}|[一二][{_CN_DIGITS}]{{3}})\s*年"
    r"\s*(?P<m>\d{1,2}|[一二三四五六七八九十]{1,2})\s*月"
    r"\s*(?P<d>\d{1,2}|[一二三四五六七八九十]{1,3})\s*日$"
)
ISO_DATE = rx.compile(r"^(?P<y>(?:19|20)\d{2})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})$")
DOC_NUMBER = rx.compile(
    r"(?P<org>[A-Za-z\u4e00-\u9fff]{1,10})\s*[〔［\[（(【]\s*(?P<year>(?:19|20)\d{2})\s*[〕］\]）)】]"
    r"\s*(?P<no>\d{1,5})\s*号"
)
NOTES = rx.compile(r"^[（(](?P<text>此件[^）)]{0,20})[）)]$")
_ORG_SUFFIX = rx.compile(r"(?:民政局|民政厅|民政部|民政处|局|厅|政府|委员会|办公室|民政办)$")
_LEVELS = "区县旗州市省盟"
_NOTICE_SENTENCE = rx.compile(r"现将|印发给你们|印发你们|请认真贯彻|请结合实际|[。]$")
_ADDRESSEE = rx.compile(r"^(?:各|全[区县市旗州省盟]各)[^。；]{1,118}?[：:]?$")
_INFER_ISSUER = rx.compile(r"([\u4e00-\u9fff]{2,8}?[州区县旗市盟])民政局")


@dataclass
class MetaParts:
    """What the notice, the signature block and the web page say, before choosing."""

    notice_title: str | None = None
    issuer_line: str | None = None
    addressees: str | None = None
    notice_body: list[str] = field(default_factory=list)
    notice_signature: str | None = None
    notice_date: str | None = None
    doc_number: str | None = None
    notes: str | None = None
    end_signature: str | None = None
    end_date: str | None = None


def is_title(line: str) -> re.Match[str] | None:
    """The plan's title line (not a notice title such as 关于印发…的通知)."""
    if any(w in line for w in ("关于", "通知", "印发")) or len(line) > 40:
        return None
    return TITLE.match(line)


def normalize_date(text: str | None) -> str | None:
    """2022年3月17日 or 2022-3-17 → 2022-03-17; None when it is not a date."""
    if not text:
        return None
    m = DATE.match(text.strip()) or ISO_DATE.match(text.strip())
    if not m:
        return None
    y, mo, d = _number(m["y"]), _number(m["m"]), _number(m["d"])
    try:
        return datetime.date(y, mo, d).isoformat()
    except ValueError:
        return None


def _number(text: str) -> int:
    """Arabic digits, a year written digit by digit (二〇二四) or a numeral (十五)."""
    if text.isdigit() and text.isascii():
        return int(text)
    if len(text) == 4 and all(c in _CN_DIGITS for c in text):
        digits = {"〇": 0, "零": 0, **{c: i for i, c in enumerate("一二三四五六七八九", 1)}}
        return int("".join(str(digits[c]) for c in text))
    return cn_to_int(text) or 0


def normalize_doc_number(text: str | None) -> str | None:
    """涪民政发[2022]40号 → 涪民政发〔2022〕40号; None when there is none."""
    if not text:
        return None
    m = DOC_NUMBER.search(text)
    if not m:
        return None
    return f"{m['org']}〔{m['year']}〕{m['no']}号"


def is_org_line(line: str) -> bool:
    """A short line naming an office: 上海市宝山区民政局 (not an addressee: 各旗区民政局)."""
    return (
        len(line) <= 30 and bool(_ORG_SUFFIX.search(line)) and "，" not in line
        and not is_addressee(line)
    )


def is_addressee(line: str) -> bool:
    """A 主送 line, with or without its colon: 各旗区民政局, 各乡镇（街道）民政办："""
    return bool(_ADDRESSEE.match(line))


def parse_notice(lines: list[str]) -> MetaParts:
    """Read the covering notice that comes before the plan's title."""
    parts = MetaParts()
    lines = _join_notice_title(lines)
    state = "head"
    for i, line in enumerate(lines):
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if "关于印发" in line or line.endswith("的通知"):
            parts.notice_title = line
            continue
        if parts.doc_number is None and (number := normalize_doc_number(line)) and len(line) < 40:
            parts.doc_number = number
            continue
        if (date := normalize_date(line)) is not None:
            parts.notice_date = date
            state = "after"
            continue
        if NOTES.match(line):
            parts.notes = NOTES.match(line)["text"]  # type: ignore[index]
            continue
        if is_org_line(line) and normalize_date(nxt):
            parts.notice_signature = line
            continue
        if state == "head" and is_addressee(line) and parts.addressees is None:
            parts.addressees = line.rstrip("：:")
            state = "body"
            continue
        if state == "head" and is_org_line(line) and parts.notice_title is None:
            parts.issuer_line = line
            continue
        if state == "head" and line.endswith(("：", ":")) and len(line) < 120:
            parts.addressees = line.rstrip("：:")
            state = "body"
            continue
        if state in ("body", "head") and (parts.addressees is not None or _NOTICE_SENTENCE.search(line)):
            # A copy may start at 现将《…》印发给你们 with no addressee line: keep the body.
            parts.notice_body.append(line)
    return parts


def _join_notice_title(lines: list[str]) -> list[str]:
    """Join a notice title broken over lines: 关于印发《…》 / 的通知."""
    out: list[str] = []
    for line in lines:
        ends_title = bool(out) and line in ("的通知", "通知") and ("关于" in out[-1] or "印发" in out[-1])
        if out and (ends_title or (out[-1].endswith("关于印发") and line.startswith("《"))):
            out[-1] += line
        else:
            out.append(line)
    return out


def issuer_from_notice_title(title: str | None) -> str | None:
    """重庆市涪陵区民政局关于印发… → 重庆市涪陵区民政局."""
    if not title or "关于" not in title:
        return None
    head = title.split("关于", 1)[0].strip()
    return head or None


def issuer_from_title_prefix(prefix: str | None) -> str | None:
    """XX区民政局2023年工作要点 → XX区民政局 (a region name alone is not an issuer)."""
    prefix = (prefix or "").strip()
    return prefix if prefix and is_org_line(prefix) else None


def issuer_from_source(value: str | None) -> str | None:
    """信息来源 or 发布机构 of a web page when it names an office (not 本网, 区政府网)."""
    value = (value or "").strip()
    return value if value and is_org_line(value) else None


def choose_issuer(candidates: list[str | None]) -> str | None:
    """The first named office, widened to a longer candidate that ends with it."""
    named = [c for c in candidates if c]
    if not named:
        return None
    chosen = named[0]
    for other in named:
        if len(other) > len(chosen) and other.endswith(chosen):
            chosen = other
    return chosen


def infer_issuer(text: str) -> str | None:
    """Guess the office from how often the text names it (…州民政局): used when nothing says."""
    # 各旗区民政局 / 全市民政局 name the addressees or the whole system, not an office.
    counts = Counter(n for n in _INFER_ISSUER.findall(text) if not n.startswith(("各", "全")))
    if not counts:
        return None
    name, _ = counts.most_common(1)[0]
    return f"{name}民政局"


def region_and_level(issuer: str | None, title_rest: str) -> tuple[str | None, str | None]:
    """Region (issuer without 民政局) and level (全区 → 区, else the region's last character)."""
    region = None
    if issuer:
        region = re.sub(r"(?:民政局|民政厅|民政处|民政办)$", "", issuer) or None
    m = re.search(rf"全([{_LEVELS}])", title_rest)
    if m:
        return region, m.group(1)
    if region:
        bare = re.sub(r"[（(][^）)]*[）)]$", "", region)
        if bare and bare[-1] in _LEVELS:
            return region, bare[-1]
    return region, None
