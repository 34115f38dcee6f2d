"""OCR engine on tesserocr (libtesseract in-process). One tesseract API per thread, created on first use.

Implements the ``workflow.ocr.OcrEngine`` port structurally (no import of the workflow package).

Speed notes (measured, see bench/ocr_bench.py): images are handed over as raw 8-bit gray bytes
(``SetImageBytes``), which avoids the PNG round trip of ``SetImage``; orientation detection (OSD) runs only
when the first pass looks wrong (low confidence), so upright pages are recognised once.
"""
from __future__ import annotations

import logging
import os
import threading
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from workflow.ocr.engine import UPRIGHT

log = logging.getLogger(__name__)

DEBIAN_TESSDATA = Path("/usr/share/tesseract-ocr/5/tessdata")
DEFAULT_DPI = 300


@dataclass(frozen=True, slots=True)
class TesseractWord:
    """A word with its box in pixels of the upright page (origin top left) and its text line number."""

    text: str
    x0: int
    y0: int
    x1: int
    y1: int
    line: int


@dataclass(frozen=True, slots=True)
class TesseractResult:
    """Recognition of one page; ``orientation`` is the clockwise rotation the page had in the input."""

    text: str
    confidence: float | None
    words: tuple[TesseractWord, ...]
    orientation: int
    upright_size: tuple[int, int]
    notes: tuple[str, ...] = ()


def find_tessdata(tessdata: str | os.PathLike[str] | None, languages: str) -> Path:
    """The tessdata folder holding every requested language (and osd); raise FileNotFoundError saying what to do."""
    candidates = [Path(tessdata)] if tessdata else []
    if not tessdata and os.environ.get("TESSDATA_PREFIX"):
        candidates.append(Path(os.environ["TESSDATA_PREFIX"]))
    if not tessdata:
        candidates.append(DEBIAN_TESSDATA)
    needed = [lang for lang in languages.split("+") if lang]
    for folder in candidates:
        if all((folder / f"{lang}.traineddata").is_file() for lang in needed):
            return folder
    raise FileNotFoundError(
        f"tessdata für {languages!r} nicht gefunden (gesucht in {', '.join(map(str, candidates))}); "
        "Debian-Paket tesseract-ocr-deu installieren oder TESSDATA_PREFIX auf den tessdata-Ordner setzen."
    )


class TesseractOcrEngine:
    """German (plus configured languages) OCR with orientation correction for one page image at a time.

    Args:
        languages: tesseract language string, e.g. ``"deu"`` or ``"deu+eng"``.
        tessdata: folder with ``*.traineddata``; default ``$TESSDATA_PREFIX`` or Debian's folder.
        osd_below_confidence: run orientation detection when the first pass has a lower mean confidence.
        min_orientation_confidence: OSD confidence needed before a page is turned (tesseract: 15 is sure).
    """

    def __init__(
        self,
        languages: str = "deu",
        tessdata: str | os.PathLike[str] | None = None,
        *,
        osd_below_confidence: float = 60.0,
        min_orientation_confidence: float = 2.0,
    ) -> None:
        self.languages = languages
        self.tessdata = find_tessdata(tessdata, languages)
        self.has_osd = (self.tessdata / "osd.traineddata").is_file()
        self.osd_below_confidence = osd_below_confidence
        self.min_orientation_confidence = min_orientation_confidence
        self._local = threading.local()

    def _apis(self) -> tuple[object, object | None]:
        import tesserocr  # imported late: the process sets OMP_THREAD_LIMIT before libtesseract loads

        if getattr(self._local, "api", None) is None:
            path = str(self.tessdata).rstrip("/") + "/"
            self._local.api = tesserocr.PyTessBaseAPI(path=path, lang=self.languages, psm=tesserocr.PSM.AUTO)
            self._local.osd = (
                tesserocr.PyTessBaseAPI(path=path, lang="osd", psm=tesserocr.PSM.OSD_ONLY) if self.has_osd else None
            )
        return self._local.api, self._local.osd

    def close(self) -> None:
        """Free this thread's tesseract APIs."""
        for name in ("api", "osd"):
            api = getattr(self._local, name, None)
            if api is not None:
                api.End()
                setattr(self._local, name, None)

    def recognize(self, image: Image.Image, *, timeout_s: float | None = None) -> TesseractResult:
        """Recognise ``image`` (any mode; dpi from ``image.info``). Raises TimeoutError past ``timeout_s``.
        ``image.info[UPRIGHT]`` true: a part of a page already read upright (a re-read), no orientation check."""
        gray = image if image.mode == "L" else image.convert("L")
        dpi = _dpi_of(image)
        api, osd = self._apis()
        first = self._pass(api, gray, dpi, timeout_s, orientation=0)
        if osd is None or image.info.get(UPRIGHT) or (first.confidence or 0.0) >= self.osd_below_confidence:
            return first
        detected = _detect_orientation(osd, gray, dpi)
        if detected is None or detected[0] == 0 or detected[1] < self.min_orientation_confidence:
            return first
        degrees, osd_conf = detected
        turned = self._pass(api, gray.rotate(degrees, expand=True), dpi, timeout_s, orientation=degrees)
        if (turned.confidence or 0.0) <= (first.confidence or 0.0):
            return first
        note = f"Seite war um {degrees}° gedreht (OSD-Konfidenz {osd_conf:.1f}); aufgerichtet erkannt."
        return TesseractResult(turned.text, turned.confidence, turned.words, degrees, turned.upright_size, (note,))

    def _pass(self, api: object, gray: Image.Image, dpi: int, timeout_s: float | None, *, orientation: int
              ) -> TesseractResult:
        import tesserocr

        api.SetImageBytes(gray.tobytes(), gray.width, gray.height, 1, gray.width)  # type: ignore[attr-defined]
        api.SetSourceResolution(dpi)  # type: ignore[attr-defined]
        timeout_ms = int(timeout_s * 1000) if timeout_s else 0
        if not api.Recognize(timeout=timeout_ms):  # type: ignore[attr-defined]
            raise TimeoutError(f"tesseract hat die Seite nicht in {timeout_s:.0f} s erkannt")
        words = _words(api, tesserocr.RIL.WORD, tesserocr.RIL.TEXTLINE)
        text = api.GetUTF8Text()  # type: ignore[attr-defined]
        confidences = api.AllWordConfidences()  # type: ignore[attr-defined]
        confidence = float(sum(confidences)) / len(confidences) if confidences else None
        return TesseractResult(text, confidence, words, orientation, (gray.width, gray.height))


def _dpi_of(image: Image.Image) -> int:
    dpi = image.info.get("dpi")
    value = float(min(dpi)) if isinstance(dpi, tuple) and dpi else float(dpi or 0)
    return int(round(value)) if 70 <= value <= 2400 else DEFAULT_DPI


def _detect_orientation(osd: object, gray: Image.Image, dpi: int) -> tuple[int, float] | None:
    osd.SetImageBytes(gray.tobytes(), gray.width, gray.height, 1, gray.width)  # type: ignore[attr-defined]
    osd.SetSourceResolution(dpi)  # type: ignore[attr-defined]
    try:
        result = osd.DetectOrientationScript()  # type: ignore[attr-defined]
    except RuntimeError:  # too few characters to decide
        return None
    if not result:
        return None
    return int(result["orient_deg"]) % 360, float(result["orient_conf"])


def _words(api: object, word_level: int, line_level: int) -> tuple[TesseractWord, ...]:
    iterator = api.GetIterator()  # type: ignore[attr-defined]
    if iterator is None:
        return ()
    words: list[TesseractWord] = []
    line = -1
    while True:
        text = iterator.GetUTF8Text(word_level) if not iterator.Empty(word_level) else ""
        if text and text.strip():
            if iterator.IsAtBeginningOf(line_level) or line < 0:
                line += 1
            box = iterator.BoundingBox(word_level)
            if box:
                words.append(TesseractWord(text.strip(), box[0], box[1], box[2], box[3], line))
        if not iterator.Next(word_level):
            break
    return tuple(words)
