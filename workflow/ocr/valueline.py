"""The value beside (or below) a label as a small image of its own: what a one-line reading gets to see.

When a receipt stamp lies over the info block, tesseract's layout analysis of the page (or its head) may read
the label "Rg.-Nr.:" and drop its value, or glue the stamp's letters into it. The value's place follows from
the label's word box: right of it on its row (DIN 5008 info block) or the row below (a stacked block, label over
value) - ``value_boxes``; or, when the label itself was lost, a row of the label column - ``row_box``.
``value_image`` cuts such a box out: frame lines and rules whitened where they run alone (a glyph crossing or
touching a line keeps its ink: ``lines_between_strokes``, judged on a band widened by CONTEXT_INCH so a frame is
seen as long), ink the box's edge cuts whitened unless it reaches into the value's rows (letters of the rows
above and below, a stamp's letters: ``without_cut_glyphs``), padded with paper. ``whole_words`` and
``unread_ink`` tell whether a reading of it is the whole value. Pure: boxes, numpy arrays and PIL images.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from PIL import Image

from workflow.ocr.framelines import lifted
from workflow.ocr.model import Word
from workflow.ocr.secondlook import LINE_RIM, line_masks, run_lengths

RIGHT_INCH = 3.0  # a value lies within this distance right of its label (info block columns are ~1.5 inch apart)
GAP_INCH = 0.02  # the value box starts this far right of the label's last glyph
ROW_MARGIN = 0.5  # the box reaches this many label heights above and below the label's row
BELOW_ROWS = 2.0  # a stacked value lies within this many label heights below the label
CONTEXT_INCH = 0.4  # frame lines are judged on the box widened by this much (a line must be long to count)
PAD_PX = 16  # white border around the cut-out


@dataclass(frozen=True, slots=True)
class Box:
    """A pixel box (x1, y1 exclusive)."""

    x0: int
    y0: int
    x1: int
    y1: int

    @property
    def height(self) -> int:
        return self.y1 - self.y0


@dataclass(frozen=True, slots=True)
class ValueBox:
    """Where a value may lie (``box``) and the rows its glyphs must reach into (``core``, page pixels)."""

    box: Box
    core: tuple[int, int]


def value_boxes(label: Box, size: tuple[int, int], dpi: float) -> tuple[ValueBox, ValueBox]:
    """(right of the label on its row, the row below the label) within the page of ``size``."""
    width, height = size
    h = max(8, label.height)
    margin = round(ROW_MARGIN * h)
    right = Box(min(width, label.x1 + round(GAP_INCH * dpi)), max(0, label.y0 - margin),
                min(width, label.x1 + round(RIGHT_INCH * dpi)), min(height, label.y1 + margin))
    below = Box(max(0, label.x0 - round(0.1 * dpi)), min(height, label.y1 + round(0.15 * h)),
                min(width, label.x0 + round(RIGHT_INCH * dpi)), min(height, label.y1 + round(BELOW_ROWS * h)))
    third = below.height // 3
    return (ValueBox(right, (label.y0 + h // 4, label.y1 - h // 4)),
            ValueBox(below, (below.y0 + third, below.y1 - third)))


SLOT_LEFT_INCH = 0.1  # a row of the label column is cut from this far left of the column
SLOT_WIDTH_INCH = 4.0  # to this far right of it (label and value side by side)


def row_box(x: int, y: int, pitch: int, height: int, size: tuple[int, int], dpi: float) -> ValueBox:
    """The row of a label column whose label would start at (``x``, ``y``): one ``pitch`` high (a stacked
    block's value below its label included), the label's rows the core."""
    width, page_height = size
    margin = round(ROW_MARGIN * height)
    bottom = y + max(pitch, height + 2 * margin) - margin
    box = Box(max(0, x - round(SLOT_LEFT_INCH * dpi)), max(0, y - margin),
              min(width, x + round(SLOT_WIDTH_INCH * dpi)), min(page_height, bottom))
    return ValueBox(box, (y + height // 4, y + height - height // 4))


LINE_THICK_INCH = 0.04  # a frame line is at most this thick across (8 px at 200 dpi: a turned line, its gray rim)


def lines_between_strokes(pixels: np.ndarray, dpi: float) -> np.ndarray:
    """The frame and rule pixels of ``pixels`` (workflow.ocr.secondlook.line_pixels) where the line is alone: a
    horizontal line's pixel only where the ink across it (vertically) is no thicker than a line, a vertical
    line's likewise. Where a glyph crosses or touches the line the ink is thicker and stays, so a frame through a
    value takes its own pixels, not slices of the value's digits."""
    horizontal, vertical = line_masks(pixels, dpi)
    ink = pixels < LINE_RIM
    thick = max(3, round(LINE_THICK_INCH * dpi))
    across_horizontal = run_lengths(ink.T).T  # vertical run through each pixel
    across_vertical = run_lengths(ink)
    return (horizontal & (across_horizontal <= thick)) | (vertical & (across_vertical <= thick))


CUT_INK = 160  # darker than this is ink when glyphs the box's edge cuts are cleared


def _reach(seed: np.ndarray, ink: np.ndarray) -> np.ndarray:
    """The ink components (8-connected) of ``ink`` that hold a pixel of ``seed``."""
    reached = seed & ink
    while True:
        grown = reached.copy()
        grown[1:] |= reached[:-1]
        grown[:-1] |= reached[1:]
        wide = grown.copy()
        wide[:, 1:] |= grown[:, :-1]
        wide[:, :-1] |= grown[:, 1:]
        wide &= ink
        if np.array_equal(wide, reached):
            return reached
        reached = wide


def without_cut_glyphs(pixels: np.ndarray, core: tuple[int, int]) -> np.ndarray:
    """``pixels`` (8-bit gray) with every ink component whitened that touches the edge and stays out of the rows
    ``core`` (the middle of the label's row): letters of the rows above and below and of a stamp reaching into
    the box, cut by its edge. A component reaching into the core rows stays (it may be the value itself)."""
    ink = pixels < CUT_INK
    edge = np.zeros_like(ink)
    edge[0], edge[-1], edge[:, 0], edge[:, -1] = True, True, True, True
    middle = np.zeros_like(ink)
    middle[core[0]:core[1]] = True
    cut = _reach(edge, ink) & ~_reach(middle, ink)
    return np.where(cut, 255, pixels).astype(np.uint8)


def value_image(gray: Image.Image, box: Box, dpi: float, *, lines: bool = True, scale: float = 1.0,
                core: tuple[int, int] | None = None, angled: bool = False) -> Image.Image:
    """``box`` of ``gray`` (mode "L") with frames and rules whitened (unless ``lines`` is False; ``angled``: frame
    lines at any angle up to ten degrees whitened where they run alone instead, workflow.ocr.framelines.lifted)
    and the glyphs its edge cuts (when the value's ``core`` rows are given), scaled by ``scale`` and padded with
    white; its dpi set to match."""
    context = round(CONTEXT_INCH * dpi)
    outer = (max(0, box.x0 - context), max(0, box.y0 - context),
             min(gray.width, box.x1 + context), min(gray.height, box.y1 + context))
    band = np.asarray(gray.crop(outer).convert("L")).copy()
    if angled:
        band = lifted(band, dpi)
    elif lines:
        band[lines_between_strokes(band, dpi)] = 255
    inner = band[box.y0 - outer[1]:box.y1 - outer[1], box.x0 - outer[0]:box.x1 - outer[0]]
    if core is not None:
        inner = without_cut_glyphs(inner, (core[0] - box.y0, core[1] - box.y0))
    image = Image.fromarray(np.ascontiguousarray(inner))
    if scale != 1.0:
        image = image.resize((max(1, round(image.width * scale)), max(1, round(image.height * scale))),
                             Image.Resampling.LANCZOS)
    out = Image.new("L", (image.width + 2 * PAD_PX, image.height + 2 * PAD_PX), 255)
    out.paste(image, (PAD_PX, PAD_PX))
    out.info["dpi"] = (dpi * scale, dpi * scale)
    return out


EDGE_PX = 2  # a word this near the cut-out's edge (inside the padding) was cut by it: a neighbour's fragment


def whole_words(words: Sequence[Word], size: tuple[int, int]) -> list[Word]:
    """The words of a reading of a ``value_image`` (of ``size``) that the cut did not touch: a stamp's letters
    and the rows above and below, sliced by the box's edge, are left out."""
    width, height = size
    inner = (PAD_PX + EDGE_PX, PAD_PX + EDGE_PX, width - PAD_PX - EDGE_PX, height - PAD_PX - EDGE_PX)
    return [w for w in words if w.x0 > inner[0] and w.y0 > inner[1] and w.x1 < inner[2] and w.y1 < inner[3]]


UNREAD_SHARE = 0.4  # ink this many label heights wide in the value's rows outside every read word: a glyph unread


def unread_ink(image: Image.Image, words: Sequence[Word], core: tuple[int, int]) -> bool:
    """True when the rows ``core`` of ``image`` (a ``value_image``, its pixels) hold ink outside the words read:
    a glyph of the value the reading left out (a prefix "FR" under a stamp's letter), so the reading is not
    the whole value."""
    pixels = np.asarray(image.convert("L"))[max(0, core[0]):max(0, core[1])]
    if pixels.size == 0:
        return False
    inked = (pixels < CUT_INK - 32).sum(axis=0) >= 2
    for word in words:
        inked[max(0, word.x0 - EDGE_PX):word.x1 + EDGE_PX] = False
    return int(inked.sum()) >= UNREAD_SHARE * (core[1] - core[0]) * 2
