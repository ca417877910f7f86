"""Fonts for the PDF: the profile's official faces, or installed free faces in their place.

The .docx names the faces an office has (仿宋_GB2312, 楷体_GB2312, 方正小标宋简体, 黑体), so Word
on the clerk's machine uses them. LibreOffice, rendering the PDF on a machine without them,
would put one fallback face everywhere; the PDF copy names, for each missing face, the first
installed one of the profile's ``[fallbacks]`` and ``[substitutes]`` instead, and the writer
is told what replaced what.
"""

from __future__ import annotations

import functools
import io
import re
import shutil
import subprocess
import zipfile
from dataclasses import dataclass

from drafter import rx
from drafter.export.profile import Profile

_FONT_ATTRS = ("eastAsia", "ascii", "hAnsi", "cs", "name")


@dataclass(frozen=True)
class FontChoice:
    """What the PDF uses for one of the profile's faces."""

    wanted: str
    """The face the profile names."""
    used: str | None
    """The installed face used instead; None when ``wanted`` itself is installed, or when
    nothing listed is installed (LibreOffice then picks a face)."""
    missing: bool
    """Whether ``wanted`` is not installed."""

    @property
    def warning(self) -> str | None:
        """The Chinese sentence telling the writer about a replaced face, or None."""
        if not self.missing:
            return None
        if self.used:
            return f"本机没有字体“{self.wanted}”，PDF 中以“{self.used}”代替。"
        return f"本机没有字体“{self.wanted}”，也没有样式中列出的替代字体，PDF 中由 LibreOffice 自选字体代替。"


@functools.lru_cache(maxsize=1)
def installed_families() -> frozenset[str]:
    """Font family names fontconfig knows (lower case); empty when fc-list is missing."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return frozenset()
    try:
        out = subprocess.run(
            [fc_list, ":", "family"], capture_output=True, text=True, timeout=30, check=False
        ).stdout
    except (OSError, subprocess.TimeoutExpired):
        return frozenset()
    names = {name.strip().lower() for line in out.splitlines() for name in line.split(",")}
    return frozenset(n for n in names if n)


def profile_faces(profile: Profile) -> tuple[str, ...]:
    """Every face the profile names, in order, each once."""
    f = profile.fonts
    return tuple(dict.fromkeys((f.body, f.title, f.section, f.item, f.page_number, f.latin,
                                profile.red_header.font)))  # fmt: skip


def choose_fonts(profile: Profile, installed: frozenset[str] | None = None) -> list[FontChoice]:
    """For each face of the profile: itself when installed, else the first installed face of
    its fallbacks and substitutes."""
    have = installed_families() if installed is None else installed
    choices = []
    for face in profile_faces(profile):
        if face.lower() in have:
            choices.append(FontChoice(face, None, False))
            continue
        options = (*profile.fallbacks_for(face), *profile.substitutes_for(face))
        used = next((o for o in options if o.lower() in have), None)
        choices.append(FontChoice(face, used, True))
    return choices


def font_warnings(profile: Profile) -> list[str]:
    """Chinese sentences naming each missing face and what the PDF uses instead."""
    return [c.warning for c in choose_fonts(profile) if c.warning]


def with_installed_fonts(docx_data: bytes, profile: Profile) -> bytes:
    """The .docx with each missing face renamed to the installed face chosen for it."""
    renames = {c.wanted: c.used for c in choose_fonts(profile) if c.used}
    if not renames:
        return docx_data
    pattern = rx.compile(
        r'(w:(?:' + "|".join(_FONT_ATTRS) + r')=")(' + "|".join(map(re.escape, renames)) + r')"'
    )
    source = zipfile.ZipFile(io.BytesIO(docx_data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename.startswith("word/") and info.filename.endswith(".xml"):
                text = pattern.sub(lambda m: f'{m.group(1)}{renames[m.group(2)]}"',
                                   data.decode("utf-8"))  # fmt: skip
                data = text.encode("utf-8")
            target.writestr(info, data)
    return buffer.getvalue()
