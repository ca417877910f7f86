"""Control characters in plan text: a terminal obeys them (ESC, BEL, CSI), so they never stay."""

from __future__ import annotations

from drafter import rx

# C0 controls but tab and newline, DEL, C1 controls (U+009B is a one-character CSI), and the
# bidirectional overrides that make a terminal line read differently from its bytes.
_CONTROLS = rx.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def strip_controls(text: str) -> str:
    """``text`` without control characters (tabs and line breaks kept)."""
    return _CONTROLS.sub("", text) if _CONTROLS.search(text) else text
