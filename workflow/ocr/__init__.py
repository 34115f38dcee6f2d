"""OCR and page handling for scanned mail: text per page (text layer or OCR) plus a searchable PDF rendition.

Public API (wired into the pipeline by the extract stage):

* :func:`extract_text` - pure orchestration with a given :class:`OcrEngine` (inline, one page after another).
* :class:`OcrPool` - worker processes with one tesseract API each; ``await pool.extract(data, filename)``.
* Values :class:`PageText`, :class:`ExtractedText`, :class:`OcrLimits`; errors in :mod:`workflow.ocr.errors`.
"""
from __future__ import annotations

from workflow.ocr.engine import OcrEngine
from workflow.ocr.errors import (
    BlankDocumentError,
    CorruptDocumentError,
    DecompressionBombError,
    DocumentTooLargeError,
    EncryptedDocumentError,
    LowConfidenceError,
    OcrEngineError,
    OcrTimeoutError,
    ResolutionTooLowError,
    UnreadableDocumentError,
    UnsupportedFormatError,
)
from workflow.ocr.extract import extract_text
from workflow.ocr.model import ExtractedText, OcrLimits, PageText, TextSource
from workflow.ocr.pool import OcrPool

__all__ = [
    "BlankDocumentError",
    "CorruptDocumentError",
    "DecompressionBombError",
    "DocumentTooLargeError",
    "EncryptedDocumentError",
    "ExtractedText",
    "LowConfidenceError",
    "OcrEngine",
    "OcrEngineError",
    "OcrLimits",
    "OcrPool",
    "OcrTimeoutError",
    "PageText",
    "ResolutionTooLowError",
    "TextSource",
    "UnreadableDocumentError",
    "UnsupportedFormatError",
    "extract_text",
]
