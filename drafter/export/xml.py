"""Small functions for the WordprocessingML that python-docx has no API for."""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement


def _names(words: str) -> tuple[str, ...]:
    """Element names from a space-separated list."""
    return tuple(words.split())


#: Schema order of the children of w:pPr (children must appear in this order).
PPR_ORDER = _names(
    "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers "
    "pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE "
    "autoSpaceDN bidi adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents "
    "suppressOverlap jc textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle "
    "rPr sectPr pPrChange"
)

#: Schema order of the children of w:rPr.
RPR_ORDER = _names(
    "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint "
    "noProof snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u "
    "effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath"
)

#: Schema order of the children of w:sectPr.
SECTPR_ORDER = _names(
    "headerReference footerReference footnotePr endnotePr type pgSz pgMar paperSrc pgBorders "
    "lnNumType pgNumType cols formProt vAlign noEndnote titlePg textDirection bidi rtlGutter "
    "docGrid printerSettings sectPrChange"
)

#: Schema order of the children of w:tblPr.
TBLPR_ORDER = _names(
    "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc "
    "tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook"
)


def set_child(
    parent: BaseOxmlElement, tag: str, order: tuple[str, ...] | list[str], **attrs: str
) -> BaseOxmlElement:
    """The child ``w:<tag>`` of ``parent`` (created in schema order), with ``attrs`` set."""
    child = parent.find(qn(f"w:{tag}"))
    if child is None:
        child = OxmlElement(f"w:{tag}")
        later = order[order.index(tag) + 1 :]
        for sibling in parent:
            if _local_name(sibling) in later:
                sibling.addprevious(child)
                break
        else:
            parent.append(child)
    for key, value in attrs.items():
        child.set(qn(f"w:{key}"), value)
    return child


def _local_name(element: BaseOxmlElement) -> str:
    """An element's name without namespace; a markup-compatibility block counts as the
    element it chooses between (its first choice's first child)."""
    local = element.tag.rpartition("}")[2]
    if local == "AlternateContent" and len(element) and len(element[0]):
        return element[0][0].tag.rpartition("}")[2]
    return local


def get_or_add(parent: BaseOxmlElement, tag: str, order: tuple[str, ...] | list[str]):
    """The child ``w:<tag>`` of ``parent``, created in schema order when missing."""
    return set_child(parent, tag, order)


def remove_children(parent: BaseOxmlElement, tag: str) -> None:
    """Remove every ``w:<tag>`` child of ``parent``."""
    for child in parent.findall(qn(f"w:{tag}")):
        parent.remove(child)


def strip_theme_fonts(element: BaseOxmlElement) -> None:
    """Remove theme-font attributes (they override explicit names) under ``element``."""
    theme_attrs = [qn(f"w:{a}") for a in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")]
    for rfonts in element.iter(qn("w:rFonts")):
        for attr in theme_attrs:
            if attr in rfonts.attrib:
                del rfonts.attrib[attr]
