"""Edit a .docx the way a reviewer does, in LibreOffice with 修订 (record changes) on.

Tracked edits are made through UNO with the document recording changes, one reviewer name
per edit. Comments are added to LibreOffice's flat ODF of the edited document (inserting a
comment through UNO aborts this headless build), and LibreOffice then writes the .docx, so
the revisions, comment ranges and comments.xml are all LibreOffice's own.

Run with the system Python that has LibreOffice's UNO bridge (Debian: python3-uno):

    /usr/bin/python3 tests/review_lo_edit.py IN.docx OUT.docx EDITS.json PROFILE_DIR

EDITS.json is a list of edits applied in order, each naming its reviewer:
``{"op": "replace", "find": "旧", "text": "新", "author": "张局长"}``; ops are ``replace``,
``insert`` (after ``find``), ``delete``, ``comment`` (on ``find``, with ``text``) and
``paragraph`` (a new paragraph ``text`` after the paragraph holding ``find``), and
``accept_all`` (accept every tracked change, as 接受所有修订 does). LibreOffice
starts headless with its own profile in PROFILE_DIR, so parallel runs do not collide.
"""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
import time
from pathlib import Path
from xml.sax.saxutils import escape

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]
from com.sun.star.connection import NoConnectException  # type: ignore[import-not-found]

PARAGRAPH_BREAK = 0


def prop(name: str, value: object) -> PropertyValue:
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def connect(pipe: str, profile: Path) -> tuple[object, subprocess.Popen]:
    # A fresh profile makes LibreOffice restart once; let that happen before connecting.
    subprocess.run(["soffice", "--headless", "--terminate_after_init",
                    f"-env:UserInstallation={profile.resolve().as_uri()}"],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120, check=False)
    office = subprocess.Popen([
        "soffice", "--headless", "--invisible", "--norestore", "--nologo",
        f"-env:UserInstallation={profile.resolve().as_uri()}",
        f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext",
    ], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(240):
        try:
            ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            return ctx, office
        except NoConnectException:
            time.sleep(0.25)
    office.kill()
    raise SystemExit("LibreOffice did not start")


def set_author(ctx, name: str) -> None:  # type: ignore[no-untyped-def]
    provider = ctx.ServiceManager.createInstanceWithContext(
        "com.sun.star.configuration.ConfigurationProvider", ctx)
    access = provider.createInstanceWithArguments(
        "com.sun.star.configuration.ConfigurationUpdateAccess",
        (prop("nodepath", "/org.openoffice.UserProfile/Data"),))
    access.setPropertyValue("givenname", name)
    access.setPropertyValue("sn", "")
    access.commitChanges()


def find(doc, words: str):  # type: ignore[no-untyped-def]
    search = doc.createSearchDescriptor()
    search.SearchString = words
    found = doc.findFirst(search)
    if found is None:
        raise SystemExit(f"not found: {words}")
    return found


def apply(ctx, doc, edit: dict) -> None:  # type: ignore[no-untyped-def]
    if edit["op"] == "accept_all":
        # What a reviewer does with 接受所有修订.
        doc.RecordChanges = False
        dispatcher = ctx.ServiceManager.createInstanceWithContext(
            "com.sun.star.frame.DispatchHelper", ctx)
        dispatcher.executeDispatch(doc.getCurrentController().getFrame(),
                               ".uno:AcceptAllTrackedChanges", "", 0, ())
        return
    set_author(ctx, edit["author"])
    found = find(doc, edit["find"])
    text = found.getText()
    op = edit["op"]
    if op == "replace":
        found.setString(edit["text"])
    elif op == "delete":
        found.setString("")
    elif op == "insert":
        found.collapseToEnd()
        text.insertString(found, edit["text"], False)
    elif op == "paragraph":
        cursor = text.createTextCursorByRange(found.getEnd())
        cursor.gotoEndOfParagraph(False)
        text.insertControlCharacter(cursor, PARAGRAPH_BREAK, False)
        text.insertString(cursor, edit["text"], False)
    else:
        raise SystemExit(f"unknown op {op}")


def add_comments(flat: Path, comments: list[dict]) -> None:
    """Put ODF annotations around the commented words in a flat ODF file."""
    xml = flat.read_text(encoding="utf-8")
    for n, c in enumerate(comments):
        words = escape(c["find"])
        at = xml.find(words, xml.find("<office:body>"))
        if at < 0:
            raise SystemExit(f"comment target not found: {c['find']}")
        name = f"__Annotation__{n}"
        note = (f'<office:annotation office:name="{name}"><dc:creator>{escape(c["author"])}'
                f'</dc:creator><dc:date>{c.get("date", "2024-03-05T10:00:00")}</dc:date>'
                f'<text:p>{escape(c["text"])}</text:p></office:annotation>')
        end = f'<office:annotation-end office:name="{name}"/>'
        xml = xml[:at] + note + words + end + xml[at + len(words):]
    flat.write_text(xml, encoding="utf-8")


def convert(flat: Path, out: Path, profile: Path) -> None:
    """LibreOffice writes the .docx from the flat ODF."""
    outdir = flat.parent / "docx"
    subprocess.run(["soffice", "--headless", "--norestore",
                    f"-env:UserInstallation={profile.resolve().as_uri()}",
                    "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(outdir), str(flat)],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=180, check=True)
    (outdir / (flat.stem + ".docx")).replace(out)


def main() -> None:
    src, out, edits_file, profile = (Path(a) for a in sys.argv[1:5])
    edits = json.loads(edits_file.read_text(encoding="utf-8"))
    comments = [e for e in edits if e["op"] == "comment"]
    flat = out.with_suffix(".fodt")
    pipe = f"drafter_review_{abs(hash(str(out))) % 10**8}"
    ctx, office = connect(pipe, profile)
    try:
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        doc = desktop.loadComponentFromURL(src.resolve().as_uri(), "_blank", 0,
                                           (prop("Hidden", True),))
        doc.RecordChanges = True
        for edit in edits:
            if edit["op"] != "comment":
                apply(ctx, doc, edit)
        doc.storeToURL(flat.resolve().as_uri(), (prop("FilterName", "OpenDocument Text Flat XML"),))
        doc.close(True)
        # The bridge drops as LibreOffice quits: any error here is that.
        with contextlib.suppress(Exception):
            desktop.terminate()
    finally:
        try:
            office.wait(timeout=30)
        except subprocess.TimeoutExpired:
            office.kill()
    add_comments(flat, comments)
    convert(flat, out, profile)


if __name__ == "__main__":
    main()
