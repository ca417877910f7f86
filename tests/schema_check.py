"""Schema validation of exported packages.

No package on PyPI or Debian ships the ISO/IEC 29500 transitional XSDs, so the check uses
openxml-audit (from PyPI, installed by ``make test``): a port of the Open XML SDK's validator,
whose schema data is derived from ISO/IEC 29500 transitional plus Office's extensions. It
validates every part of the package (document, styles, settings, footers, font table,
numbering, core and app properties, content types, relationships), markup compatibility
resolved as Word 2019 resolves it. Its data treats a few attributes as optional that the
standard's XSD requires; ``REQUIRED_ATTRIBUTES`` checks those drafter writes.
"""

from __future__ import annotations

import io
import zipfile
from functools import cache
from pathlib import Path

from lxml import etree
from openxml_audit import OpenXmlValidator

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

#: (part, element, attribute) that ISO/IEC 29500-1 declares use="required".
REQUIRED_ATTRIBUTES = (
    ("word/settings.xml", f"{{{W}}}zoom", f"{{{W}}}percent"),
    ("word/settings.xml", f"{{{W}}}compatSetting", f"{{{W}}}val"),
    ("word/document.xml", f"{{{W}}}pgSz", f"{{{W}}}w"),
    ("word/document.xml", f"{{{W}}}footerReference", f"{{{W}}}type"),
)


@cache
def _validator() -> OpenXmlValidator:
    return OpenXmlValidator()


def schema_errors(data: bytes, name: str = "document.docx") -> list[str]:
    """Every schema and semantic error in a .docx given as bytes (empty when valid)."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        parts = {n: package.read(n) for n in package.namelist()}
    errors = []
    for part, element, attribute in REQUIRED_ATTRIBUTES:
        if part not in parts:
            continue
        root = etree.fromstring(parts[part])
        for el in root.iter(element):
            if el.get(attribute) is None:
                errors.append(f"{part}: {etree.QName(element).localname} lacks "
                              f"{etree.QName(attribute).localname}")  # fmt: skip
    import tempfile

    with tempfile.TemporaryDirectory(prefix="drafter-schema-") as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        result = _validator().validate(path)
    errors += [str(e) for e in result.errors]
    return errors
