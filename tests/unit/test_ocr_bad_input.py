"""Bad scans end in typed errors with a reason (dead letter or triage), never in a crash or a hang."""
from __future__ import annotations

import io
import struct
import zlib
from dataclasses import dataclass

import pytest
from PIL import Image
from pypdf import PdfReader, PdfWriter

from connectors.null_ocr import NullOcrEngine
from tests.fixtures.ocr.samples import encode, image_pdf, multipage_tiff, render_page, text_pdf
from workflow.errors import Disposition
from workflow.ocr import (
    BlankDocumentError,
    CorruptDocumentError,
    DecompressionBombError,
    DocumentTooLargeError,
    EncryptedDocumentError,
    LowConfidenceError,
    OcrEngineError,
    OcrLimits,
    OcrTimeoutError,
    ResolutionTooLowError,
    UnsupportedFormatError,
    extract_text,
)


@dataclass(frozen=True)
class _Result:
    text: str
    confidence: float | None


class _FixedEngine:
    def __init__(self, text: str = "Rechnung Nr. 4711 über 12,50 Euro", confidence: float = 90.0) -> None:
        self.result = _Result(text, confidence)
        self.calls = 0

    def recognize(self, image: Image.Image, *, timeout_s: float | None = None) -> _Result:
        self.calls += 1
        return self.result


class _RaisingEngine:
    def __init__(self, error: Exception) -> None:
        self.error = error

    def recognize(self, image: Image.Image, *, timeout_s: float | None = None) -> _Result:
        raise self.error


def _png_with_header_size(width: int, height: int) -> bytes:
    """A tiny valid PNG whose IHDR claims width x height (a classic decompression-bomb header)."""
    png = bytearray(encode(Image.new("L", (8, 8), 255), "PNG"))
    ihdr = struct.pack(">II", width, height) + bytes(png[24:29])
    png[16:29] = ihdr
    png[29:33] = struct.pack(">I", zlib.crc32(b"IHDR" + ihdr))
    return bytes(png)


def test_encrypted_pdf_is_dead_lettered_as_unsafe() -> None:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(text_pdf())))
    writer.encrypt("geheim", algorithm="AES-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    with pytest.raises(EncryptedDocumentError, match="verschlüsselt") as caught:
        extract_text(buffer.getvalue(), "brief.pdf", NullOcrEngine())
    assert caught.value.disposition == Disposition.DEAD_LETTER


def test_truncated_tiff_is_corrupt() -> None:
    data = multipage_tiff([render_page(mode="1"), render_page(mode="1")])
    for cut in (len(data) // 2, 40):
        with pytest.raises(CorruptDocumentError):
            extract_text(data[:cut], "scan.tif", NullOcrEngine())


def test_garbage_pdf_is_corrupt() -> None:
    with pytest.raises(CorruptDocumentError, match="scan.pdf"):
        extract_text(b"%PDF-1.4\n" + bytes(range(256)) * 4, "scan.pdf", NullOcrEngine())


def test_one_dpi_image_is_too_low_resolution() -> None:
    tiny = Image.new("L", (9, 12), 255)
    tiny.info["dpi"] = (1, 1)
    with pytest.raises(ResolutionTooLowError, match="1 dpi"):
        extract_text(encode(tiny, "PNG"), "winzig.png", NullOcrEngine())
    with pytest.raises(ResolutionTooLowError):  # the same page as a PDF: 9 pixels over 9 inches
        extract_text(image_pdf(tiny), "winzig.pdf", NullOcrEngine())


def test_decompression_bomb_header_is_refused_before_decoding() -> None:
    with pytest.raises(DecompressionBombError) as caught:
        extract_text(_png_with_header_size(100_000, 100_000), "bombe.png", NullOcrEngine())
    assert caught.value.disposition == Disposition.DEAD_LETTER
    with pytest.raises(DecompressionBombError, match="Mio"):
        extract_text(encode(render_page(), "PNG"), "gross.png", NullOcrEngine(),
                     limits=OcrLimits(max_pixels_per_page=100_000))


def test_pdf_image_declaring_huge_size_is_refused() -> None:
    pdf = image_pdf(render_page())
    assert b"/Width 1300" in pdf
    bomb = pdf.replace(b"/Width 1300", b"/Width 999999")
    with pytest.raises(DecompressionBombError):
        extract_text(bomb, "bombe.pdf", NullOcrEngine())


def test_size_and_page_limits() -> None:
    data = multipage_tiff([render_page(mode="1")] * 3)
    with pytest.raises(DocumentTooLargeError, match="3 Seiten"):
        extract_text(data, "lang.tif", NullOcrEngine(), limits=OcrLimits(max_pages=2))
    with pytest.raises(DocumentTooLargeError, match="MB"):
        extract_text(data, "lang.tif", NullOcrEngine(), limits=OcrLimits(max_bytes=100))


def test_unsupported_format() -> None:
    with pytest.raises(UnsupportedFormatError):
        extract_text(b"GIF89a" + b"\x00" * 100, "bild.gif", NullOcrEngine())


def test_blank_document_goes_to_triage_with_its_result() -> None:
    blank = Image.new("L", (1700, 2300), 250)
    blank.info["dpi"] = (200, 200)
    engine = _FixedEngine()
    with pytest.raises(BlankDocumentError) as caught:
        extract_text(encode(blank, "PNG"), "leer.png", engine)
    assert caught.value.disposition == Disposition.TRIAGE
    assert engine.calls == 0  # blank pages are not sent to OCR at all
    result = caught.value.result
    assert [p.source for p in result.pages] == ["empty"]
    assert result.rendition_pdf is not None and any("leer" in w for w in result.warnings)


def test_blank_page_inside_a_document_is_only_a_warning() -> None:
    blank = render_page(("",), mode="1")
    result = extract_text(multipage_tiff([render_page(mode="1"), blank]), "brief.tif", _FixedEngine())
    assert [p.source for p in result.pages] == ["ocr", "empty"]
    assert any("Seite 2" in w for w in result.warnings)


def test_low_confidence_goes_to_triage() -> None:
    with pytest.raises(LowConfidenceError, match="Konfidenz 20") as caught:
        extract_text(encode(render_page(), "PNG"), "schlecht.png", _FixedEngine(confidence=20.0))
    assert caught.value.result.pages[0].text.startswith("Rechnung")


def test_engine_timeout_and_crash_are_typed() -> None:
    page = encode(render_page(), "PNG")
    with pytest.raises(OcrTimeoutError, match="Seite 1") as caught:
        extract_text(page, "scan.png", _RaisingEngine(TimeoutError("zu langsam")))
    assert caught.value.disposition == Disposition.TRIAGE
    with pytest.raises(OcrEngineError, match="RuntimeError"):
        extract_text(page, "scan.png", _RaisingEngine(RuntimeError("tesseract kaputt")))
