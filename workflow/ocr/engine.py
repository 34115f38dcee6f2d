"""The OCR engine port and the conversion of whatever an engine returns into our :class:`Recognition`."""
from __future__ import annotations

from typing import Any, Protocol, runtime_checkable

from PIL import Image

from workflow.ocr.model import Recognition, Word


# ``image.info`` key: the image is a part of a page already read upright (a re-read); an engine skips its
# orientation check there (on a mostly white part it guesses, and costs as much as a reading)
UPRIGHT = "aktenfluss_upright"


@runtime_checkable
class OcrEngine(Protocol):
    """Recognises one page image.

    An engine MUST return an object with ``text`` (str) and ``confidence`` (0-100 or None); it MAY add
    ``words`` (items with text, x0, y0, x1, y1, line), ``orientation`` (clockwise degrees the page had, words
    being upright coordinates), ``upright_size`` and ``notes``. It reads the resolution from
    ``image.info["dpi"]`` and MAY skip orientation detection when ``image.info[UPRIGHT]``. It SHOULD raise
    ``TimeoutError`` when ``timeout_s`` passes. It MAY keep state per thread but MUST NOT share one native
    handle between threads.
    """

    def recognize(self, image: Image.Image, *, timeout_s: float | None = None) -> Any: ...


def to_recognition(raw: Any, image_size: tuple[int, int]) -> Recognition:
    """Normalise an engine result (any object with the attributes above) into a :class:`Recognition`."""
    words = tuple(
        Word(str(w.text), int(w.x0), int(w.y0), int(w.x1), int(w.y1), int(getattr(w, "line", 0)))
        for w in (getattr(raw, "words", ()) or ())
    )
    confidence = getattr(raw, "confidence", None)
    orientation = int(getattr(raw, "orientation", 0) or 0) % 360
    upright = tuple(getattr(raw, "upright_size", ()) or ())
    if len(upright) != 2 or not all(upright):
        upright = image_size if orientation in (0, 180) else (image_size[1], image_size[0])
    return Recognition(
        text=str(getattr(raw, "text", "") or ""),
        confidence=float(confidence) if confidence is not None else None,
        words=words,
        orientation=orientation,
        upright_size=(int(upright[0]), int(upright[1])),
        notes=tuple(str(n) for n in (getattr(raw, "notes", ()) or ())),
    )
