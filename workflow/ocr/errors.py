"""Typed errors of the OCR stage. Each says what is wrong with the scan and what a person can do about it."""
from __future__ import annotations

from typing import TYPE_CHECKING

from workflow.errors import BadInputError, NeedsTriageError, TooLargeError, UnsafeInputError

if TYPE_CHECKING:
    from workflow.ocr.model import ExtractedText


class UnsupportedFormatError(BadInputError):
    """The bytes are neither PDF, TIFF, PNG nor JPEG."""

    fix = "Als PDF, TIFF, PNG oder JPEG einliefern."


class CorruptDocumentError(BadInputError):
    """The file claims a known format but cannot be decoded (truncated, damaged)."""

    fix = "Original erneut scannen oder beim Absender eine unbeschädigte Datei anfordern."


class EncryptedDocumentError(UnsafeInputError):
    """The PDF is encrypted; we do not try passwords."""

    fix = "Beim Absender eine unverschlüsselte Fassung anfordern."


class DecompressionBombError(UnsafeInputError):
    """An image would decode to far more pixels than any real scan (a decompression bomb or a broken header)."""

    fix = "Nicht öffnen; beim Absender eine normale Scan-Datei anfordern (A4, 200-600 dpi)."


class DocumentTooLargeError(TooLargeError):
    """Too many bytes or pages for one document."""


class ResolutionTooLowError(BadInputError):
    """The scan resolution is too low for text recognition (e.g. a thumbnail or a 1-dpi image)."""

    fix = "Mit mindestens 200 dpi neu scannen."


class OcrTimeoutError(NeedsTriageError):
    """Recognising one page took longer than the configured limit (OcrLimits.page_timeout_s)."""

    fix = "Seite in der Klärungs-Queue ansehen; ggf. mit besserer Qualität neu scannen oder das Limit erhöhen."


class OcrEngineError(NeedsTriageError):
    """The OCR engine failed on a page (crashed worker, engine error)."""

    fix = "Seite in der Klärungs-Queue ansehen; bei Häufung den OCR-Dienst prüfen (tessdata, Speicher)."


class UnreadableDocumentError(NeedsTriageError):
    """Extraction worked but the result is not usable without a person: carries the partial result.

    ``result`` holds what was extracted (pages, rendition, warnings) so triage can show it.
    """

    def __init__(self, reason: str, result: ExtractedText, *, fix: str | None = None) -> None:
        super().__init__(reason, fix=fix)
        self.result = result


class BlankDocumentError(UnreadableDocumentError):
    """No page carries any text: blank pages, or only images without writing."""

    fix = "Prüfen, ob Vorder- und Rückseite vertauscht oder leere Blätter gescannt wurden; ggf. neu scannen."


class LowConfidenceError(UnreadableDocumentError):
    """The OCR confidence is too low to route the document automatically."""

    fix = "In der Klärungs-Queue lesen und zuordnen; bei schlechter Vorlage mit 300 dpi neu scannen."
