"""Shared fakes for the OCR unit tests: a reader that returns scripted readings in turn."""

from __future__ import annotations

from collections.abc import Callable

from PIL import Image

from workflow.ocr.model import Recognition, Word
from workflow.ocr.valueline import PAD_PX


def scripted_reader(*texts: str) -> Callable[[Image.Image], Recognition]:
    """A ``Reader`` giving ``texts`` in turn (then "XX"), each as one word filling the image inside its padding;
    an empty text reads nothing."""
    calls = iter(texts)

    def read(image: Image.Image) -> Recognition:
        text = next(calls, "XX")
        word = Word(text, PAD_PX + 6, PAD_PX + 4, image.width - PAD_PX - 6, image.height - PAD_PX - 4, 0)
        return Recognition(text, 90.0, (word,) if text else (), 0, image.size)
    return read
