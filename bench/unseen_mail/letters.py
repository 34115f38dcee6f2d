"""Letter specifications and five page layouts that turn them into composed pages."""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Union

from .layout import PAGE_W, Composer, Page, Seg, text_mm


@dataclass
class Table:
    header: list[str]
    rows: list[list[str]]
    cols: list[tuple[float, str]]  # (x mm, align) per column, x relative to the left margin
    ruled: bool = True


@dataclass
class Totals:
    pairs: list[tuple[str, str]]
    bold_last: bool = True


@dataclass
class Lines:
    lines: list[str]
    style: str = "regular"


@dataclass
class Form:
    pairs: list[tuple[str, str]]
    boxed: bool = True


Block = Union[str, Table, Totals, Lines, Form]


@dataclass
class LetterSpec:
    head: list[str]  # letterhead: first line is the sender name
    return_line: str  # small sender line above the address window ("" = none)
    recipient: list[str]
    info: list[tuple[str, str]]  # info block pairs (label, value)
    place_date: str  # "Grauburg, 3. Februar 2025" or just a date; "" when the date is in the info block
    subject: list[str]
    body: list[Block]
    closing: list[str] = field(default_factory=list)
    footer: list[list[str]] = field(default_factory=list)  # columns, left to right
    title: str = ""  # large document title (e.g. "RECHNUNG"), "" for plain letters
    appendix: list[Block] = field(default_factory=list)  # printed on a new page after the closing


LAYOUTS = ("din_b_info_right", "din_a_info_right", "info_left", "sidebar", "modern")


def _head(c: Composer, spec: LetterSpec, rng: random.Random, align: str) -> None:
    if not spec.head:
        return
    c.line(spec.head[0], size=rng.choice((15, 17, 19)), style="bold", align=align)
    for extra in spec.head[1:]:
        c.line(extra, size=8.5, align=align)


def _recipient(c: Composer, spec: LetterSpec, top: float, x: float = 25.0) -> float:
    y = top
    if spec.return_line:
        y += 3.0
        c.put(y, [Seg(x, spec.return_line)], 7.0)
        c.rule(x, y + 1.0, x + min(80.0, text_mm(spec.return_line, c.family, "regular", 7.0)), 0.15)
        y += 4.0
    for ln in spec.recipient:
        y += c.step(10)
        c.put(y, [Seg(x, ln)], 10)
    return y


def _info_right(c: Composer, spec: LetterSpec, top: float, x: float = 122.0, stacked: bool = False) -> float:
    y = top
    for label, value in spec.info:
        if stacked:
            y += c.step(7.5)
            c.put(y, [Seg(x, label)], 7.5)
            y += c.step(9)
            c.put(y, [Seg(x, value)], 9)
        else:
            y += c.step(9)
            c.put(y, [Seg(x, f"{label}:"), Seg(x + 34.0, value)], 9)
    return y


def _body(c: Composer, spec: LetterSpec, rng: random.Random, size: float) -> None:
    for block in spec.body:
        if isinstance(block, str):
            c.para(block, size=size)
            c.gap(size * 0.35)
        elif isinstance(block, Lines):
            for ln in block.lines:
                c.line(ln, size=size, style=block.style)
            c.gap(size * 0.35)
        elif isinstance(block, Form):
            for label, value in block.pairs:
                c.ensure(12)
                c.line(label, size=size - 1.5, style="bold")
                c.line(value or " ", x=c.left + 4, size=size)
                if block.boxed:
                    c.box(c.left, c.y - c.step(size) * 2 - 0.5, c.right, c.y + 1.8)
                c.gap(2.5)
        elif isinstance(block, Table):
            _table(c, block, size - 0.5)
        elif isinstance(block, Totals):
            c.gap(2)
            for i, (label, value) in enumerate(block.pairs):
                last = block.bold_last and i == len(block.pairs) - 1
                if last:
                    c.ensure(8)
                    c.rule(c.right - 75, c.y + 1.2, c.right, 0.25)
                c.row([Seg(c.right - 75, label), Seg(c.right, value, "r")], size, "bold" if last else "regular")
            c.gap(4)


def _table(c: Composer, t: Table, size: float) -> None:
    c.ensure(20)
    if t.ruled:
        c.rule(c.left, c.y + 1.0, c.right, 0.3)
    c.row([Seg(c.left + x, h, a) for (x, a), h in zip(t.cols, t.header)], size, "bold")
    c.rule(c.left, c.y + 1.5, c.right, 0.25 if t.ruled else 0.15)
    c.gap(1.2)
    for r in t.rows:
        c.row([Seg(c.left + x, v, a) for (x, a), v in zip(t.cols, r)], size)
    if t.ruled:
        c.rule(c.left, c.y + 1.5, c.right, 0.3)
    c.gap(2)


def _closing(c: Composer, spec: LetterSpec, size: float) -> None:
    if not spec.closing:
        return
    c.gap(3)
    c.ensure(c.step(size) * (len(spec.closing) + 3))
    c.line(spec.closing[0], size=size)
    c.gap(12)  # room for a signature
    for ln in spec.closing[1:]:
        c.line(ln, size=size)


def _footer(pages: list[Page], spec: LetterSpec, family: str, left: float, right: float) -> None:
    n = len(pages)
    for i, page in enumerate(pages, 1):
        c = Composer(family)
        c.pages = [page]
        if n > 1:
            c.put(284.0 - 9.0, [Seg(right, f"Seite {i} von {n}", "r")], 8)
        if not spec.footer:
            continue
        cols = len(spec.footer)
        width = (right - left) / cols
        c.rule(left, 283.0 - 3.5 * max(len(col) for col in spec.footer), right, 0.15)
        depth = max(len(col) for col in spec.footer)
        for row in range(depth):
            y = 287.0 - 3.3 * (depth - row)
            segs = [Seg(left + k * width, col[row]) for k, col in enumerate(spec.footer) if row < len(col)]
            c.put(y, segs, 6.8)


def compose(spec: LetterSpec, layout: str, family: str, rng: random.Random) -> list[Page]:
    size = rng.choice((9.5, 10.0, 10.5, 11.0)) if "Mono" not in family else rng.choice((9.0, 9.5))
    right = 190.0 if layout != "sidebar" else 150.0
    c = Composer(family, top=18.0, bottom=262.0 if spec.footer else 272.0, right=right)
    c.continuation_header = f"{spec.head[0] if spec.head else ''} – {spec.subject[0] if spec.subject else ''}".strip(" –")
    if layout == "sidebar":
        c.y = 12.0
        _head(c, spec, rng, "l")
        y = 50.0
        for ln in spec.head[1:2] + [f"{a}: {b}" for a, b in spec.info]:
            y += c.step(8)
            c.put(y, [Seg(157.0, ln)], 7.5)
        end = _recipient(c, spec, 45.0)
        c.y = max(end, 85.0) + 8
    elif layout in ("din_b_info_right", "din_a_info_right"):
        form_b = layout == "din_b_info_right"
        c.y = 10.0
        _head(c, spec, rng, rng.choice(("l", "c", "r")))
        if not form_b:
            c.rule(25.0, c.y + 2.5, 190.0, 0.4)
        top = 45.0 if form_b else 27.0
        end = _recipient(c, spec, top)
        end2 = _info_right(c, spec, top + (5 if form_b else 0), stacked=rng.random() < 0.4)
        c.y = max(end, end2, top + 40) + 8
    elif layout == "info_left":
        c.y = 12.0
        _head(c, spec, rng, "r")
        end = _recipient(c, spec, 45.0)
        c.y = max(end, 85.0) + 6
        for label, value in spec.info:
            c.line(f"{label}: {value}", size=9)
        c.gap(2)
    else:  # modern: letterhead band, no info block (info pairs go into the body top as one line)
        c.y = 10.0
        c.box(0.0, 0.0, PAGE_W, 8.0, fill=True)
        c.gap(2)
        _head(c, spec, rng, "l")
        end = _recipient(c, spec, 48.0)
        c.y = max(end, 88.0) + 6
        if spec.info:
            c.line("  ·  ".join(f"{a} {b}" for a, b in spec.info[:3]), size=8.5)
            for a, b in spec.info[3:]:
                c.line(f"{a} {b}", size=8.5)
    if spec.place_date:
        c.line(spec.place_date, size=size, align="r")
    c.gap(6)
    if spec.title:
        c.line(spec.title, size=size + 5, style="bold")
        c.gap(2)
    for s in spec.subject:
        c.line(s, size=size, style="bold")
    c.gap(5)
    _body(c, spec, rng, size)
    _closing(c, spec, size)
    if spec.appendix:
        c.pages.append(Page())
        c.y = c.top
        _body(c, LetterSpec([], "", [], [], "", [], spec.appendix), rng, size - 0.5)
    _footer(c.pages, spec, family, 25.0, 190.0)
    return c.pages
