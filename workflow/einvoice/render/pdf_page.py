"""A minimal one-page text PDF (A4, Helvetica, WinAnsi) drawn with pypdf only: the visual part of hybrids.

Not a layout engine: lines are written top to bottom, long lines are cut, more lines than fit are dropped
with a closing "…" line. Characters outside Windows-1252 are replaced by "?".
"""

from __future__ import annotations

from collections.abc import Sequence
from io import BytesIO

from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject, TextStringObject

_A4 = (595.0, 842.0)
_MARGIN = 56.0
_LEADING = 14.0
_MAX_CHARS = 95


def text_pdf(lines: Sequence[str], *, title: str, heading: str | None = None) -> bytes:
    """Render ``heading`` (bold, larger) and ``lines`` on one A4 page and return the PDF bytes."""
    width, height = _A4
    ops: list[str] = ["BT"]
    y = height - _MARGIN
    if heading:
        ops.append(f"/F2 15 Tf 1 0 0 1 {_MARGIN:.0f} {y:.0f} Tm ({_escape(heading)}) Tj")
        y -= 2 * _LEADING
    capacity = int((y - _MARGIN) // _LEADING)
    shown = list(lines[:capacity])
    if len(lines) > capacity:
        shown[-1] = "…"
    for line in shown:
        cut = line if len(line) <= _MAX_CHARS else line[: _MAX_CHARS - 1] + "…"
        ops.append(f"/F1 10 Tf 1 0 0 1 {_MARGIN:.0f} {y:.0f} Tm ({_escape(cut)}) Tj")
        y -= _LEADING
    ops.append("ET")

    writer = PdfWriter()
    page = writer.add_blank_page(width=width, height=height)
    stream = DecodedStreamObject()
    stream.set_data("\n".join(ops).encode("cp1252", errors="replace"))
    page[NameObject("/Contents")] = writer._add_object(stream)
    fonts = DictionaryObject(
        {NameObject("/F1"): _font(writer, "/Helvetica"), NameObject("/F2"): _font(writer, "/Helvetica-Bold")}
    )
    page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): fonts})
    writer.add_metadata({"/Title": title, "/Producer": "Aktenfluss"})
    writer._root_object[NameObject("/Lang")] = TextStringObject("de-DE")
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def _font(writer: PdfWriter, base: str) -> object:
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject(base),
            NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
        }
    )
    return writer._add_object(font)


def _escape(text: str) -> str:
    """Escape a string for a PDF literal; keep it encodable in cp1252 (the content stream encoding)."""
    safe = text.encode("cp1252", errors="replace").decode("cp1252")
    return (
        safe.replace("\\", "\\\\")
        .replace("(", "\\(")
        .replace(")", "\\)")
        .replace("\r", " ")
        .replace("\n", " ")
    )
