"""Export style profiles: page, grid, fonts and numbering read from commented TOML files.

Profiles live in ``templates/profiles/<name>.toml`` and in ``profiles/`` under the user's
configuration folder (which wins). A profile may name another with ``inherits = "..."`` and
list only the keys that differ.
"""

from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from drafter import paths
from drafter.errors import DrafterError

DEFAULT_PROFILE = "gbt9704"
MM_PER_INCH = 25.4
TWIPS_PER_INCH = 1440


def mm_to_twips(mm: float) -> int:
    """Millimetres to twips (1/1440 inch), rounded."""
    return round(mm * TWIPS_PER_INCH / MM_PER_INCH)


@dataclass(frozen=True)
class Page:
    """Paper size and margins in millimetres."""

    width_mm: float = 210
    """Paper width (A4: 210)."""
    height_mm: float = 297
    """Paper height (A4: 297)."""
    top_mm: float = 37
    """Top margin (天头)."""
    bottom_mm: float = 35
    """Bottom margin."""
    left_mm: float = 28
    """Left margin (订口)."""
    right_mm: float = 26
    """Right margin."""

    @property
    def text_width_mm(self) -> float:
        """Width of the text area (版心)."""
        return self.width_mm - self.left_mm - self.right_mm

    @property
    def text_height_mm(self) -> float:
        """Height of the text area (版心)."""
        return self.height_mm - self.top_mm - self.bottom_mm


@dataclass(frozen=True)
class Grid:
    """The line grid that gives 22 lines × 28 characters."""

    lines_per_page: int = 22
    """Body lines on a full page."""
    chars_per_line: int = 28
    """Full-width characters on a full body line."""
    line_pitch_twips: int = 579
    """Exact line spacing and ``docGrid`` pitch in twips."""
    char_spacing_pt: float = -0.25
    """Character spacing on body-size runs, in points."""


@dataclass(frozen=True)
class Fonts:
    """Font family per role (East Asian names as Word knows them)."""

    body: str = "仿宋_GB2312"
    """Body text and the 1. / （1） levels."""
    title: str = "方正小标宋简体"
    """The document title."""
    section: str = "黑体"
    """Section headings 一、"""
    item: str = "楷体_GB2312"
    """The lead sentence of an item （一）."""
    page_number: str = "宋体"
    """Page numbers."""
    latin: str = "Times New Roman"
    """Digits and Latin letters."""


@dataclass(frozen=True)
class Sizes:
    """Font sizes in points."""

    body: float = 16
    """Body text (三号)."""
    title: float = 22
    """Title (二号)."""
    page_number: float = 14
    """Page numbers (四号)."""
    record: float = 14
    """版记 (四号)."""


@dataclass(frozen=True)
class TitleSettings:
    """How the title is set."""

    line_spacing_pt: float = 35
    """Exact line spacing of title lines."""
    blank_lines_after: int = 1
    """Empty body lines between the title and the text."""


@dataclass(frozen=True)
class Levels:
    """Per-level habits that differ between offices."""

    subitem_bold: bool = False
    """Whether level 3 (1. / （1）) is bold."""
    section_bold: bool = False
    """Whether section headings 一、 are bold."""
    first_line_indent_chars: int = 2
    """First-line indent of body paragraphs, in characters."""


@dataclass(frozen=True)
class PageNumbers:
    """Page number placement and format."""

    format: str = "— {n} —"
    """The text around the number; ``{n}`` becomes the PAGE field."""
    gap_mm: float = 7
    """Distance from the bottom of the text area to the top of the number."""
    indent_chars: int = 1
    """Characters between the number and the text-area edge."""
    odd: str = "right"
    """Alignment on odd pages: left, center or right."""
    even: str = "left"
    """Alignment on even pages: left, center or right."""


@dataclass(frozen=True)
class Signature:
    """Signature and date block."""

    right_indent_chars: int = 4
    """Characters between the date and the right edge."""
    blank_lines_before: int = 2
    """Empty lines between the text and the signature."""


@dataclass(frozen=True)
class RedHeader:
    """The red header (版头) of a notice."""

    enabled: bool = True
    """Whether the issuer mark and red rule are printed (False: 白头)."""
    color: str = "FF0000"
    """RGB colour of the mark and the rule."""
    font: str = "方正小标宋简体"
    """Font of the issuer mark."""
    size_pt: float = 36
    """Size of the issuer mark."""
    space_before_mm: float = 35
    """From the top of the text area to the top of the issuer mark."""
    blank_lines_after_issuer: int = 2
    """Empty lines between the issuer mark and the document number."""
    rule_width_pt: float = 1.5
    """Thickness of the red rule."""
    rule_gap_mm: float = 4
    """From the bottom of the 发文字号's characters to the red rule."""


@dataclass(frozen=True)
class Record:
    """版记: copies-to, printing office and date at the bottom of the last page."""

    enabled: bool = True
    """Whether the 版记 is printed when the notice gives its data."""
    thick_mm: float = 0.35
    """First and last rule."""
    thin_mm: float = 0.25
    """Rules between the rows."""
    indent_chars: int = 1
    """Left and right indent of the rows, in characters."""


@dataclass(frozen=True)
class Profile:
    """A complete export style: what the document looks like."""

    name: str = DEFAULT_PROFILE
    """The profile's name (its file name without .toml)."""
    description: str = ""
    """One line shown when listing profiles."""
    page: Page = field(default_factory=Page)
    """Paper and margins."""
    grid: Grid = field(default_factory=Grid)
    """Line and character grid."""
    fonts: Fonts = field(default_factory=Fonts)
    """Font per role."""
    fallbacks: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """Alternative names per font, used when the font is missing."""
    substitutes: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """Free faces per font, used in the PDF when neither the font nor a fallback is
    installed."""
    sizes: Sizes = field(default_factory=Sizes)
    """Font sizes."""
    title: TitleSettings = field(default_factory=TitleSettings)
    """Title settings."""
    levels: Levels = field(default_factory=Levels)
    """Per-level habits."""
    page_numbers: PageNumbers = field(default_factory=PageNumbers)
    """Page number settings."""
    signature: Signature = field(default_factory=Signature)
    """Signature block settings."""
    red_header: RedHeader = field(default_factory=RedHeader)
    """Red header settings."""
    record: Record = field(default_factory=Record)
    """版记 settings."""

    def fallbacks_for(self, font: str) -> tuple[str, ...]:
        """Alternative names for ``font`` (empty when none are configured)."""
        return dict(self.fallbacks).get(font, ())

    def substitutes_for(self, font: str) -> tuple[str, ...]:
        """Free faces that may stand in for ``font`` in the PDF (empty when none)."""
        return dict(self.substitutes).get(font, ())


_SECTIONS: dict[str, type] = {
    "page": Page,
    "grid": Grid,
    "fonts": Fonts,
    "sizes": Sizes,
    "title": TitleSettings,
    "levels": Levels,
    "page_numbers": PageNumbers,
    "signature": Signature,
    "red_header": RedHeader,
    "record": Record,
}


def profile_dirs() -> list[Path]:
    """Folders searched for profiles, the user's first."""
    return [paths.user_config_dir() / "profiles", paths.templates_dir() / "profiles"]


def available_profiles() -> list[str]:
    """Names of every profile that can be loaded, sorted."""
    names = {p.stem for d in profile_dirs() if d.is_dir() for p in d.glob("*.toml")}
    return sorted(names)


def load_profile(name: str = DEFAULT_PROFILE) -> Profile:
    """The profile called ``name`` (or stored at the path ``name`` ending in .toml)."""
    data = _resolve(name, seen=())
    return _build(data, name)


def _find(name: str) -> Path:
    """The file of a profile name or path."""
    if name.endswith(".toml"):
        path = Path(name)
        if path.is_file():
            return path
        raise DrafterError(f"找不到样式文件 {name}。")
    for folder in profile_dirs():
        path = folder / f"{name}.toml"
        if path.is_file():
            return path
    known = "、".join(available_profiles()) or "无"
    raise DrafterError(f"没有名为“{name}”的导出样式；可用的样式：{known}。")


def _read(path: Path) -> dict[str, Any]:
    """Parse one profile file."""
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise DrafterError(f"样式文件 {path.name} 格式有误：{exc}。") from exc
    except OSError as exc:
        raise DrafterError(f"无法读取样式文件 {path}：{exc.strerror}。") from exc


def _resolve(name: str, seen: tuple[str, ...]) -> dict[str, Any]:
    """The profile's data with everything it inherits merged in."""
    if name in seen:
        raise DrafterError(f"样式“{name}”的 inherits 形成了循环。")
    path = _find(name)
    data = _read(path)
    data.setdefault("name", path.stem)
    parent = data.pop("inherits", None)
    if parent is None:
        return data
    if not isinstance(parent, str):
        raise DrafterError(f"样式文件 {path.name} 中 inherits 应为样式名称。")
    return _merge(_resolve(parent, (*seen, name)), data)


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """``over`` laid on ``base``, one level of tables deep."""
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = {**out[key], **value}
        else:
            out[key] = value
    return out


def _build(data: dict[str, Any], name: str) -> Profile:
    """Check the merged data and turn it into a Profile."""
    kwargs: dict[str, Any] = {}
    for key, value in data.items():
        if key in ("name", "description"):
            kwargs[key] = str(value)
        elif key in ("fallbacks", "substitutes"):
            kwargs[key] = _fallbacks(value, name, key)
        elif key in _SECTIONS:
            kwargs[key] = _section(_SECTIONS[key], key, value, name)
        else:
            raise DrafterError(f"样式“{name}”中有不认识的设置项 {key}。")
    return Profile(**kwargs)


def _section(cls: type, key: str, value: Any, name: str) -> Any:
    """One ``[table]`` of the profile as its dataclass, with types checked."""
    if not isinstance(value, dict):
        raise DrafterError(f"样式“{name}”中 {key} 应为一个表（[{key}]）。")
    fields = {f.name: f for f in dataclasses.fields(cls)}
    defaults = cls()
    out: dict[str, Any] = {}
    for k, v in value.items():
        if k not in fields:
            raise DrafterError(f"样式“{name}”中 [{key}] 有不认识的设置项 {k}。")
        want = type(getattr(defaults, k))
        if want is float and isinstance(v, int) and not isinstance(v, bool):
            v = float(v)
        if want is int and isinstance(v, float) and v.is_integer():
            v = int(v)
        if not isinstance(v, want) or (want is not bool and isinstance(v, bool)):
            raise DrafterError(f"样式“{name}”中 [{key}] {k} 的值 {v!r} 类型不对。")
        out[k] = v
    return cls(**out)


def _fallbacks(
    value: Any, name: str, key: str = "fallbacks"
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The ``[fallbacks]`` or ``[substitutes]`` table as pairs of font and alternatives."""
    if not isinstance(value, dict) or not all(
        isinstance(v, list) and all(isinstance(x, str) for x in v) for v in value.values()
    ):
        raise DrafterError(f"样式“{name}”中 [{key}] 应为“字体 = [替代字体, …]”。")
    return tuple((str(k), tuple(v)) for k, v in value.items())
