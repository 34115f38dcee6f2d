"""Put invisible OCR text onto the scan pages of an existing PDF; every other byte of content stays as it was."""
from __future__ import annotations

import io
from collections.abc import Mapping

from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject, NumberObject

from workflow.ocr.geometry import page_rotation
from workflow.ocr.rendition import TextLayer, build_text_overlay


def overlay_pdf(original: bytes, layers: Mapping[int, TextLayer]) -> bytes:
    """The original PDF with ``layers`` (page index -> text layer) merged onto those pages.

    Pages whose scan was turned upright get a /Rotate so viewers show them the right way up.
    """
    if not layers:
        return original
    reader = PdfReader(io.BytesIO(original), strict=False)
    indices = sorted(layers)
    boxes = []
    for index in indices:
        box = reader.pages[index].mediabox
        boxes.append(((float(box.left), float(box.bottom), float(box.right), float(box.top)), layers[index]))
    overlay = PdfReader(io.BytesIO(build_text_overlay(boxes)))
    writer = PdfWriter(clone_from=reader)
    for position, index in enumerate(indices):
        page = writer.pages[index]
        page.merge_page(overlay.pages[position], over=True)
        if layers[index].orientation:
            page[NameObject("/Rotate")] = NumberObject(page_rotation(layers[index].orientation))
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
