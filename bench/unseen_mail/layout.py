"""Page composition in millimetres: a letter spec -> pages of visual lines (no pixels, no files).

Each ``Line`` is one visual line; its ground-truth text is the segments joined by single spaces, which is the
shared corpus convention for table rows.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from functools import cache
from typing import Union

from PIL import ImageFont

FONT_DIRS = {"dejavu": "/usr/share/fonts/truetype/dejavu", "liberation": "/usr/share/fonts/truetype/liberation"}
FONT_FILES = {
    "DejaVuSans": ("dejavu", "DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf"),
    "DejaVuSansCondensed": ("dejavu", "DejaVuSansCondensed.ttf", "DejaVuSansCondensed-Bold.ttf",
                            "DejaVuSansCondensed-Oblique.ttf"),
    "DejaVuSerif": ("dejavu", "DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf", "DejaVuSerif-Italic.ttf"),
    "DejaVuSansMono": ("dejavu", "DejaVuSansMono.ttf", "DejaVuSansMono-Bold.ttf", "DejaVuSansMono-Oblique.ttf"),
    "LiberationSans": ("liberation", "LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf",
                       "LiberationSans-Italic.ttf"),
    "LiberationSansNarrow": ("liberation", "LiberationSansNarrow-Regular.ttf", "LiberationSansNarrow-Bold.ttf",
                             "LiberationSansNarrow-Italic.ttf"),
    "LiberationSerif": ("liberation", "LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf",
                        "LiberationSerif-Italic.ttf"),
    "LiberationMono": ("liberation", "LiberationMono-Regular.ttf", "LiberationMono-Bold.ttf",
                       "LiberationMono-Italic.ttf"),
}
STYLE_INDEX = {"regular": 1, "bold": 2, "italic": 3}
PT_MM = 25.4 / 72
PAGE_W, PAGE_H = 210.0, 297.0


def font_path(family: str, style: str) -> str:
    entry = FONT_FILES[family]
    return f"{FONT_DIRS[entry[0]]}/{entry[STYLE_INDEX[style]]}"


@cache
def truetype(family: str, style: str, px: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(font_path(family, style), px)


def text_mm(text: str, family: str, style: str, size_pt: float) -> float:
    return truetype(family, style, 100).getlength(text) / 100 * size_pt * PT_MM


@dataclass
class Seg:
    x: float  # mm; anchor point
    text: str
    align: str = "l"  # l | r | c


@dataclass
class Line:
    y: float  # baseline, mm
    segs: list[Seg]
    size: float = 10.0
    style: str = "regular"

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.segs if s.text)


@dataclass
class Rule:
    x0: float
    y: float
    x1: float
    width: float = 0.3  # mm


@dataclass
class Box:
    x0: float
    y0: float
    x1: float
    y1: float
    fill: bool = False


Item = Union[Line, Rule, Box]


@dataclass
class Page:
    items: list[Item] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(i.text for i in self.items if isinstance(i, Line) and i.text)


class Composer:
    """Places lines with a flowing cursor and breaks pages; all units mm / pt."""

    def __init__(self, family: str, top: float = 25.0, bottom: float = 270.0, left: float = 25.0,
                 right: float = 190.0, leading: float = 1.3) -> None:
        self.family, self.top, self.bottom, self.left, self.right, self.leading = family, top, bottom, left, right, leading
        self.pages: list[Page] = [Page()]
        self.y = top
        self.continuation_header: str | None = None

    @property
    def page(self) -> Page:
        return self.pages[-1]

    def put(self, y: float, segs: list[Seg], size: float = 10.0, style: str = "regular") -> None:
        self.page.items.append(Line(y, segs, size, style))

    def rule(self, x0: float, y: float, x1: float, width: float = 0.3) -> None:
        self.page.items.append(Rule(x0, y, x1, width))

    def box(self, x0: float, y0: float, x1: float, y1: float, fill: bool = False) -> None:
        self.page.items.append(Box(x0, y0, x1, y1, fill))

    def step(self, size: float) -> float:
        return size * PT_MM * self.leading * 1.15

    def ensure(self, height: float) -> None:
        if self.y + height > self.bottom:
            self.pages.append(Page())
            self.y = self.top
            if self.continuation_header:
                self.line(self.continuation_header, size=8.5)
                self.gap(4)

    def line(self, text: str, x: float | None = None, size: float = 10.0, style: str = "regular",
             align: str = "l") -> None:
        h = self.step(size)
        self.ensure(h)
        self.y += h
        anchor_x = x if x is not None else (self.left if align == "l" else self.right if align == "r"
                                            else (self.left + self.right) / 2)
        self.put(self.y, [Seg(anchor_x, text, align)], size, style)

    def row(self, segs: list[Seg], size: float = 10.0, style: str = "regular") -> None:
        h = self.step(size)
        self.ensure(h)
        self.y += h
        self.put(self.y, segs, size, style)

    def gap(self, mm: float) -> None:
        self.y += mm

    def wrap(self, text: str, width: float, size: float, style: str = "regular") -> list[str]:
        words, out, cur = text.split(), [], ""
        for w in words:
            trial = f"{cur} {w}" if cur else w
            if cur and text_mm(trial, self.family, style, size) > width:
                out.append(cur)
                cur = w
            else:
                cur = trial
        if cur:
            out.append(cur)
        return out

    def para(self, text: str, x: float | None = None, width: float | None = None, size: float = 10.0,
             style: str = "regular") -> None:
        x0 = self.left if x is None else x
        for ln in self.wrap(text, (self.right - x0) if width is None else width, size, style):
            self.line(ln, x=x0, size=size, style=style)


def pick_family(rng: random.Random) -> str:
    return rng.choice(tuple(FONT_FILES))
