"""Decode a page image and bring it into the shape OCR wants: 8-bit gray, sane resolution. Pure (bytes in)."""
from __future__ import annotations

import io
import warnings

from PIL import Image, ImageOps

from workflow.ocr.errors import CorruptDocumentError, DecompressionBombError
from workflow.ocr.model import OcrLimits, PageImage

BLANK_INK_FRACTION = 0.002  # below 0.2 % dark pixels a page counts as blank (scanner dust stays below this)


def decode_page(page: PageImage, limits: OcrLimits) -> Image.Image:
    """Decode ``page`` to a loaded Pillow image (original mode); typed errors for damaged or huge data."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(page.encoded))
            if page.frame:
                image.seek(page.frame)
            if image.width * image.height > limits.max_pixels_per_page:
                raise DecompressionBombError(
                    f"Seite {page.index + 1}: {image.width}x{image.height} Pixel überschreiten das Limit "
                    f"von {limits.max_pixels_per_page / 1e6:.0f} Mio."
                )
            image.load()
    except DecompressionBombError:
        raise
    except Image.DecompressionBombError as exc:
        raise DecompressionBombError(f"Seite {page.index + 1}: {exc}") from exc
    except Exception as exc:  # truncated strips, bad Huffman tables, broken CCITT data ...
        raise CorruptDocumentError(
            f"Seite {page.index + 1}: Bilddaten beschädigt ({type(exc).__name__}: {exc})."
        ) from exc
    return image


def to_gray(image: Image.Image, *, invert: bool = False) -> Image.Image:
    """8-bit grayscale on white: bilevel, palette, 16-bit, colour and transparent images are all converted."""
    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        image = Image.alpha_composite(background, rgba)
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):
        image = image.point(lambda v: v / 256).convert("L") if image.mode == "I" else image.convert("I").point(
            lambda v: v / 256).convert("L")
    gray = image if image.mode == "L" else image.convert("L")
    return ImageOps.invert(gray) if invert else gray


def rescale_for_ocr(gray: Image.Image, dpi: float, limits: OcrLimits) -> tuple[Image.Image, float]:
    """Downscale pages scanned above ``limits.max_dpi`` to ``limits.ocr_dpi`` (OCR gains nothing from more)."""
    if dpi <= limits.max_dpi:
        return gray, dpi
    factor = limits.ocr_dpi / dpi
    size = (max(1, round(gray.width * factor)), max(1, round(gray.height * factor)))
    return gray.resize(size, Image.Resampling.LANCZOS), limits.ocr_dpi


def ink_fraction(gray: Image.Image) -> float:
    """Share of clearly dark pixels, measured on a reduced copy (fast; enough to tell blank from written)."""
    small = gray.reduce(4) if gray.width >= 400 and gray.height >= 400 else gray
    histogram = small.histogram()
    dark = sum(histogram[:128])
    return dark / max(1, small.width * small.height)


def is_blank(gray: Image.Image) -> bool:
    """True for an empty sheet: almost no dark pixels."""
    return ink_fraction(gray) < BLANK_INK_FRACTION
