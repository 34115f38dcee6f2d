from __future__ import annotations

import pytest

from workflow.ocr.errors import UnsupportedFormatError
from workflow.ocr.quality import line_cer, substring_distance
from workflow.ocr.sniff import JPEG, PDF, PNG, TIFF, extension_mismatch, sniff_media_type


@pytest.mark.parametrize(
    ("head", "expected"),
    [(b"%PDF-1.7\n", PDF), (b"II*\x00rest", TIFF), (b"MM\x00*rest", TIFF), (b"\x89PNG\r\n\x1a\nxx", PNG),
     (b"\xff\xd8\xff\xe0xx", JPEG)],
)
def test_sniff_by_content(head: bytes, expected: str) -> None:
    assert sniff_media_type(head + b"\x00" * 20, "whatever.bin") == expected


def test_sniff_rejects_empty_and_unknown_with_reason() -> None:
    with pytest.raises(UnsupportedFormatError, match="leer"):
        sniff_media_type(b"", "scan.pdf")
    with pytest.raises(UnsupportedFormatError, match="Endung '.pdf'"):
        sniff_media_type(b"PK\x03\x04 zip file", "scan.pdf")


def test_extension_mismatch_is_a_warning_not_an_error() -> None:
    assert extension_mismatch(PDF, "scan.pdf") is None
    assert extension_mismatch(TIFF, "scan.TIFF") is None
    warning = extension_mismatch(PDF, "scan.tif")
    assert warning is not None and ".tif" in warning


def test_substring_distance_allows_extra_text_around_the_match() -> None:
    assert substring_distance("Birkenhagen", "Stadt Birkenhagen Günter Stein") == 0
    assert substring_distance("Birkenhagen", "Stadt Birkenhaqen") == 1
    assert substring_distance("abc", "") == 3


def test_line_cer_ignores_reading_order_but_counts_characters() -> None:
    truth = "Rechnung Nr. 4711\nStadt Birkenhagen\nGesamt 12,50 €"
    shuffled = "Gesamt 12,50 €\nStadt Birkenhagen Datum 01.02.2025\nRechnung Nr. 4711"
    assert line_cer(truth, shuffled).errors == 0
    damaged = line_cer(truth, "Rechnunq Nr. 4711\nStadt Birkenhagen\nGesamt 12,5O €")
    assert (damaged.errors, damaged.characters) == (2, 17 + 17 + 14)
    missing = line_cer(truth, "Rechnung Nr. 4711")
    assert missing.errors >= len("Stadt Birkenhagen") // 2
    assert line_cer(truth, "").cer == 1.0
