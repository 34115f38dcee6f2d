"""An OCR engine that recognises nothing: for machines without tessdata and for tests of the orchestration."""
from __future__ import annotations

from dataclasses import dataclass

from PIL import Image


@dataclass(frozen=True, slots=True)
class NullRecognition:
    text: str = ""
    confidence: float | None = None
    words: tuple[()] = ()
    orientation: int = 0
    upright_size: tuple[int, int] = (0, 0)
    notes: tuple[str, ...] = ("Keine Texterkennung konfiguriert (NullOcrEngine).",)


class NullOcrEngine:
    """Implements the OcrEngine port; every page comes back without text."""

    def recognize(self, image: Image.Image, *, timeout_s: float | None = None) -> NullRecognition:
        return NullRecognition(upright_size=image.size)

    def close(self) -> None:
        return None
