"""Values exchanged by the OCR stage: page texts, the extraction result, limits and the page work items.

Everything here is a frozen value: cheap to pickle (pages travel to worker processes) and safe to share.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class TextSource(StrEnum):
    """Where the text of a page came from."""

    TEXT_LAYER = "text-layer"  # the PDF page already carried text; no OCR was run
    OCR = "ocr"  # recognised by the OCR engine
    EMPTY = "empty"  # no text: blank page, unreadable image or a page without scan image


@dataclass(frozen=True, slots=True)
class PageText:
    """Plain text of one page (0-based ``index``) with the mean word confidence (0-100, None for text layers)."""

    index: int
    text: str
    confidence: float | None
    source: str  # a TextSource value; kept as str so callers can serialise it without the enum


@dataclass(frozen=True, slots=True)
class ExtractedText:
    """Result of :func:`workflow.ocr.extract_text` for one document."""

    pages: tuple[PageText, ...]
    rendition_pdf: bytes | None  # searchable PDF for the DMS, None when not requested
    media_type: str  # sniffed type of the original, e.g. "application/pdf", "image/tiff"
    warnings: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        """All pages joined with form feeds (the usual page separator of text extractors)."""
        return "\f".join(page.text for page in self.pages)

    @property
    def mean_confidence(self) -> float | None:
        """Mean OCR confidence over OCR pages with text, None when no page was OCRed."""
        values = [p.confidence for p in self.pages if p.source == TextSource.OCR and p.confidence is not None]
        return sum(values) / len(values) if values else None


@dataclass(frozen=True, slots=True)
class OcrLimits:
    """Guards against bad or hostile input. Each limit names the error raised when it is exceeded.

    The defaults suit A4 office mail scanned at 150-600 dpi.
    """

    max_bytes: int = 100 * 1024 * 1024  # TooLargeError above this document size
    max_pages: int = 200  # TooLargeError above this page count
    max_pixels_per_page: int = 80_000_000  # DecompressionBombError above this (A3 at 600 dpi is ~70 MP)
    min_dpi: float = 100.0  # below this a page cannot be read: ResolutionTooLowError
    # Pages finer than max_dpi are scaled to ocr_dpi before OCR (the rendition keeps the scan as it is). Measured on
    # the 96 shared scan pages (half at 300 dpi), in one process, alternating: 200 dpi costs 7 % less CPU per page
    # in all (about 14 % on the 300-dpi pages) and reads better (CER 2.17 % vs 2.40 %); tesseract's line
    # recogniser scales every text line to a fixed height anyway.
    max_dpi: float = 210.0
    ocr_dpi: float = 200.0
    page_timeout_s: float = 60.0  # OCR of one page longer than this: OcrTimeoutError
    min_text_chars: int = 20  # a text layer with fewer visible characters counts as "no text"
    # smaller skew is left to tesseract's own line finding. Measured on the 96 shared scan pages (skew <= 2 deg):
    # CER 13.7 % without our rotation vs 13.8 % with it from 1 deg, at 5 % less CPU; with 2.5-4.5 deg skew our
    # rotation matters (CER 12.5 % vs 17.4 %).
    min_deskew_degrees: float = 2.0
    max_skew_degrees: float = 10.0  # skew is searched within +-this angle
    min_mean_confidence: float = 45.0  # below this the whole document goes to triage (LowConfidenceError)


@dataclass(frozen=True, slots=True)
class Word:
    """One recognised word with its box in pixels of the upright page image (origin top left)."""

    text: str
    x0: int
    y0: int
    x1: int
    y1: int
    line: int  # running number of the text line the word belongs to, for the rendition's spacing


@dataclass(frozen=True, slots=True)
class Recognition:
    """What an OCR engine returns for one page image.

    ``orientation`` is the clockwise rotation (0/90/180/270) the page had in the input image; words are in
    the coordinates of the page after it was turned upright (``upright_size``).
    """

    text: str
    confidence: float | None
    words: tuple[Word, ...] = ()
    orientation: int = 0
    upright_size: tuple[int, int] = (0, 0)
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Placement:
    """Where the scan image sits on its PDF page: the PDF matrix (a b c d e f) that maps the unit square."""

    matrix: tuple[float, float, float, float, float, float]


@dataclass(frozen=True, slots=True)
class PageImage:
    """A page that needs OCR, as compressed image bytes (decoded only in the worker that recognises it).

    ``encoded`` is anything Pillow opens (JPEG, TIFF with one CCITT frame, PNG). ``dpi`` is the effective
    resolution derived from the page geometry or the file header.
    """

    index: int
    encoded: bytes
    width: int
    height: int
    dpi: float
    frame: int = 0  # frame number inside a multi-page TIFF
    placement: Placement | None = None  # set for pages that come from a PDF
    original_format: str = ""  # "JPEG", "TIFF", "PNG" for the rendition's pass-through decision
    invert: bool = False  # the PDF /Decode array inverts the samples


@dataclass(frozen=True, slots=True)
class PagePlan:
    """What to do with one page: use its text layer, OCR its image, or record it as empty (with the reason)."""

    index: int
    text_layer: str | None = None
    image: PageImage | None = None
    note: str | None = None  # why the page is empty or what was odd about it
