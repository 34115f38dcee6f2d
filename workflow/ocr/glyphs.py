"""Is a character of a recognised word a slash? A look at its ink, for the one question OCR cannot settle.

Tesseract reads the slash of a bold "AR 8797/25" as "1" (or "7") at every scale tried, so the invoice number is
left open ("8797125": slash or one?). The glyph itself answers: a slash is one narrow stroke leaning right
(every row of it narrow, its ink moving left row by row downwards); a "1" stands upright with a flag or a foot
as wide as the glyph, a "7" has its wide bar on top. ``slash_at`` splits the word image into glyphs at blank
columns and answers only when that gives one glyph per character (or one fewer, two glyphs left of it touching)
and the font is upright (some other glyph of the word stands upright: in an italic font every "1" leans).
Pure: a gray numpy array in, True / False / None out.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

INK = 128  # darker than this is ink
SLASH_LEAN = -0.12  # a slash moves at least this many pixels left per pixel down (about 7 degrees)
UPRIGHT = 0.1  # in an upright font some glyph of the word ("0", "5", "8") leans less than this
SLASH_ROW_SHARE = 0.6  # no row of a slash is wider than this share of the glyph's width
MIN_HEIGHT_SHARE = 0.75  # a slash is about as tall as the digits


@dataclass(frozen=True, slots=True)
class Glyph:
    """One glyph: its lean (dx per dy, y downwards), widest row / glyph width, height / word height, width (px)."""

    lean: float
    widest_row: float
    height: float
    width: int = 0


def glyphs(word: np.ndarray) -> list[Glyph]:
    """The glyphs of a word image (8-bit gray), left to right, split at columns without ink."""
    ink = word < INK
    rows = np.flatnonzero(ink.any(axis=1))
    if rows.size == 0:
        return []
    ink = ink[rows[0]:rows[-1] + 1]
    columns = np.concatenate(([False], ink.any(axis=0), [False]))
    edges = np.flatnonzero(columns[1:] != columns[:-1])
    out: list[Glyph] = []
    for start, end in zip(edges[::2], edges[1::2]):
        part = ink[:, start:end]
        ys = np.flatnonzero(part.any(axis=1))
        centres = np.array([np.flatnonzero(part[y]).mean() for y in ys])
        lean = float(np.polyfit(ys, centres, 1)[0]) if ys.size > 2 else 0.0
        out.append(Glyph(lean, float(part.sum(axis=1).max() / part.shape[1]), ys.size / ink.shape[0], int(end - start)))
    return out


MERGED_WIDTH = 1.6  # a glyph this many times the median width is two touching glyphs


def _merged(found: list[Glyph]) -> int | None:
    """The index of the one glyph that is two touching ones (much wider than the others), None if not one."""
    median = float(np.median([g.width for g in found]))
    wide = [k for k, g in enumerate(found) if g.width >= MERGED_WIDTH * median]
    return wide[0] if len(wide) == 1 else None


def slash_at(word: np.ndarray, index: int, length: int) -> bool | None:
    """Whether character ``index`` of a word of ``length`` characters (its image ``word``) is a slash; None when
    the image does not split into ``length`` glyphs, or one fewer (two glyphs left of it touch: it is then
    counted from the right), or the font leans (no sure answer)."""
    found = glyphs(word)
    if length < 3 or not 0 <= index < length:
        return None
    if len(found) == length:
        at = index
    elif len(found) == length - 1 and index > 0:
        at = len(found) - (length - index)
        if _merged(found) not in range(at):
            return None  # the touching pair is not (surely) left of the glyph asked about
    else:
        return None
    others = [g.lean for k, g in enumerate(found) if k != at]
    if max(others) < -UPRIGHT:
        return None  # an italic font: every glyph leans, none stands upright
    glyph = found[at]
    return glyph.lean <= SLASH_LEAN and glyph.widest_row <= SLASH_ROW_SHARE and glyph.height >= MIN_HEIGHT_SHARE
