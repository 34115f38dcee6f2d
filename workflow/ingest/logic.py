"""Intake as pure functions: what is this file, may we take it, what is its id."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

from workflow.errors import BadInputError, TooLargeError

PDF = "application/pdf"
TIFF = "image/tiff"
PNG = "image/png"
JPEG = "image/jpeg"
XML = "application/xml"
ZIP = "application/zip"
EML = "message/rfc822"

SUPPORTED = (PDF, TIFF, PNG, JPEG, XML)


@dataclass(frozen=True, slots=True)
class Admission:
    document_id: str
    media_type: str
    size: int
    reason: str


def document_id(data: bytes) -> str:
    """The content hash is the document id: the same bytes are the same document, whatever the channel."""
    return hashlib.sha256(data).hexdigest()


def sniff(head: bytes, filename: str = "") -> str | None:
    """Media type from the first bytes (magic numbers), not from the file name. None = unknown."""
    h = head.lstrip(b"\xef\xbb\xbf")
    if h.startswith(b"%PDF-"):
        return PDF
    if h[:4] in (b"II*\x00", b"MM\x00*"):
        return TIFF
    if h.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if h.startswith(b"\xff\xd8\xff"):
        return JPEG
    if h.startswith(b"PK\x03\x04"):
        return ZIP
    stripped = h.lstrip(b" \t\r\n")
    if stripped.startswith(b"<?xml") or stripped.startswith(b"<"):
        return XML
    if stripped[:2] in (b"\xff\xfe", b"\xfe\xff") and b"<\x00" in stripped[:16] + stripped[:16].replace(b"\x00", b""):
        return XML
    if filename.lower().endswith(".eml") or h.startswith((b"Received:", b"From:", b"Return-Path:", b"MIME-Version:")):
        return EML
    return None


def admit(data: bytes, filename: str, *, max_bytes: int) -> Admission:
    """Decide whether intake takes the document. Raises BadInputError/TooLargeError with the reason."""
    size = len(data)
    if size == 0:
        raise BadInputError(f"{filename}: leere Datei (0 Bytes)",
                            fix="Scan bzw. Versand wiederholen; die Datei enthält nichts.")
    if size > max_bytes:
        raise TooLargeError(f"{filename}: {size / 1_048_576:.1f} MB überschreitet die Grenze von "
                            f"{max_bytes / 1_048_576:.0f} MB")
    media = sniff(data[:64], filename)
    if media is None:
        raise BadInputError(f"{filename}: unbekanntes Dateiformat (weder PDF, TIFF, PNG, JPEG noch XML)",
                            fix="Als PDF, TIFF, PNG/JPEG oder XRechnung-XML einliefern.")
    if media not in SUPPORTED:
        raise BadInputError(f"{filename}: Format {media} wird an dieser Stelle noch nicht verarbeitet",
                            fix="ZIP (beBPo) und E-Mail über den jeweiligen Connector einliefern.")
    return Admission(document_id(data), media, size, f"{media}, {size} Bytes angenommen")
