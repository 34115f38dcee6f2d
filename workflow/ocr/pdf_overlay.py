"""Put invisible OCR text onto the scan pages of an existing PDF; every other byte of content stays as it was.

The text goes into a content stream of its own that is appended to the page (the page's own streams are wrapped
in ``q``/``Q`` so nothing they leave behind moves the text). Nothing of the original is parsed or rewritten,
which keeps this cheap on large scans.
"""
from __future__ import annotations

import io
from collections.abc import Mapping

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    PdfObject,
)

from workflow.ocr.geometry import page_rotation
from workflow.ocr.rendition import FONT_NAME, TextLayer, font_carrier_pdf, text_content


def overlay_pdf(original: bytes, layers: Mapping[int, TextLayer]) -> bytes:
    """The original PDF with ``layers`` (page index -> text layer) drawn invisibly onto those pages.

    Pages whose scan was turned upright get a /Rotate so viewers show them the right way up.
    """
    if not layers:
        return original
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(original), strict=False))
    font_ref = writer._add_object(_font(writer))  # one font object shared by every page
    for index in sorted(layers):
        page = writer.pages[index]
        fonts = _resources_font(page)
        name = _unused_name(fonts)
        fonts[NameObject(f"/{name}")] = font_ref
        text = DecodedStreamObject()
        text.set_data(b"Q\n" + text_content(layers[index], font_resource=name))
        text = text.flate_encode()
        opening = DecodedStreamObject()
        opening.set_data(b"q\n")
        contents = page.get("/Contents")
        streams = list(contents) if isinstance(contents, ArrayObject) else ([contents] if contents is not None else [])
        page[NameObject("/Contents")] = ArrayObject(
            [writer._add_object(opening), *streams, writer._add_object(text)])
        if layers[index].orientation:
            page[NameObject("/Rotate")] = NumberObject(page_rotation(layers[index].orientation))
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _font(writer: PdfWriter) -> PdfObject:
    """Our invisible Unicode font, copied from its carrier document into ``writer``."""
    carrier = PdfReader(io.BytesIO(font_carrier_pdf()))
    font = carrier.pages[0]["/Resources"]["/Font"][f"/{FONT_NAME}"].get_object()
    return font.clone(writer)


def _resources_font(page: DictionaryObject) -> DictionaryObject:
    """The page's /Resources /Font dictionary, created when missing (a direct copy when it was shared)."""
    resources = page.get("/Resources")
    resources = DictionaryObject() if resources is None else DictionaryObject(resources.get_object())
    fonts = resources.get("/Font")
    fonts = DictionaryObject() if fonts is None else DictionaryObject(fonts.get_object())
    resources[NameObject("/Font")] = fonts
    page[NameObject("/Resources")] = resources
    return fonts


def _unused_name(fonts: DictionaryObject) -> str:
    """A font resource name the page does not use yet."""
    name, n = FONT_NAME, 1
    while f"/{name}" in fonts:
        name, n = f"{FONT_NAME}{n}", n + 1
    return name
