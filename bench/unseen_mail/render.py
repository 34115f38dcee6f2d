"""Pixels and files: draw composed pages, imitate a mailroom scan, save image-only PDF or multi-page TIFF."""
from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageChops, ImageDraw, ImageFilter

from .layout import PAGE_H, PAGE_W, PT_MM, Box, Line, Page, Rule, truetype


@dataclass(frozen=True)
class ScanParams:
    dpi: int
    mode: str  # gray | bilevel
    fmt: str  # pdf | tiff
    angle: float
    blur: float
    noise: float
    threshold: int
    stamp_text: str | None  # e.g. "Eingegangen\n12. Mai 2025"; None = no stamp
    # where the receipt stamp lands: "head" = always over the upper right (the info block: a stress test),
    # "page" = anywhere on the first page, as the stamps of the shared developer corpus are spread
    stamp_place: str = "head"

    def as_json(self) -> dict[str, object]:
        return {"dpi": self.dpi, "mode": self.mode, "fmt": self.fmt, "angle": round(self.angle, 2),
                "blur": self.blur, "noise": self.noise, "threshold": self.threshold,
                "stamp": self.stamp_text is not None, "stamp_place": self.stamp_place}


def draw_page(page: Page, family: str, dpi: int) -> Image.Image:
    k = dpi / 25.4
    img = Image.new("L", (round(PAGE_W * k), round(PAGE_H * k)), 255)
    d = ImageDraw.Draw(img)
    for item in page.items:
        if isinstance(item, Line):
            font = truetype(family, item.style, max(6, round(item.size * PT_MM * k)))
            for seg in item.segs:
                if seg.text:
                    d.text((seg.x * k, item.y * k), seg.text, font=font, fill=0, anchor=f"{'m' if seg.align == 'c' else seg.align}s")
        elif isinstance(item, Rule):
            d.line([(item.x0 * k, item.y * k), (item.x1 * k, item.y * k)], fill=0, width=max(1, round(item.width * k)))
        elif isinstance(item, Box):
            box = [item.x0 * k, item.y0 * k, item.x1 * k, item.y1 * k]
            if item.fill:
                d.rectangle(box, fill=170)
            else:
                d.rectangle(box, outline=90, width=max(1, round(0.2 * k)))
    return img


def stamp_image(text: str, family: str, dpi: int, rng: random.Random) -> Image.Image:
    k = dpi / 25.4
    lines = text.split("\n")
    font = truetype(family, "bold", round(4.2 * k))
    small = truetype(family, "regular", round(3.2 * k))
    w = round(62 * k)
    h = round((8 + 6 * len(lines)) * k)
    img = Image.new("L", (w, h), 255)
    d = ImageDraw.Draw(img)
    ink = rng.randrange(60, 130)
    d.rectangle([2, 2, w - 3, h - 3], outline=ink, width=max(2, round(0.5 * k)))
    y = 4 * k
    for i, ln in enumerate(lines):
        f = font if i < 2 else small
        d.text((w / 2, y), ln, font=f, fill=ink, anchor="ma")
        y += 6 * k
    return img.rotate(rng.uniform(-8, 8), expand=True, fillcolor=255, resample=Image.BICUBIC)


def scan(img: Image.Image, params: ScanParams, family: str, rng: random.Random, with_stamp: bool
         ) -> tuple[Image.Image, list[dict[str, object]]]:
    annotations: list[dict[str, object]] = []
    if with_stamp and params.stamp_text:
        st = stamp_image(params.stamp_text, family, params.dpi, rng)
        k = params.dpi / 25.4
        if params.stamp_place == "page":
            x = min(round(rng.uniform(35, 155) * k), img.width - st.width)
            y = min(round(rng.uniform(13, 230) * k), img.height - st.height)
        else:
            x = round(rng.uniform(105, 140) * k)
            y = round(rng.uniform(14, 40) * k)
        layer = Image.new("L", img.size, 255)
        layer.paste(st, (x, y))
        img = ImageChops.darker(img, layer)
        annotations.append({"type": "stamp", "text": params.stamp_text, "bbox": [x, y, x + st.width, y + st.height]})
    img = img.rotate(params.angle, resample=Image.BICUBIC, fillcolor=255)
    if params.blur:
        img = img.filter(ImageFilter.GaussianBlur(params.blur))
    arr = np.asarray(img, dtype=np.float32)
    nrng = np.random.default_rng(rng.randrange(2**32))
    arr = arr * rng.uniform(0.9, 1.0) + rng.uniform(0, 12)  # paper tint / contrast
    arr += nrng.normal(0.0, params.noise, arr.shape).astype(np.float32)
    out = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "L")
    if params.mode == "bilevel":
        out = out.point(lambda v: 255 if v > params.threshold else 0).convert("1", dither=Image.Dither.NONE)
    return out, annotations


def save(images: list[Image.Image], path: Path, params: ScanParams) -> None:
    first, rest = images[0], images[1:]
    if params.fmt == "pdf":
        extra = {"quality": 70} if params.mode == "gray" else {}
        first.save(path, "PDF", save_all=True, append_images=rest, resolution=float(params.dpi), **extra)
    else:
        extra = {"compression": "group4"} if params.mode == "bilevel" else {"compression": "jpeg", "quality": 70}
        first.save(path, "TIFF", save_all=True, append_images=rest, dpi=(params.dpi, params.dpi), **extra)


def choose_scan(rng: random.Random, stamp_text: str | None, stamp_place: str = "head") -> ScanParams:
    mode = rng.choice(("gray", "gray", "bilevel"))
    return ScanParams(dpi=rng.choice((200, 300, 300)), mode=mode, fmt=rng.choice(("pdf", "pdf", "tiff")),
                      angle=round(rng.uniform(-1.5, 1.5), 2), blur=rng.choice((0.0, 0.0, 0.4, 0.7)),
                      noise=round(rng.uniform(2.0, 9.0), 1), threshold=rng.randrange(150, 190),
                      stamp_text=stamp_text, stamp_place=stamp_place)
