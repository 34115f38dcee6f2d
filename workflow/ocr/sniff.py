"""Recognise the document type from its first bytes (never from the file name alone)."""
from __future__ import annotations

from pathlib import PurePath

from workflow.ocr.errors import UnsupportedFormatError

PDF = "application/pdf"
TIFF = "image/tiff"
PNG = "image/png"
JPEG = "image/jpeg"

_EXTENSIONS = {PDF: {".pdf"}, TIFF: {".tif", ".tiff"}, PNG: {".png"}, JPEG: {".jpg", ".jpeg", ".jpe"}}


def sniff_media_type(data: bytes, filename: str = "") -> str:
    """Return the media type of ``data`` or raise :class:`UnsupportedFormatError` saying what was found."""
    head = data[:1024]
    if not data:
        raise UnsupportedFormatError(f"{filename or 'Dokument'}: die Datei ist leer (0 Bytes).")
    if b"%PDF-" in head:
        return PDF
    if head.startswith((b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+")):
        return TIFF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    suffix = PurePath(filename).suffix.lower() if filename else ""
    raise UnsupportedFormatError(
        f"{filename or 'Dokument'}: kein PDF, TIFF, PNG oder JPEG (erste Bytes {data[:8]!r}"
        + (f", Endung {suffix!r} passt nicht zum Inhalt" if suffix else "")
        + ")."
    )


def extension_mismatch(media_type: str, filename: str) -> str | None:
    """A warning when the file name's extension does not fit the sniffed type, else None."""
    suffix = PurePath(filename).suffix.lower() if filename else ""
    if not suffix or suffix in _EXTENSIONS.get(media_type, set()):
        return None
    return f"Dateiendung {suffix!r} passt nicht zum Inhalt ({media_type}); der Inhalt gilt."
