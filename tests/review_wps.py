"""Hand-built reviewed .docx files in WPS's XML style, for the review tests.

WPS (金山文字) writes tracked changes as ``w:ins``/``w:del`` with Chinese author names and
local dates without a time zone, marks comments in the text with a ``w:commentReference`` run
(often with no ``commentRangeStart``/``End`` around the words), keeps replies in
``commentsExtended.xml`` (``w15:paraIdParent``) and adds its own ``wpsCustomData`` namespace
and ``w:hint="eastAsia"`` run fonts. This builder writes such a package from a plan, with the
edits a reviewer makes.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from drafter.model import Plan

NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
    'xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wpsCustomData="http://www.wps.cn/officeDocument/2013/wpsCustomData" '
    'mc:Ignorable="w14 w15 wpsCustomData"'
)


@dataclass
class Para:
    """A paragraph: segments (kind, text, author, date) and comment markers."""

    segments: list[tuple[str, str, str, str]] = field(default_factory=list)
    mark: tuple[str, str, str] | None = None

    @property
    def text(self) -> str:
        return "".join(t for k, t, _, _ in self.segments if k in ("keep", "del"))


@dataclass
class Comment:
    id: int
    author: str
    date: str
    text: str
    parent: int | None = None
    done: bool = False


def unique(d: Plan, text: str, size: int = 6, tail: bool = False) -> str:
    """A stretch of ``text`` that occurs once in the whole draft (search-and-edit hits it)."""
    whole = "\n".join([d.meta.title, *d.preamble, *(s.title for s in d.sections),
                       *(it.text for _, _, _, it in d.iter_items())])
    starts = range(len(text) - size, 0, -1) if tail else range(2, len(text) - size)
    for at in starts:
        piece = text[at:at + size]
        if whole.count(piece) == 1 and "\n" not in piece:
            return piece
    raise AssertionError("no unique stretch")


class WpsDoc:
    """A plan as WPS would save it, with tracked edits and comments applied in order."""

    def __init__(self, plan: Plan) -> None:
        self.paras: list[Para] = []
        self.comments: list[Comment] = []
        self.rev = 100
        self.moves = 1
        self._add(plan.meta.title)
        for p in plan.preamble:
            self._add(p)
        for s in plan.sections:
            self._add(s.label + s.title)
            for line in s.intro:
                self._add(line)
            for it in s.items:
                self._add(it.label + it.heading + it.body)
                for sub in it.subitems:
                    self._add(sub.label + sub.text)

    def _add(self, text: str) -> None:
        self.paras.append(Para([("keep", text, "", "")]))

    def _find(self, words: str) -> tuple[Para, int, int]:
        """The paragraph, segment and offset of the first kept ``words``."""
        for para in self.paras:
            for k, (kind, text, _, _) in enumerate(para.segments):
                if kind == "keep" and words in text:
                    return para, k, text.index(words)
        raise AssertionError(f"not in the document: {words}")

    def _split(self, words: str, new: list[tuple[str, str, str, str]]) -> None:
        para, k, at = self._find(words)
        _, text, _, _ = para.segments[k]
        before, after = text[:at], text[at + len(words):]
        parts = [("keep", before, "", "")] if before else []
        parts += new
        parts += [("keep", after, "", "")] if after else []
        para.segments[k:k + 1] = parts

    def renumber(self, label: str, new: str, author: str, date: str) -> None:
        """A tracked change of an item's number only (the reviewer renumbered by hand)."""
        para = next(p for p in self.paras if p.text.startswith(label))
        kind, text, a, d = para.segments[0]
        para.segments[0:1] = [("del", label, author, date), ("ins", new, author, date),
                              (kind, text[len(label):], a, d)]

    def replace(self, old: str, new: str, author: str, date: str) -> None:
        """A tracked replacement: ``old`` deleted, ``new`` inserted by ``author``."""
        self._split(old, [("del", old, author, date), ("ins", new, author, date)])

    def insert(self, after: str, new: str, author: str, date: str) -> None:
        """A tracked insertion right after the words ``after``."""
        self._split(after, [("keep", after, "", ""), ("ins", new, author, date)])

    def delete(self, old: str, author: str, date: str) -> None:
        """A tracked deletion of ``old``."""
        self._split(old, [("del", old, author, date)])

    def delete_paragraph(self, start: str, author: str, date: str) -> None:
        """Delete a whole paragraph (its words and its mark) with 修订."""
        para = next(p for p in self.paras if p.text.startswith(start))
        para.segments = [("del", para.text, author, date)]
        para.mark = ("del", author, date)

    def insert_paragraph(self, after_start: str, text: str, author: str, date: str) -> None:
        """A new paragraph after the one starting with ``after_start``, with 修订."""
        k = next(i for i, p in enumerate(self.paras) if p.text.startswith(after_start))
        self.paras.insert(k + 1, Para([("ins", text, author, date)], ("ins", author, date)))

    def move_paragraph(self, start: str, after_start: str, author: str, date: str) -> None:
        """Move a whole paragraph after another, with 修订 (Word's moveFrom/moveTo)."""
        k = next(i for i, p in enumerate(self.paras) if p.text.startswith(start))
        para = self.paras[k]
        text = para.text
        para.segments = [("moveFrom", text, author, date)]
        para.mark = ("moveFrom", author, date)
        j = next(i for i, p in enumerate(self.paras) if p.text.startswith(after_start))
        self.paras.insert(j + 1, Para([("moveTo", text, author, date)], ("moveTo", author, date)))

    def move_plain(self, start: str, after_start: str) -> None:
        """Cut a paragraph and paste it after another with 修订 switched off."""
        k = next(i for i, p in enumerate(self.paras) if p.text.startswith(start))
        para = self.paras.pop(k)
        j = next(i for i, p in enumerate(self.paras) if p.text.startswith(after_start))
        self.paras.insert(j + 1, para)

    def edit_plain(self, old: str, new: str) -> None:
        """An edit made with 修订 switched off: the text simply changes."""
        para, k, at = self._find(old)
        kind, text, a, d = para.segments[k]
        para.segments[k] = (kind, text[:at] + new + text[at + len(old):], a, d)

    def comment(self, words: str, text: str, author: str, date: str, *, ranged: bool = False,
                replies: tuple[tuple[str, str], ...] = (), done: bool = False) -> None:
        """A comment after ``words`` (WPS: a reference only; ``ranged``: with a range)."""
        cid = len(self.comments)
        self.comments.append(Comment(cid, author, date, text, done=done))
        marks = [("cref", str(cid), "", "")]
        if ranged:
            self._split(words, [("cstart", str(cid), "", ""), ("keep", words, "", ""),
                                ("cend", str(cid), "", ""), *marks])
        else:
            self._split(words, [("keep", words, "", ""), *marks])
        for who, reply in replies:
            self.comments.append(Comment(len(self.comments), who, date, reply, parent=cid))

    # -- writing ---------------------------------------------------------------------------

    def _run(self, kind: str, text: str) -> str:
        tag = "w:delText" if kind == "del" else "w:t"
        return (f'<w:r><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr>'
                f'<{tag} xml:space="preserve">{escape(text)}</{tag}></w:r>')

    def _rev(self, kind: str, author: str, date: str, inner: str) -> str:
        self.rev += 1
        tag = {"ins": "w:ins", "del": "w:del", "moveFrom": "w:moveFrom",
               "moveTo": "w:moveTo"}[kind]
        element = f'<{tag} w:id="{self.rev}" w:author="{escape(author)}" w:date="{date}">{inner}</{tag}>'
        if kind.startswith("move") and inner:
            mark = f'w:id="{self.rev + 500}"'
            element = (f'<w:{kind}RangeStart {mark} w:name="move{self.moves}" '
                       f'w:author="{escape(author)}" w:date="{date}"/>{element}'
                       f'<w:{kind}RangeEnd {mark}/>')
        return element

    def _paragraph(self, para: Para) -> str:
        ppr = ""
        if para.mark:
            kind, author, date = para.mark
            ppr = "<w:pPr><w:rPr>" + self._rev(kind, author, date, "") + "</w:rPr></w:pPr>"
        body = []
        for kind, text, author, date in para.segments:
            if kind == "keep":
                body.append(self._run(kind, text) if text else "")
            elif kind in ("ins", "del", "moveFrom", "moveTo"):
                body.append(self._rev(kind, author, date, self._run(kind, text)))
            elif kind == "cstart":
                body.append(f'<w:commentRangeStart w:id="{text}"/>')
            elif kind == "cend":
                body.append(f'<w:commentRangeEnd w:id="{text}"/>')
            elif kind == "cref":
                body.append(f'<w:r><w:commentReference w:id="{text}"/></w:r>')
        return f"<w:p>{ppr}{''.join(body)}</w:p>"

    def save(self, path: Path) -> Path:
        body = "".join(self._paragraph(p) for p in self.paras)
        document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                    f'<w:document {NS}><w:body>{body}<w:sectPr/></w:body></w:document>')
        comments = "".join(
            f'<w:comment w:id="{c.id}" w:author="{escape(c.author)}" w:date="{c.date}" '
            f'w:initials="{escape(c.author[:1])}"><w:p w14:paraId="{0x10000000 + c.id:08X}">'
            f'<w:r><w:annotationRef/></w:r>{self._run("keep", c.text)}</w:p></w:comment>'
            for c in self.comments
        )
        extended = "".join(
            f'<w15:commentEx w15:paraId="{0x10000000 + c.id:08X}"'
            + (f' w15:paraIdParent="{0x10000000 + c.parent:08X}"' if c.parent is not None else "")
            + f' w15:done="{1 if c.done else 0}"/>'
            for c in self.comments
        )
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.writestr("[Content_Types].xml", _CONTENT_TYPES)
            zf.writestr("_rels/.rels", _RELS)
            zf.writestr("word/_rels/document.xml.rels", _DOC_RELS)
            zf.writestr("word/document.xml", document)
            zf.writestr("word/comments.xml", f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:comments {NS}>{comments}</w:comments>')
            zf.writestr("word/commentsExtended.xml", f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w15:commentsEx {NS}>{extended}</w15:commentsEx>')
            zf.writestr("docProps/custom.xml", '<?xml version="1.0" encoding="UTF-8"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="KSOProductBuildVer"><vt:lpwstr xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">2052-11.1.0.14309</vt:lpwstr></property></Properties>')
        return path


_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/>'
    '<Override PartName="/word/commentsExtended.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.commentsExtended+xml"/>'
    '<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/>'
    '</Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties" Target="docProps/custom.xml"/>'
    '</Relationships>'
)
_DOC_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.microsoft.com/office/2011/relationships/commentsExtended" Target="commentsExtended.xml"/>'
    '</Relationships>'
)
