"""Cleaning text for XML: characters a .docx cannot hold are dropped, never a crash."""

from __future__ import annotations

from drafter import rx

# C0 controls except tab/newline/carriage return, DEL and C1 controls, the BOM and zero-width
# space, lone surrogates and the two non-characters XML 1.0 forbids.
_ILLEGAL = rx.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\u200b\ud800-\udfff\ufffe\uffff]")
_BREAKS = rx.compile(r"[\r\n]+")


def clean_text(text: str, *, keep_tabs: bool = False) -> str:
    """``text`` without XML-illegal and control characters; tabs become spaces, breaks go.

    A line break inside one paragraph is an artefact of copying from PDF or the web; dropping
    it keeps the grid intact. Tabs become a single space.
    """
    text = _ILLEGAL.sub("", text)
    text = _BREAKS.sub("", text)
    return text if keep_tabs else text.replace("\t", " ")
