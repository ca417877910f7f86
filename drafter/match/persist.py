"""The matcher's index on disk: one ``.npz`` per library folder in the user cache.

The file is a cache: written atomically, ignored (and rebuilt) when its format, word lists
or dictionary differ from the running program's, or when it cannot be read.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from drafter.atomic import write_bytes
from drafter.match.catalog import Catalog
from drafter.match.engine import Matcher
from drafter.match.index import FieldIndex, Vocabulary
from drafter.match.terms import rules
from drafter.paths import user_cache_dir

if TYPE_CHECKING:
    from drafter.library import Library

FORMAT = 2
"""Bumped whenever the saved layout or the scoring inputs change."""
_FIELDS = ("text", "head", "context")


def index_path(library: Library) -> Path:
    """Where the index of a library is cached (one file per user library folder)."""
    folder = str(Path(library.user_dir).resolve())
    key = hashlib.sha256(folder.encode("utf-8")).hexdigest()[:16]
    return user_cache_dir() / "match" / f"index-{key}.npz"


def dumps(matcher: Matcher) -> bytes:
    """The matcher as the bytes of an .npz file."""
    arrays: dict[str, np.ndarray] = dict(matcher.catalog.to_arrays())
    for name in _FIELDS:
        arrays.update(getattr(matcher, name).to_arrays(name))
    meta = {
        "format": FORMAT,
        "fingerprint": matcher.rules.fingerprint,
        "terms": matcher.vocab.terms,
        "catalog": matcher.catalog.to_meta(),
    }
    arrays["meta"] = np.frombuffer(json.dumps(meta, ensure_ascii=False).encode("utf-8"), np.uint8)
    buffer = io.BytesIO()
    named: dict[str, Any] = arrays
    np.savez(buffer, **named)
    return buffer.getvalue()


def save(matcher: Matcher, path: Path) -> None:
    """Write the index atomically."""
    write_bytes(path, dumps(matcher))


def load(path: Path) -> Matcher | None:
    """The matcher saved at ``path``, or None when absent, unreadable or stale."""
    try:
        with np.load(path, allow_pickle=False) as npz:
            arrays = {name: npz[name] for name in npz.files}
        meta = json.loads(arrays.pop("meta").tobytes().decode("utf-8"))
    except (OSError, ValueError, KeyError, zipfile.BadZipFile, UnicodeDecodeError):
        return None
    term_rules = rules()
    if meta.get("format") != FORMAT or meta.get("fingerprint") != term_rules.fingerprint:
        return None
    vocab = Vocabulary(term_rules, meta["terms"])
    try:
        catalog = Catalog.from_saved(arrays, meta["catalog"])
        text, head, context = (FieldIndex.from_arrays(arrays, n, len(vocab)) for n in _FIELDS)
    except (KeyError, ValueError):
        return None
    return Matcher.from_parts(vocab, catalog, (text, head, context))
