"""The head of a first page without long straight lines: what a second, targeted reading gets to see.

A receipt stamp's frame, a rule under the sender line or a box around the info block can tear tesseract's
layout analysis apart: a label column and its values land in different blocks, a line crossing a value turns
"30-2025" into "u,20s". ``head_without_lines`` takes the top HEAD_SHARE of the page and whitens every pixel
that lies on a straight dark run longer than a fifth of an inch (frames and rules; a letter's strokes are
shorter), horizontal or vertical, a slightly turned stamp frame included (the run may wander by a pixel).
Only the line's own pixels are whitened, so a digit the frame crosses loses a sliver, not its shape.
``without_thick_strokes`` goes further for a stamp pressed in black over small print (bilevel scans): it
whitens every stroke at least STROKE_INCH thick (the stamp's bold letters; 8-10 pt print is thinner), which
tears the print where the stamp crosses it but frees the rest - a last try when the first one did not help.
Pure: numpy arrays and PIL images.
"""
from __future__ import annotations

from collections.abc import Callable

import numpy as np
from PIL import Image, ImageFilter

HEAD_SHARE = 0.45  # the sender, address and info block of a DIN 5008 letter lie in the top 45 % of the page
LINE_INK = 140  # a frame or rule is drawn darker than this
LINE_RIM = 200  # on a line, pixels darker than this (its gray rim too) are whitened
MIN_LINE_INCH = 0.2  # a straight run this long is a line, not a letter (10 pt capitals are ~0.1 inch high)
STROKE_INCH = 0.015  # a stroke this thick (3 px at 200 dpi) is a bold stamp letter, not small print


def on_runs(ink: np.ndarray, length: int) -> np.ndarray:
    """Pixels of ``ink`` (bool, rows x cols) on a horizontal run of at least ``length`` ink pixels."""
    height, width = ink.shape
    if width < length:
        return np.zeros_like(ink)
    sums = np.zeros((height, width + 1), dtype=np.int32)
    np.cumsum(ink, axis=1, out=sums[:, 1:])
    starts = (sums[:, length:] - sums[:, :-length]) == length  # a full run starts here
    covered = np.zeros((height, width + 1), dtype=np.int32)
    np.cumsum(np.pad(starts, ((0, 0), (0, length - 1))), axis=1, out=covered[:, 1:])
    cols = np.arange(width)
    return (covered[:, cols + 1] - covered[:, np.maximum(0, cols - length + 1)]) > 0


def run_lengths(ink: np.ndarray) -> np.ndarray:
    """For each pixel of ``ink`` (bool) the length of the horizontal ink run it lies on (0 off ink)."""
    height, width = ink.shape
    padded = np.zeros((height, width + 2), dtype=np.int8)
    padded[:, 1:-1] = ink
    edges = np.diff(padded, axis=1)
    rows, starts = np.nonzero(edges == 1)
    _, ends = np.nonzero(edges == -1)
    delta = np.zeros((height, width + 1), dtype=np.int32)
    np.add.at(delta, (rows, starts), ends - starts)
    np.add.at(delta, (rows, ends), -(ends - starts))
    return np.cumsum(delta, axis=1)[:, :width] * ink


def thicken(mask: np.ndarray, axis: int) -> np.ndarray:
    """``mask`` grown by one pixel both ways along ``axis`` (a turned line steps by a pixel now and then)."""
    out = mask.copy()
    if axis == 0:
        out[1:] |= mask[:-1]
        out[:-1] |= mask[1:]
    else:
        out[:, 1:] |= mask[:, :-1]
        out[:, :-1] |= mask[:, 1:]
    return out


def line_masks(pixels: np.ndarray, dpi: float) -> tuple[np.ndarray, np.ndarray]:
    """(horizontal, vertical): pixels of ``pixels`` (8-bit gray) darker than LINE_RIM on a horizontal / vertical
    line of at least MIN_LINE_INCH (the line's rim included)."""
    ink = pixels < LINE_INK
    length = max(8, int(dpi * MIN_LINE_INCH))
    rim = pixels < LINE_RIM
    return rim & on_runs(thicken(ink, 0), length), rim & on_runs(thicken(ink, 1).T, length).T


def line_pixels(pixels: np.ndarray, dpi: float) -> np.ndarray:
    """Pixels of ``pixels`` (8-bit gray) darker than LINE_RIM on a horizontal or vertical line of at least
    MIN_LINE_INCH (the line's rim included)."""
    horizontal, vertical = line_masks(pixels, dpi)
    return horizontal | vertical


def head_without_lines(gray: Image.Image, dpi: float,
                       lines: Callable[[np.ndarray, float], np.ndarray] | None = None) -> Image.Image:
    """The top HEAD_SHARE of ``gray`` (mode "L") with frames and rules whitened, at the same resolution;
    ``lines`` finds their pixels in the head's 8-bit gray (default ``line_pixels``)."""
    box = (0, 0, gray.width, max(1, round(gray.height * HEAD_SHARE)))
    head = np.asarray(gray.crop(box).convert("L")).copy()
    head[(lines or line_pixels)(head, dpi)] = 255
    out = Image.fromarray(head)
    out.info["dpi"] = (dpi, dpi)
    return out


def without_thick_strokes(gray: Image.Image, dpi: float) -> Image.Image:
    """``gray`` (mode "L") with every dark stroke at least STROKE_INCH thick whitened (and one pixel around
    it)."""
    size = max(3, int(dpi * STROKE_INCH) // 2 * 2 + 1)  # odd filter size: 3 at 200 dpi, 5 at 300-400 dpi
    thick = gray.filter(ImageFilter.MaxFilter(size)).filter(ImageFilter.MinFilter(size))  # opening of the ink
    grown = thick.filter(ImageFilter.MinFilter(3))
    pixels = np.asarray(gray).copy()
    pixels[np.asarray(grown) < 128] = 255
    out = Image.fromarray(pixels)
    out.info["dpi"] = (dpi, dpi)
    return out
