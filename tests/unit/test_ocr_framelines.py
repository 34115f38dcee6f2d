"""Round 12: a receipt stamp's frame turned by a few degrees is found (workflow.ocr.framelines.frame_masks) where
the page's row-and-column line finder loses it, taken out where it runs alone while the strokes it crosses keep
their ink (``lifted``), and told apart cheaply from a straight rule (``has_turned_frame``). Synthetic 200 dpi
images drawn with PIL: glyph-like strokes (3 px bars, 0.15 inch high) under a turned rectangle of 3 px lines."""
from __future__ import annotations

import math

import numpy as np
from PIL import Image, ImageDraw

from workflow.ocr.framelines import frame_masks, has_turned_frame, lifted
from workflow.ocr.secondlook import line_masks

DPI = 200
SIZE = (900, 400)
CENTRE = (450, 200)


def _corners(angle: float, width: int = 560, height: int = 180) -> list[tuple[float, float]]:
    turn = math.radians(angle)
    out = []
    for dx, dy in ((-width / 2, -height / 2), (width / 2, -height / 2), (width / 2, height / 2), (-width / 2, height / 2)):
        out.append((CENTRE[0] + dx * math.cos(turn) + dy * math.sin(turn),
                    CENTRE[1] - dx * math.sin(turn) + dy * math.cos(turn)))
    return out


def _frame(angle: float) -> Image.Image:
    """A white page with a 3 px frame turned by ``angle`` degrees (counter-clockwise)."""
    image = Image.new("L", SIZE, 255)
    corners = _corners(angle)
    ImageDraw.Draw(image).line(corners + corners[:1], fill=0, width=3)
    return image


def _strokes(image: Image.Image, y: int) -> list[tuple[int, int, int, int]]:
    """Glyph-like vertical bars (3 px wide, 30 px high) from x 250 to 650 with their tops at ``y``; their boxes."""
    draw = ImageDraw.Draw(image)
    boxes = []
    for x in range(250, 650, 25):
        box = (x, y, x + 2, y + 29)
        draw.rectangle(box, fill=0)
        boxes.append(box)
    return boxes


def test_a_frame_turned_by_seven_degrees_is_found_where_the_row_finder_loses_it() -> None:
    pixels = np.asarray(_frame(7.0))
    frame = pixels < 140
    horizontal, vertical = frame_masks(pixels, DPI)
    assert (horizontal | vertical)[frame].mean() > 0.9
    old_h, old_v = line_masks(pixels, DPI)
    assert (old_h | old_v)[frame].mean() < 0.5


def test_glyph_strokes_alone_are_no_frame() -> None:
    image = Image.new("L", SIZE, 255)
    _strokes(image, 150)
    horizontal, vertical = frame_masks(np.asarray(image), DPI)
    assert not horizontal.any() and not vertical.any()


def test_lifted_takes_the_frame_out_and_keeps_the_strokes_it_crosses() -> None:
    angle = 4.0
    image = _frame(angle)
    bottom = _corners(angle)[2:]  # the frame's bottom side, right then left corner
    # strokes whose tops the bottom side crosses (a value under the stamp)
    slope = (bottom[0][1] - bottom[1][1]) / (bottom[0][0] - bottom[1][0])
    boxes = []
    draw = ImageDraw.Draw(image)
    for x in range(250, 650, 40):
        line_y = round(bottom[1][1] + slope * (x - bottom[1][0]))
        box = (x, line_y - 12, x + 2, line_y + 17)
        draw.rectangle(box, fill=0)
        boxes.append(box)
    pixels = np.asarray(image)
    out = lifted(pixels, DPI)
    for x0, y0, x1, y1 in boxes:
        assert (out[y0:y1 + 1, x0:x1 + 1] < 140).mean() > 0.95  # the stroke keeps its ink through the line
    away = np.ones_like(pixels, dtype=bool)
    for x0, y0, x1, y1 in boxes:
        away[:, x0 - 3:x1 + 4] = False
    frame = (pixels < 140) & away
    assert (out[frame] == 255).mean() > 0.9  # the frame's own pixels are paper now


def test_a_turned_frame_is_told_from_a_straight_rule() -> None:
    for angle in (2.0, 5.0, 8.0):
        assert has_turned_frame(np.asarray(_frame(angle)), DPI)
    rule = Image.new("L", SIZE, 255)
    ImageDraw.Draw(rule).line([(50, 100), (850, 100)], fill=0, width=3)
    _strokes(rule, 200)
    assert not has_turned_frame(np.asarray(rule), DPI)
    assert not has_turned_frame(np.asarray(_frame(0.0)), DPI)  # an upright box (a table cell) is no stamp
