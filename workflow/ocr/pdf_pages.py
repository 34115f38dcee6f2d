"""Split a PDF into page plans: pages with a text layer keep it, scan pages hand their image to OCR.

Pure: bytes in, :class:`PagePlan` values out. Images are not decoded here; JPEG and CCITT streams are passed on
as they are (the worker decodes them), so the parent process stays cheap.
"""
from __future__ import annotations

import io
import logging
import math

from pypdf import PageObject, PdfReader
from pypdf.generic import ContentStream, StreamObject

from workflow.ocr.errors import (
    CorruptDocumentError,
    DecompressionBombError,
    DocumentTooLargeError,
    EncryptedDocumentError,
)
from workflow.ocr.geometry import IDENTITY, Matrix, multiply
from workflow.ocr.imaging import check_page_size
from workflow.ocr.model import OcrLimits, PageImage, PagePlan, Placement

log = logging.getLogger(__name__)



def open_pdf(data: bytes, filename: str, limits: OcrLimits) -> PdfReader:
    """Open ``data`` with pypdf; raise typed errors for encrypted, damaged or oversized PDFs."""
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        encrypted = reader.is_encrypted
        n_pages = 0 if encrypted else len(reader.pages)
    except Exception as exc:  # pypdf raises many types for damaged files; all mean the same here
        raise CorruptDocumentError(f"{filename}: PDF lässt sich nicht lesen ({type(exc).__name__}: {exc}).") from exc
    if encrypted:
        raise EncryptedDocumentError(f"{filename}: das PDF ist verschlüsselt; Text und Bild sind nicht zugänglich.")
    if n_pages == 0:
        raise CorruptDocumentError(f"{filename}: das PDF enthält keine Seiten.")
    if n_pages > limits.max_pages:
        raise DocumentTooLargeError(f"{filename}: {n_pages} Seiten, erlaubt sind höchstens {limits.max_pages}.")
    return reader


def plan_pdf_pages(data: bytes, filename: str, limits: OcrLimits) -> list[PagePlan]:
    """One plan per page: its text layer if it has one, otherwise its largest scan image for OCR."""
    reader = open_pdf(data, filename, limits)
    plans = []
    for index, page in enumerate(reader.pages):
        try:
            plans.append(_plan_page(index, page, reader, filename, limits))
        except (DecompressionBombError, DocumentTooLargeError, CorruptDocumentError):
            raise
        except Exception as exc:
            raise CorruptDocumentError(
                f"{filename}: Seite {index + 1} ist beschädigt ({type(exc).__name__}: {exc})."
            ) from exc
    return plans


def _plan_page(index: int, page: PageObject, reader: PdfReader, filename: str, limits: OcrLimits) -> PagePlan:
    text = page.extract_text() or ""
    if sum(1 for ch in text if not ch.isspace()) >= limits.min_text_chars:
        return PagePlan(index=index, text_layer=text)
    drawn = _drawn_images(page, reader)
    if not drawn:
        return PagePlan(index=index, note=f"Seite {index + 1}: weder Textebene noch Scanbild gefunden.")
    name, matrix, xobject = max(drawn, key=lambda item: _pixels(item[2]))
    width, height = int(xobject.get("/Width", 0)), int(xobject.get("/Height", 0))
    check_page_size(width, height, f"{filename}: Seite {index + 1}", limits)
    encoded, fmt = _encoded_image(page, name, xobject)
    dpi = _effective_dpi(width, height, matrix)
    decode = xobject.get("/Decode")
    invert = decode is not None and bool(decode) and float(decode[0]) == 1.0 and fmt != "TIFF"  # pypdf applies /BlackIs1 for CCITT
    note = f"Seite {index + 1}: {len(drawn)} Bilder, nur das größte wird erkannt." if len(drawn) > 1 else None
    image = PageImage(
        index=index, encoded=encoded, width=width, height=height, dpi=dpi,
        placement=Placement(matrix=matrix), original_format=fmt, invert=invert,
    )
    return PagePlan(index=index, image=image, note=note)


def _pixels(xobject: dict) -> int:
    return int(xobject.get("/Width", 0)) * int(xobject.get("/Height", 0))


def _drawn_images(page: PageObject, reader: PdfReader) -> list[tuple[str, Matrix, dict]]:
    """Image XObjects painted directly by the page content, with the matrix in force when painted."""
    resources = page.get("/Resources")
    xobjects = resources.get_object().get("/XObject") if resources else None
    contents = page.get_contents()
    if not xobjects or contents is None:
        return []
    xobjects = xobjects.get_object()
    ctm, saved = IDENTITY, []
    found: list[tuple[str, Matrix, dict]] = []
    for operands, operator in ContentStream(contents, reader).operations:
        if operator == b"q":
            saved.append(ctm)
        elif operator == b"Q":
            ctm = saved.pop() if saved else IDENTITY
        elif operator == b"cm" and len(operands) == 6:
            ctm = multiply(tuple(float(v) for v in operands), ctm)  # type: ignore[arg-type]
        elif operator == b"Do" and operands:
            name = str(operands[0])
            xobject = xobjects.get(name)
            xobject = xobject.get_object() if xobject is not None else None
            if xobject is not None and xobject.get("/Subtype") == "/Image":
                found.append((name, ctm, xobject))
    return found


def _effective_dpi(width: int, height: int, matrix: Matrix) -> float:
    """Pixels per inch of the image as placed on the page (the smaller of both axes)."""
    a, b, c, d, _, _ = matrix
    width_pt, height_pt = math.hypot(a, b), math.hypot(c, d)
    if width_pt <= 0 or height_pt <= 0:
        return 0.0
    return min(width * 72.0 / width_pt, height * 72.0 / height_pt)


def _encoded_image(page: PageObject, name: str, xobject: StreamObject) -> tuple[bytes, str]:
    """Bytes Pillow can open: the JPEG stream or pypdf's TIFF wrapper of a CCITT stream as they are, else PNG."""
    filters = xobject.get("/Filter")
    filters = [str(f) for f in filters] if isinstance(filters, list) else ([str(filters)] if filters else [])
    if filters == ["/DCTDecode"]:
        return xobject.get_data(), "JPEG"  # DCT is not decoded by pypdf: this is the JPEG file
    if filters == ["/CCITTFaxDecode"]:
        return xobject.get_data(), "TIFF"  # pypdf wraps the G4/G3 stream in a TIFF header
    image_file = page.images[name]  # other filters: pypdf decodes and re-encodes losslessly
    return image_file.data, (image_file.image.format or "PNG") if image_file.image else "PNG"
