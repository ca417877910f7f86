"""Package-level parts of an exported .docx: settings, document properties, leftover styles.

python-docx starts from a template written by Word 2010 for Mac: it says so in app.xml,
carries a thumbnail, dates itself 2013 and runs in compatibility mode 14. These functions
make the package describe the document drafter wrote.
"""

from __future__ import annotations

import datetime

from docx.document import Document
from docx.oxml.ns import qn
from lxml import etree

from drafter.export.sanitize import clean_text

#: compatibilityMode of Word 2013 and later (the template says 14, Word 2010).
COMPATIBILITY_MODE = "15"

#: What app.xml names as the application that wrote the file.
APPLICATION = "drafter"

_APP_NS = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
_VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
#: The styles drafter writes itself; every other style loses its theme colour.
_OWN_PREFIX = "Gw"


def setup_settings(doc: Document) -> None:
    """Zoom with its required percentage, no preview picture, current compatibility mode."""
    settings = doc.settings.element
    zoom = settings.find(qn("w:zoom"))
    if zoom is not None:
        zoom.set(qn("w:percent"), "100")
    for name in ("savePreviewPicture",):
        for el in settings.findall(qn(f"w:{name}")):
            settings.remove(el)
    for setting in settings.iter(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), COMPATIBILITY_MODE)


def drop_thumbnail(doc: Document) -> None:
    """Remove the template's thumbnail (a picture of an empty Word page)."""
    rels = doc.part.package.rels
    for rid, rel in list(rels.items()):
        if rel.reltype.endswith("/metadata/thumbnail"):
            rels.pop(rid)


def set_properties(doc: Document, *, title: str, author: str) -> None:
    """Core and app properties: the title, the issuer as author, drafter as the last editor
    and application, created and modified now (UTC, whole seconds)."""
    now = datetime.datetime.now(datetime.UTC).replace(microsecond=0, tzinfo=None)
    props = doc.core_properties
    props.title = clean_text(title)
    props.author = clean_text(author)
    props.last_modified_by = APPLICATION
    props.comments = ""
    props.created = now
    props.modified = now
    props.revision = 1
    _set_app_properties(doc)


def _set_app_properties(doc: Document) -> None:
    """app.xml names drafter, not the template's word processor, and no template file."""
    rel = next(
        (r for r in doc.part.package.rels.values() if r.reltype.endswith("/extended-properties")),
        None,
    )
    if rel is None:
        return
    part = rel.target_part
    root = etree.SubElement(etree.Element("x"), f"{{{_APP_NS}}}Properties", nsmap={
        None: _APP_NS, "vt": _VT_NS})  # fmt: skip
    etree.SubElement(root, f"{{{_APP_NS}}}Application").text = APPLICATION
    etree.SubElement(root, f"{{{_APP_NS}}}DocSecurity").text = "0"
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def neutralise_builtin_styles(doc: Document) -> None:
    """The template's built-in styles (Heading 1–9, Title, Subtitle, …) lose their theme
    colours and the Title's blue rule, so a user who applies one gets black text."""
    for style in doc.styles.element.findall(qn("w:style")):
        if (style.get(qn("w:styleId")) or "").startswith(_OWN_PREFIX):
            continue
        for color in style.iter(qn("w:color")):
            color.getparent().remove(color)
        for borders in style.iter(qn("w:pBdr")):
            borders.getparent().remove(borders)
