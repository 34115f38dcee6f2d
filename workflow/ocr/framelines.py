"""A receipt stamp's frame at an angle: find its long thin sides and take them out of a value's image.

A stamp is pressed by hand, turned by a few degrees; its frame is a rectangle of thin dark lines, black like the
print. The page's line finder (workflow.ocr.secondlook.line_masks) looks along rows and columns only and loses
a line turned by more than about five degrees; where the frame crosses a value ("25/811" with the frame's
bottom through the digits' tops) the value reads "28H" or, with the line whitened, "25/011".

``frame_masks`` looks for straight runs at every angle up to MAX_ANGLE: the ink is sheared so that a line of
that angle lies along a row (an exact pixel remap, no resampling), long runs are found there, and the result is
sheared back; near-vertical sides likewise on the transposed image. ``lifted`` whitens a frame's pixels only
where the ink across the line is no thicker than the line itself: a glyph's stroke on or through the line
keeps its ink there (the rest of the glyph under the line is lost all the same). ``has_turned_frame`` tells
cheaply whether a page head holds such a turned frame at all. Pure: numpy arrays in, arrays out.
"""
from __future__ import annotations

import numpy as np

from workflow.ocr.secondlook import LINE_INK, LINE_RIM, on_runs, run_lengths, thicken

FRAME_INK = LINE_INK  # a frame is drawn darker than this
FRAME_RIM = LINE_RIM  # on a frame, pixels darker than this (its gray rim too) belong to it
MIN_FRAME_INCH = 0.3  # a straight run this long is a frame side (10 pt capitals are ~0.1 inch high)
MAX_ANGLE = 10.0  # degrees a stamp is turned at most
ANGLE_STEP = 0.5  # degrees between the angles tried (a 0.3 inch run drifts by < 0.3 px within a step)


def _sheared_runs(ink: np.ndarray, length: int, angle: float) -> np.ndarray:
    """Pixels of ``ink`` on a straight run of ``length`` turned by ``angle`` degrees (counter-clockwise as seen,
    rows growing downwards): the ink sheared so such a line lies along one row, one pixel of slack across."""
    height, width = ink.shape
    offsets = np.round(np.arange(width) * np.tan(np.radians(angle))).astype(np.int64)
    offsets -= offsets.min()
    rows = np.arange(height)[:, None] + offsets[None, :]
    cols = np.broadcast_to(np.arange(width)[None, :], rows.shape)
    sheared = np.zeros((height + int(offsets.max()) + 1, width), dtype=bool)
    sheared[rows, cols] = ink
    slack = sheared.copy()
    slack[1:] |= sheared[:-1]  # a line's pixels step by one row where the angle falls between two tried
    found = on_runs(slack, length) & sheared
    return found[rows, cols]


def _angles() -> np.ndarray:
    count = round(MAX_ANGLE / ANGLE_STEP)
    return np.arange(-count, count + 1) * ANGLE_STEP


def frame_masks(pixels: np.ndarray, dpi: float) -> tuple[np.ndarray, np.ndarray]:
    """(near-horizontal, near-vertical): pixels of ``pixels`` (8-bit gray) darker than FRAME_RIM on a straight
    dark run of at least MIN_FRAME_INCH at an angle of up to MAX_ANGLE degrees (the line's rim included)."""
    ink = pixels < FRAME_INK
    length = max(10, int(dpi * MIN_FRAME_INCH))
    horizontal = np.zeros_like(ink)
    vertical = np.zeros_like(ink)
    for angle in _angles():
        horizontal |= _sheared_runs(ink, length, float(angle))
        vertical |= _sheared_runs(ink.T, length, float(angle)).T
    rim = pixels < FRAME_RIM
    return thicken(horizontal, 0) & rim, thicken(vertical, 1) & rim


def _thin_part(mask: np.ndarray, across: np.ndarray) -> np.ndarray:
    """The pixels of ``mask`` (a line) where the ink across it is no thicker than the line itself (its median
    thickness and one pixel): where a glyph's stroke touches or crosses the line, the ink is thicker and stays."""
    runs = across[mask & (across > 0)]
    if runs.size == 0:
        return mask
    return mask & (across <= int(np.median(runs)) + 1)


def lifted(pixels: np.ndarray, dpi: float) -> np.ndarray:
    """``pixels`` (8-bit gray) with the frame lines at any angle up to MAX_ANGLE whitened where they run alone: a
    line pixel whose ink across the line is thicker than the line (a glyph's stroke on it) stays."""
    horizontal, vertical = frame_masks(pixels, dpi)
    ink = pixels < FRAME_RIM
    across_horizontal = run_lengths(ink.T).T  # the vertical ink run through each pixel
    lone = _thin_part(horizontal, across_horizontal) | _thin_part(vertical, run_lengths(ink))
    out = pixels.copy()
    out[lone] = 255
    return out


TURNED_MIN_ANGLE = 1.0  # degrees: a frame turned less than this is found by the page's line finder
TURNED_SIDE_INCH = 1.0  # a stamp frame's long side is at least this long (stamps are ~2 inches wide)


def has_turned_frame(pixels: np.ndarray, dpi: float) -> bool:
    """True when ``pixels`` (8-bit gray) hold a straight dark line of TURNED_SIDE_INCH or more turned by
    TURNED_MIN_ANGLE to MAX_ANGLE degrees from the rows: a receipt stamp's frame pressed at an angle (a rule or
    a table line lies along the rows). Judged on the ink at half resolution (cheap on a page head)."""
    ink = pixels < FRAME_INK
    height, width = (ink.shape[0] // 2) * 2, (ink.shape[1] // 2) * 2
    half = ink[:height:2, :width:2] | ink[1:height:2, :width:2] | ink[:height:2, 1:width:2] | ink[1:height:2, 1:width:2]
    length = max(10, int(dpi / 2 * TURNED_SIDE_INCH))
    flat = _sheared_runs(half, length, 0.0)
    for angle in _angles():
        if abs(angle) < TURNED_MIN_ANGLE or angle % 1.0:
            continue
        if int((_sheared_runs(half, length, float(angle)) & ~flat).sum()) >= length:
            return True
    return False
