"""Reading a reviewed .docx: text with its tracked changes (修订) and comments (批注).

Word, WPS and LibreOffice all write tracked changes as ``w:ins`` / ``w:del`` (and
``w:moveFrom`` / ``w:moveTo`` for moves) around runs, with ``w:author`` and ``w:date``; a
paragraph mark inserted or deleted sits in ``w:pPr/w:rPr``. Comments live in
``word/comments.xml``; the document marks the words they cover with ``commentRangeStart`` /
``commentRangeEnd`` (which may sit in different paragraphs), or only with a
``commentReference`` (older files and some WPS versions: the comment then covers its paragraph
up to the reference). Replies and the done flag come from ``commentsExtended.xml`` (``w15``).

The result is one stream of pieces, paragraphs ending in a newline piece, and comments whose
range is given in offsets of the *old* text (what the file says with every change rejected).
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from drafter.errors import InputError
from drafter.ingest.safezip import open_package, read_member

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"
W15 = "{http://schemas.microsoft.com/office/word/2012/wordml}"
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"

KEEP = "keep"
DEL = "del"
INS = "ins"

_MAX_BYTES = 50 * 1024 * 1024
_REVISIONS = {f"{W}ins": INS, f"{W}del": DEL, f"{W}moveTo": INS, f"{W}moveFrom": DEL}
_CONTAINERS = {f"{W}sdt", f"{W}sdtContent", f"{W}customXml", f"{W}smartTag"}


@dataclass(frozen=True)
class Piece:
    """A stretch of text that is kept, deleted or inserted."""

    kind: str
    """``keep``, ``del`` or ``ins``."""
    text: str
    """The text ("\\n" for a paragraph mark)."""
    author: str | None = None
    """The reviewer (tracked pieces only)."""
    date: str | None = None
    """When it was changed, as written in the file."""
    rev: str = ""
    """The revision's id, so that runs of one revision stay one change."""
    move: str = ""
    """For a move: the name Word gives both ends (``move1``), else ''."""


@dataclass(frozen=True)
class Note:
    """A comment and the stretch of old text it covers."""

    id: str
    """The comment id in the file."""
    author: str | None
    """Who wrote it."""
    date: str | None
    """When, as written in the file."""
    text: str
    """The comment's text (paragraphs joined with newlines)."""
    start: int
    """Offset in the old text where the covered words begin."""
    end: int
    """Offset where they end (equal to start for a point comment)."""
    replies: tuple[str, ...] = ()
    """Replies (``作者：内容``) in order."""
    done: bool = False
    """Marked done in Word or WPS."""


@dataclass(frozen=True)
class Reviewed:
    """A reviewed document as pieces and comments."""

    pieces: tuple[Piece, ...]
    """Every stretch of text in reading order; paragraphs end in a newline piece."""
    notes: tuple[Note, ...]
    """Top-level comments (replies folded in), in document order."""

    @property
    def old_text(self) -> str:
        """The text with every change rejected."""
        return "".join(p.text for p in self.pieces if p.kind != INS)

    @property
    def new_text(self) -> str:
        """The text with every change accepted."""
        return "".join(p.text for p in self.pieces if p.kind != DEL)

    @property
    def tracked(self) -> bool:
        """Whether the file has any tracked change."""
        return any(p.kind != KEEP for p in self.pieces)


@dataclass
class _Walk:
    """Walker state: pieces so far, old-text offset, open comment and move ranges."""

    own: frozenset[str]
    pieces: list[Piece] = field(default_factory=list)
    offset: int = 0
    starts: dict[str, int] = field(default_factory=dict)
    ends: dict[str, int] = field(default_factory=dict)
    refs: dict[str, tuple[int, int]] = field(default_factory=dict)
    para_start: int = 0
    move_from: str = ""
    move_to: str = ""

    def add(self, kind: str, text: str, rev: etree._Element | None = None) -> None:
        if not text:
            return
        author = date = None
        rev_id = move = ""
        if rev is not None:
            author = rev.get(f"{W}author")
            date = rev.get(f"{W}date")
            rev_id = rev.get(f"{W}id", "")
            if rev.tag == f"{W}moveFrom":
                move = self.move_from or f"move{rev_id}"
            elif rev.tag == f"{W}moveTo":
                move = self.move_to or f"move{rev_id}"
            if author in self.own:
                # drafter's own year-over-year changes are the draft's text, not a review.
                if kind == DEL:
                    return
                kind, author, date, rev_id, move = KEEP, None, None, "", ""
        if kind != INS:
            self.offset += len(text)
        last = self.pieces[-1] if self.pieces else None
        if (
            last is not None
            and last.kind == kind
            and last.author == author
            and last.rev == rev_id
            and last.move == move
            and last.text != "\n"
            and text != "\n"
        ):
            self.pieces[-1] = Piece(kind, last.text + text, author, date or last.date, rev_id, move)
        else:
            self.pieces.append(Piece(kind, text, author, date, rev_id, move))


def read_reviewed(path: Path | str, *, own_authors: tuple[str, ...] = ("drafter",)) -> Reviewed:
    """Read a reviewed .docx; revisions by ``own_authors`` count as the draft's own text."""
    path = Path(path)
    parts = _open_parts(path)
    document = _parse(parts.get("word/document.xml"), path, "正文")
    if document is None:
        raise InputError(f"{path} 中没有 Word 正文（word/document.xml），不是有效的 .docx 文件。")
    body = document.find(f"{W}body")
    if body is None:
        raise InputError(f"{path} 的正文为空。")
    walk = _Walk(own=frozenset(own_authors))
    numbering = _numbering(path)
    _blocks(body, walk, numbering)
    notes = _notes(parts, path, walk)
    return Reviewed(pieces=tuple(walk.pieces), notes=notes)


def _open_parts(path: Path) -> dict[str, bytes]:
    """The XML parts drafter reads, unpacked with size limits, or a Chinese error."""
    if not path.exists():
        raise InputError(f"找不到文件：{path}。")
    if path.is_dir():
        raise InputError(f"{path} 是文件夹，不是 Word 文件。")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(f"无法读取 {path}：{exc.strerror or exc}。") from exc
    if size == 0:
        raise InputError(f"{path} 是空文件。")
    if size > _MAX_BYTES:
        raise InputError(f"{path} 太大（超过 50 MB），不像是一份审阅稿。")
    wanted = ("word/document.xml", "word/comments.xml", "word/commentsExtended.xml")
    # The ingest readers' bounds: declared sizes first, then each part as it unpacks.
    with open_package(path, " Word 文档") as zf:
        names = set(zf.namelist())
        return {name: read_member(zf, name, path) for name in wanted if name in names}


_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


def _parse(data: bytes | None, path: Path, what: str) -> etree._Element | None:
    """An XML part parsed safely (no entities, no network), or a Chinese error."""
    if data is None:
        return None
    try:
        return etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise InputError(f"{path} 的{what}部分已损坏，无法读取。") from exc


def _numbering(path: Path):  # type: ignore[no-untyped-def]
    """The docx reader's numbering (一、 （一） drawn by Word), or None when unavailable."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    from drafter.ingest.docx import _Numbering

    try:
        return _Numbering(docx.Document(str(path)), path)
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise InputError(
            f"{path} 不是有效的 Word 文档（.docx 文件已损坏或只是改了扩展名）。"
        ) from exc


def _blocks(parent: etree._Element, walk: _Walk, numbering) -> None:  # type: ignore[no-untyped-def]
    """Paragraphs and tables in reading order (a table row reads as one line)."""
    for block in parent.iterchildren():
        if block.tag == f"{W}p":
            _paragraph(block, walk, numbering)
        elif block.tag == f"{W}tbl":
            for row in block.iterchildren(f"{W}tr"):
                for cell in row.iterchildren(f"{W}tc"):
                    _blocks(cell, walk, numbering)
        elif block.tag in _CONTAINERS:
            _blocks(block, walk, numbering)


def _paragraph(p: etree._Element, walk: _Walk, numbering) -> None:  # type: ignore[no-untyped-def]
    """One paragraph's pieces, its comment markers, then its (possibly tracked) mark."""
    walk.para_start = walk.offset
    if numbering is not None:
        walk.add(KEEP, numbering.label(p))
    for node in p.iter():
        tag = node.tag
        if tag in (f"{W}t", f"{W}delText"):
            if _inside(node, _FALLBACK):
                continue
            _text(node, node.text or "", walk)
        elif tag == f"{W}tab":
            if node.getparent() is not None and node.getparent().tag == f"{W}r":
                _text(node, "\t", walk)
        elif tag == f"{W}commentRangeStart":
            walk.starts.setdefault(node.get(f"{W}id", ""), walk.offset)
        elif tag == f"{W}commentRangeEnd":
            walk.ends[node.get(f"{W}id", "")] = walk.offset
        elif tag == f"{W}commentReference":
            walk.refs.setdefault(node.get(f"{W}id", ""), (walk.para_start, walk.offset))
        elif tag == f"{W}moveFromRangeStart":
            walk.move_from = node.get(f"{W}name", "")
        elif tag == f"{W}moveToRangeStart":
            walk.move_to = node.get(f"{W}name", "")
    mark = _mark(p)
    walk.add(_REVISIONS[mark.tag] if mark is not None else KEEP, "\n", mark)


def _text(node: etree._Element, text: str, walk: _Walk) -> None:
    """Add a text node's text under the revision around it (if any)."""
    rev = _revision(node)
    kind = _REVISIONS[rev.tag] if rev is not None else KEEP
    walk.add(kind, text, rev)


def _revision(node: etree._Element) -> etree._Element | None:
    """The nearest w:ins / w:del / w:moveFrom / w:moveTo around a node inside its paragraph."""
    parent = node.getparent()
    while parent is not None and parent.tag != f"{W}p":
        if parent.tag in _REVISIONS:
            return parent
        parent = parent.getparent()
    return None


def _inside(node: etree._Element, tag: str) -> bool:
    parent = node.getparent()
    while parent is not None and parent.tag != f"{W}p":
        if parent.tag == tag:
            return True
        parent = parent.getparent()
    return False


def _mark(p: etree._Element) -> etree._Element | None:
    """The tracked change on the paragraph mark (w:pPr/w:rPr/w:ins …), if any."""
    ppr = p.find(f"{W}pPr")
    rpr = ppr.find(f"{W}rPr") if ppr is not None else None
    if rpr is None:
        return None
    for child in rpr:
        if child.tag in _REVISIONS:
            return child
    return None


def _notes(parts: dict[str, bytes], path: Path, walk: _Walk) -> tuple[Note, ...]:
    """Comments with their ranges; replies folded into the comment they answer."""
    root = _parse(parts.get("word/comments.xml"), path, "批注")
    if root is None:
        return ()
    extended = _extended(_parse(parts.get("word/commentsExtended.xml"), path, "批注"))
    found: list[tuple[Note, str, str]] = []
    for c in root.iterchildren(f"{W}comment"):
        cid = c.get(f"{W}id", "")
        paras = [
            "".join(t.text or "" for t in p.iter(f"{W}t")) for p in c.iterchildren(f"{W}p")
        ]
        text = "\n".join(x for x in paras if x.strip()).strip()
        last_para = next(
            (p.get(f"{W14}paraId", "") for p in reversed(list(c.iterchildren(f"{W}p")))), ""
        )
        parent, done = extended.get(last_para, ("", False))
        if cid in walk.starts:
            start = walk.starts[cid]
            end = walk.ends.get(cid, walk.refs.get(cid, (start, start))[1])
        elif cid in walk.refs:
            start, end = walk.refs[cid]
        elif parent:
            start = end = -1  # a reply: placed with the comment it answers
        else:
            continue  # a comment nothing in the text refers to
        note = Note(cid, c.get(f"{W}author"), c.get(f"{W}date"), text, start, max(start, end),
                    done=done)
        found.append((note, last_para, parent))
    by_para = {para: k for k, (_, para, _) in enumerate(found) if para}
    replies: dict[int, list[str]] = {}
    top: list[int] = []
    for k, (note, _, parent) in enumerate(found):
        if parent and parent in by_para and by_para[parent] != k:
            replies.setdefault(by_para[parent], []).append(f"{note.author or '未署名'}：{note.text}")
        elif note.start >= 0:
            top.append(k)
    out = []
    for k in top:
        note = found[k][0]
        out.append(Note(note.id, note.author, note.date, note.text, note.start, note.end,
                        tuple(replies.get(k, ())), note.done))
    return tuple(sorted(out, key=lambda n: (n.start, n.end)))


def _extended(root: etree._Element | None) -> dict[str, tuple[str, bool]]:
    """paraId → (parent paraId, done) from commentsExtended.xml."""
    if root is None:
        return {}
    out = {}
    for ex in root.iter(f"{W15}commentEx"):
        out[ex.get(f"{W15}paraId", "")] = (
            ex.get(f"{W15}paraIdParent", ""),
            ex.get(f"{W15}done", "0") in ("1", "true"),
        )
    return out
