"""The matcher's index on disk: one ``.npz`` per library folder in the user cache.

The file is an uncompressed .npz, so each array is a plain ``.npy`` stored inside the zip:
:func:`load` memory-maps them where they lie instead of reading (or unpickling) them, and a
million-item index opens in a fraction of a second; pages are read as queries touch them.
The file is a cache: written atomically, ignored (and rebuilt) when its format, word lists or
dictionary differ from the running program's, or when it cannot be read.
"""

from __future__ import annotations

import hashlib
import io
import json
import mmap
import struct
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

import numpy as np

from drafter.atomic import write_bytes
from drafter.match.catalog import Catalog
from drafter.match.engine import Matcher
from drafter.match.index import FieldIndex, Vocabulary
from drafter.match.terms import rules
from drafter.paths import user_cache_dir

if TYPE_CHECKING:
    from drafter.library import Library

FORMAT = 4
"""Bumped whenever the saved layout or the scoring inputs change."""
_FIELDS = ("text", "head", "title", "context")
_LOCAL_HEADER = struct.Struct("<IHHHHHIIIHH")
"""A zip member's local header (its name and extra field follow it)."""
_SCATTERED = frozenset({"blob", "fterms", "ftfs"})
"""Arrays read a few entries at a time, here and there (the hits' texts, the term lists of
the rows scored exactly): the system is told not to read ahead around them, which would fill
memory with pages no query asked for."""
_READ_BELOW = 16 << 20
"""Arrays up to this size (and every per-row column) are read into memory when the index
opens: every query touches them, and a page the system let go of costs a disk read."""
_PER_ROW = ("form_of", "item_plan", "item_section", "item_no", "head_len", "offsets", "ids")


def index_path(library: Library) -> Path:
    """Where the index of a library is cached (one file per user library folder)."""
    folder = str(Path(library.user_dir).resolve())
    key = hashlib.sha256(folder.encode("utf-8")).hexdigest()[:16]
    return user_cache_dir() / "match" / f"index-{key}.npz"


def dumps(matcher: Matcher) -> bytes:
    """The matcher as the bytes of an uncompressed .npz file."""
    arrays: dict[str, np.ndarray] = dict(matcher.catalog.to_arrays())
    factors = matcher.factors()
    for name in _FIELDS:
        field: FieldIndex = getattr(matcher, name)
        arrays.update(field.to_arrays(name))
        arrays[f"{name}.norms"] = field.norms(factors)  # would read every posting on load
    meta = {
        "format": FORMAT,
        "fingerprint": matcher.rules.fingerprint,
        "grams": [matcher.text_grams, matcher.short_grams],
        "common": matcher.weights.common,
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


def _mapped(raw: BinaryIO) -> dict[str, np.ndarray]:
    """Every array of an uncompressed .npz (opened as ``raw``): the big ones memory-mapped
    read-only, the rest read (see :data:`_READ_BELOW`)."""
    out: dict[str, np.ndarray] = {}
    with zipfile.ZipFile(raw) as archive:
        for info in archive.infolist():
            if info.compress_type != zipfile.ZIP_STORED or not info.filename.endswith(".npy"):
                raise ValueError(f"{info.filename} is not a stored .npy")
            raw.seek(info.header_offset)
            header = _LOCAL_HEADER.unpack(raw.read(_LOCAL_HEADER.size))
            raw.seek(info.header_offset + _LOCAL_HEADER.size + header[9] + header[10])
            version = np.lib.format.read_magic(raw)
            read_header = (np.lib.format.read_array_header_1_0 if version == (1, 0)
                           else np.lib.format.read_array_header_2_0)
            shape, fortran, dtype = read_header(raw)
            if fortran or dtype.hasobject:
                raise ValueError(f"{info.filename} cannot be mapped")
            offset = raw.tell()
            count = int(np.prod(shape))
            name = info.filename[: -len(".npy")]
            per_row = name.rsplit(".", 1)[-1] in _PER_ROW
            if per_row or count * dtype.itemsize <= _READ_BELOW:
                out[name] = np.fromfile(raw, dtype=dtype, count=count).reshape(shape)
            else:
                mapped = np.memmap(raw, dtype=dtype, mode="r", offset=offset, shape=shape)
                if name.rsplit(".", 1)[-1] in _SCATTERED and hasattr(mmap, "MADV_RANDOM"):
                    mapped._mmap.madvise(mmap.MADV_RANDOM)  # type: ignore[attr-defined]
                out[name] = mapped.view(np.ndarray)  # plain indexing (memmap's is slow)
    return out


def load(path: Path) -> Matcher | None:
    """The matcher saved at ``path``, or None when absent, unreadable or stale."""
    try:
        raw = open(path, "rb")  # noqa: SIM115 (kept open: the texts may be read from it later)
    except OSError:
        return None
    try:
        arrays = _mapped(raw)
        meta = json.loads(np.asarray(arrays.pop("meta")).tobytes().decode("utf-8"))
        matcher = _matcher(arrays, meta)
    except (OSError, ValueError, KeyError, zipfile.BadZipFile, UnicodeDecodeError):
        matcher = None
    blob = getattr(matcher.catalog.blob, "base", None) if matcher is not None else None
    if matcher is not None and isinstance(blob, np.memmap):
        matcher.catalog.texts_file = (raw, int(blob.offset))
    else:
        raw.close()
    return matcher


def _matcher(arrays: dict[str, np.ndarray], meta: dict[str, Any]) -> Matcher | None:
    """The matcher of a loaded index file, or None when it was saved by another version."""
    term_rules = rules()
    if meta.get("format") != FORMAT or meta.get("fingerprint") != term_rules.fingerprint:
        return None
    try:
        vocab = Vocabulary(term_rules, meta["terms"])
        catalog = Catalog.from_saved(arrays, meta["catalog"])
        fields = [FieldIndex.from_arrays(arrays, n, len(vocab)) for n in _FIELDS]
        if len({len(catalog), fields[0].rows, fields[1].rows}) != 1:
            raise ValueError("fields and catalogue differ in length")
        text_grams, short_grams = meta["grams"]
    except (KeyError, ValueError, TypeError):
        return None
    matcher = Matcher.from_parts(
        vocab, catalog, fields, text_grams=bool(text_grams), short_grams=bool(short_grams)
    )
    if meta.get("common") == matcher.weights.common:
        for name, field in zip(_FIELDS, fields, strict=True):
            norms = arrays.get(f"{name}.norms")
            if norms is not None and len(norms) == field.forms:
                field.forget(norms)
    return matcher
