"""Plain text files in any Chinese encoding: UTF-8 (with or without BOM), GB18030/GBK, UTF-16."""

from __future__ import annotations

import codecs
from pathlib import Path

from drafter import rx
from drafter.errors import InputError
from drafter.ingest import formats
from drafter.ingest.raw import RawText

SUFFIXES = formats.SUFFIXES["text"]

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# GB2312 and GBK are subsets of GB18030: decoding with the superset loses nothing.
_WIDEN = {"gb2312": "gb18030", "gbk": "gb18030", "cp936": "gb18030", "hz": "gb18030"}


def decode(data: bytes, where: str) -> tuple[str, str]:
    """Decode bytes of unknown Chinese encoding; returns (text, encoding name)."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data.decode(name, errors="replace"), name.replace("-sig", "")
    utf16 = _utf16_without_bom(data)
    if utf16:
        return data.decode(utf16, errors="replace"), utf16
    if b"\x00" in data:
        raise InputError(f"{where} 不是文本文件（含有二进制内容），请提供 .txt、.docx 或网页文件。")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        text = None
    if text is None or _looks_misread(text):
        big5 = _big5(data)
        if big5 is not None:
            return big5
    if text is not None:
        return text, "gb18030"
    from charset_normalizer import from_bytes  # only for the rare file neither UTF nor GB

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise InputError(f"{where} 的文字编码无法识别，请另存为 UTF-8 文本后再导入。")
    encoding = _WIDEN.get(best.encoding.lower(), best.encoding)
    return data.decode(encoding, errors="replace"), encoding


# Big5 bytes read as GB18030 still decode, as rare characters, kana, Greek and box drawing;
# simplified text read as GB18030 is almost all GB2312 characters.
_SUSPECT = rx.compile("[\u0370-\u04ff\u2500-\u257f\u3040-\u30ff\u4e00-\u9fff]")
_MIN_COMMON = 0.85


def _looks_misread(text: str) -> bool:
    """Whether GB18030-decoded text looks like another encoding read wrongly (Big5)."""
    seen = common = 0
    for m in _SUSPECT.finditer(text[:20000]):
        seen += 1
        char = m.group()
        if "\u4e00" <= char <= "\u9fff" and _in_gb2312(char):
            common += 1
    return seen >= 4 and common < _MIN_COMMON * seen


def _in_gb2312(char: str) -> bool:
    try:
        char.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def _big5(data: bytes) -> tuple[str, str] | None:
    """The text as traditional-Chinese Big5 (with the Windows and Hong Kong additions)."""
    for name in ("cp950", "big5hkscs"):
        try:
            return data.decode(name), "big5"
        except UnicodeDecodeError:
            continue
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM shows NUL bytes in every other position for ASCII."""
    sample = data[:4000]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even_nul = sample[0::2].count(0) / (len(sample) / 2)
    odd_nul = sample[1::2].count(0) / (len(sample) / 2)
    if odd_nul > 0.2 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.2 and odd_nul < 0.05:
        return "utf-16-be"
    # Chinese-only UTF-16 has few NULs; accept it when it decodes to mostly CJK.
    for name in ("utf-16-le", "utf-16-be"):
        try:
            text = sample.decode(name)
        except UnicodeDecodeError:
            continue
        cjk = sum("\u4e00" <= c <= "\u9fff" for c in text)
        if cjk > 0.5 * len(text) and not _decodes_as_utf8(sample):
            return name
    return None


def _decodes_as_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start >= len(data) - 3  # a character cut at the sample's end
    return True


def read(path: Path) -> RawText:
    """Read a text file into lines."""
    data = path.read_bytes()
    text, encoding = decode(data, str(path))
    return RawText(lines=tuple(text.splitlines()), format="txt", encoding=encoding)
