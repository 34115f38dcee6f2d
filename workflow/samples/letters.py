"""Render letters as 'scanned' page images (Pillow): grey 200 dpi, slight skew, noise; saved as TIFF or PDF."""
from __future__ import annotations

import io
import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

A4_MM = (210, 297)
FONT_DIRS = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/truetype/liberation")


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for d in FONT_DIRS:
        for name in ("DejaVuSans.ttf", "LiberationSans-Regular.ttf"):
            p = Path(d) / name
            if p.exists():
                return ImageFont.truetype(str(p), size)
    return ImageFont.load_default()


def render_page(lines: list[str], *, dpi: int = 200, skew_deg: float = 0.8, seed: int = 1) -> Image.Image:
    """One A4 page with the given text lines, as a greyscale scan would look."""
    rng = random.Random(seed)
    w, h = (round(mm / 25.4 * dpi) for mm in A4_MM)
    img = Image.new("L", (w, h), 255)
    draw = ImageDraw.Draw(img)
    font = _font(round(11 / 72 * dpi))  # 11 pt
    x, y = round(25 / 25.4 * dpi), round(20 / 25.4 * dpi)
    step = round(11 / 72 * dpi * 1.45)
    for line in lines:
        draw.text((x, y), line, fill=rng.randint(0, 40), font=font)
        y += step
    img = img.rotate(skew_deg, resample=Image.Resampling.BICUBIC, fillcolor=255, expand=False)
    img = img.filter(ImageFilter.GaussianBlur(0.4))
    noise = Image.frombytes("L", img.size, rng.randbytes(img.size[0] * img.size[1]))  # seeded: same bytes per seed
    return Image.blend(img, noise, 0.04)


def to_tiff(pages: list[Image.Image], dpi: int = 200) -> bytes:
    buf = io.BytesIO()
    pages[0].save(buf, format="TIFF", save_all=True, append_images=pages[1:], compression="tiff_lzw",
                  dpi=(dpi, dpi))
    return buf.getvalue()


def to_pdf(pages: list[Image.Image], dpi: int = 200) -> bytes:
    buf = io.BytesIO()
    pages[0].convert("L").save(buf, format="PDF", save_all=True, append_images=[p.convert("L") for p in pages[1:]],
                               resolution=float(dpi))
    return buf.getvalue()


WIDERSPRUCH = [
    "Martina Keller · Lindenstraße 14 · 50999 Musterstadt",
    "",
    "Stadt Musterstadt",
    "Der Bürgermeister – Ordnungsamt",
    "Rathausplatz 1",
    "50999 Musterstadt",
    "",
    "                                                   Musterstadt, 03.11.2026",
    "",
    "Widerspruch gegen den Gebührenbescheid vom 20.10.2026, Az. 32-2026-4471",
    "",
    "Sehr geehrte Damen und Herren,",
    "",
    "gegen den oben genannten Bescheid, mir zugestellt am 22.10.2026, lege ich",
    "hiermit fristgerecht Widerspruch ein.",
    "",
    "Die festgesetzte Verwaltungsgebühr für die Sondernutzung des Gehwegs ist",
    "zu hoch bemessen, da die Fläche nur an zwei Tagen genutzt wurde.",
    "Ich bitte um Aufhebung des Bescheides und um eine Eingangsbestätigung.",
    "",
    "Mit freundlichen Grüßen",
    "",
    "Martina Keller",
]


def widerspruch_scan() -> bytes:
    return to_tiff([render_page(WIDERSPRUCH, seed=7)])
