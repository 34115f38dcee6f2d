"""Decode a page image and bring it into the shape OCR wants: 8-bit gray, sane resolution. Pure (bytes in)."""
from __future__ import annotations

import io
import warnings

import numpy as np
from PIL import Image, ImageOps

from workflow.ocr.errors import CorruptDocumentError, DecompressionBombError
from workflow.ocr.model import OcrLimits, PageImage

BLANK_INK_FRACTION = 0.00005  # below 0.005 % dark pixels a sheet is blank; the word "Seite 2" alone has 0.01 %


def check_page_size(width: int, height: int, where: str, limits: OcrLimits) -> None:
    """Refuse images without a size or with more pixels than any real scan (checked before decoding)."""
    if width <= 0 or height <= 0:
        raise CorruptDocumentError(f"{where}: Bild ohne gültige Größe ({width}x{height}).")
    if width * height > limits.max_pixels_per_page:
        raise DecompressionBombError(
            f"{where}: Bild mit {width}x{height} = {width * height / 1e6:.0f} Mio. Pixeln, "
            f"erlaubt sind {limits.max_pixels_per_page / 1e6:.0f} Mio."
        )


def decode_page(page: PageImage, limits: OcrLimits) -> Image.Image:
    """Decode ``page`` to a loaded Pillow image (original mode); typed errors for damaged or huge data."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(page.encoded))
            if page.frame:
                image.seek(page.frame)
            check_page_size(image.width, image.height, f"Seite {page.index + 1}", limits)
            image.load()
    except (DecompressionBombError, CorruptDocumentError):
        raise
    except Image.DecompressionBombError as exc:
        raise DecompressionBombError(f"Seite {page.index + 1}: {exc}") from exc
    except Exception as exc:  # truncated strips, bad Huffman tables, broken CCITT data ...
        raise CorruptDocumentError(
            f"Seite {page.index + 1}: Bilddaten beschädigt ({type(exc).__name__}: {exc})."
        ) from exc
    return image


def flatten_alpha(image: Image.Image) -> Image.Image:
    """Transparent images composed onto white paper (RGB); other images unchanged."""
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(background, rgba).convert("RGB")
    return image


def to_gray(image: Image.Image, *, invert: bool = False) -> Image.Image:
    """8-bit grayscale on white: bilevel, palette, 16-bit, colour and transparent images are all converted."""
    image = flatten_alpha(image)
    if image.mode.startswith("I"):  # 16/32-bit gray: scale to 8 bits (values above 255 mean a 16-bit range)
        values = np.asarray(image, dtype=np.float64)
        peak = 65535.0 if values.max(initial=0) > 255 else 255.0
        image = Image.fromarray((values * (255.0 / peak)).clip(0, 255).astype(np.uint8), "L")
    gray = image if image.mode == "L" else image.convert("L")
    return ImageOps.invert(gray) if invert else gray


def rescale_for_ocr(gray: Image.Image, dpi: float, limits: OcrLimits) -> tuple[Image.Image, float]:
    """Downscale pages scanned above ``limits.max_dpi`` to ``limits.ocr_dpi`` (OCR gains nothing from more)."""
    if dpi <= limits.max_dpi:
        return gray, dpi
    factor = limits.ocr_dpi / dpi
    size = (max(1, round(gray.width * factor)), max(1, round(gray.height * factor)))
    return gray.resize(size, Image.Resampling.BOX), limits.ocr_dpi  # area average: a third of LANCZOS's CPU


def ink_fraction(gray: Image.Image) -> float:
    """Share of pixels clearly darker than the paper (paper = the most common gray level), at full resolution.

    Light or low-contrast print still counts: "dark" means 70 levels below the paper, not below mid-gray.
    """
    histogram = gray.histogram()
    paper = max(range(256), key=histogram.__getitem__)
    limit = max(0, paper - 70)
    return sum(histogram[:limit]) / max(1, gray.width * gray.height)


def is_blank(gray: Image.Image) -> bool:
    """True for an empty sheet: hardly a dark pixel. Pages near the limit are OCRed anyway (OCR decides)."""
    return ink_fraction(gray) < BLANK_INK_FRACTION


def estimate_skew(gray: Image.Image, max_degrees: float = 10.0) -> float:
    """Angle (degrees, Pillow's counter-clockwise convention) that makes the text lines horizontal.

    Projection profiles: a sample of the dark pixels is rotated by candidate angles and binned by row and
    by column; straight lines give the sharpest profile (largest sum of squared bin counts). Columns count too,
    so a page lying on its side (fixed later by orientation detection) still yields its small skew.
    Returns 0.0 when there is too little ink to tell.
    """
    histogram = gray.histogram()
    paper = max(range(256), key=histogram.__getitem__)
    # every other row and column: the profile bins (1/150 inch) are far coarser than that, and it is 4x less work
    ys, xs = np.nonzero(np.asarray(gray)[::2, ::2] < paper - 50)
    if len(xs) < 50:
        return 0.0
    if len(xs) > 40_000:  # an even sample of the ink is enough and keeps this at some milliseconds
        step = len(xs) // 40_000 + 1
        ys, xs = ys[::step], xs[::step]
    # back to full-page pixels, spread over each sampled 2x2 cell so the lattice does not favour 0 degrees
    jitter = np.random.default_rng(0).random((2, len(xs))) * 2.0
    ys, xs = ys * 2 + jitter[0], xs * 2 + jitter[1]
    bin_px = max(1.0, min(gray.size) / 1200)  # profile bins of about 1/150 inch
    x = (xs - gray.width / 2.0) / bin_px
    y = (ys - gray.height / 2.0) / bin_px

    def sharpness(degrees: float) -> float:
        t = np.radians(degrees)
        rows = np.round(-x * np.sin(t) + y * np.cos(t)).astype(np.int64)
        cols = np.round(x * np.cos(t) + y * np.sin(t)).astype(np.int64)
        return float(max((np.bincount(rows - rows.min()) ** 2).sum(), (np.bincount(cols - cols.min()) ** 2).sum()))

    coarse = np.arange(-max_degrees, max_degrees + 1e-9, 1.0)
    best = max(coarse, key=sharpness)
    fine = np.arange(best - 0.6, best + 0.6 + 1e-9, 0.1)
    best = float(max(fine, key=sharpness))
    return round(best, 1) if sharpness(best) > sharpness(0.0) * 1.01 else 0.0


def deskew(gray: Image.Image, degrees: float) -> Image.Image:
    """Rotate ``gray`` by ``degrees`` (counter-clockwise) about its centre, keeping its size; corners white."""
    return gray.rotate(degrees, resample=Image.Resampling.BILINEAR, fillcolor=255)
