"""Everything done for one scanned page: decode, normalise, skip blanks, recognise, prepare the rendition image.

Runs in a worker process (or inline); values in, a :class:`PageResult` out. Typed errors for bad pages.
"""
from __future__ import annotations

import io
import logging
import time
import zlib
from dataclasses import dataclass, replace

import numpy as np
from PIL import Image

from workflow.ocr.engine import UPRIGHT, OcrEngine, to_recognition
from workflow.ocr.errors import OcrEngineError, OcrTimeoutError
from workflow.ocr.framelook import head_between_strokes, head_number_through_frame, stamp_in_head
from workflow.ocr.glyphs import slash_at
from workflow.ocr.imaging import (
    decode_page,
    deskew,
    estimate_skew,
    flatten_alpha,
    is_blank,
    rescale_for_ocr,
    to_gray,
)
from workflow.ocr.lightstamp import StampBox, find_light_stamps, stamp_band
from workflow.ocr.model import OcrLimits, PageImage, Recognition
from workflow.ocr.ownlook import disputed_number_text, head_number_confirmed, unconfirmed_band_number_text
from workflow.ocr.rendition import EmbeddedImage
from workflow.ocr.rows import rows_text
from workflow.ocr.secondlook import head_without_lines, without_thick_strokes
from workflow.ocr.stampnear import doubted_date_text, doubted_text
from workflow.ocr.valuelook import value_beside_label
from workflow.paperinvoice.frame_look import number_line, wants_frame_look
from workflow.paperinvoice.second_look import (
    INVOICE_WORD,
    join_reading,
    slash_question,
    slash_reading,
    unconfirmed_number,
    usable_reading,
    wants_number_look,
    wants_second_reading,
)

log = logging.getLogger(__name__)


RENDITION_JPEG_QUALITY = 75


@dataclass(frozen=True, slots=True)
class PageResult:
    """Outcome for one page. ``recognition`` is None for a blank page (``note`` says so)."""

    index: int
    recognition: Recognition | None
    note: str | None
    image_size: tuple[int, int]  # pixels of the stored image (before any rescale)
    dpi: float
    skew: float  # degrees (counter-clockwise) the image was turned before OCR; words are in that frame
    embed: EmbeddedImage | None  # image for a new rendition PDF (raster inputs only)
    seconds: float


def process_page(engine: OcrEngine, page: PageImage, limits: OcrLimits, *, want_embed: bool) -> PageResult:
    """Decode and recognise ``page`` with ``engine``; prepare its rendition image when ``want_embed``."""
    started = time.perf_counter()
    decoded = decode_page(page, limits)
    embed = embedded_image(decoded, page) if want_embed else None
    gray = to_gray(decoded, invert=page.invert)
    gray, dpi = rescale_for_ocr(gray, page.dpi, limits)
    if is_blank(gray):
        return PageResult(page.index, None, f"Seite {page.index + 1} ist leer (kein Text erkannt).",
                          decoded.size, page.dpi, 0.0, embed, time.perf_counter() - started)
    skew = estimate_skew(gray, limits.max_skew_degrees)
    if abs(skew) >= limits.min_deskew_degrees:
        gray = deskew(gray, skew)
    else:
        skew = 0.0
    gray.info["dpi"] = (dpi, dpi)
    try:
        raw = engine.recognize(gray, timeout_s=limits.page_timeout_s)
    except TimeoutError as exc:
        raise OcrTimeoutError(f"Seite {page.index + 1}: Texterkennung nach {limits.page_timeout_s:.0f} s "
                              f"abgebrochen ({exc}).") from exc
    except Exception as exc:  # an engine fault must not look like a damaged document
        raise OcrEngineError(f"Seite {page.index + 1}: OCR-Engine-Fehler ({type(exc).__name__}: {exc}).") from exc
    recognition = to_recognition(raw, gray.size)
    stamps = _light_stamps(gray, dpi, recognition, page.index)
    recognition = _reread_under_light_stamps(engine, gray, dpi, recognition, page.index, limits, stamps)
    recognition = _look_at_slash(gray, recognition, page.index)
    recognition = _second_look_at_head(engine, gray, dpi, recognition, page.index, limits)
    recognition = _look_beside_label(engine, gray, dpi, recognition, page.index, limits)
    recognition = _doubt_beside_stamp(engine, gray, dpi, recognition, page.index, limits, stamps)
    recognition = _look_through_frame(engine, gray, dpi, recognition, page.index, limits, stamps)
    if gray.size != decoded.size:
        recognition = _scale_words(recognition, decoded.size[0] / gray.size[0], decoded.size)
    return PageResult(page.index, recognition, None, decoded.size, page.dpi, skew, embed,
                      time.perf_counter() - started)


def _light_stamps(gray: Image.Image, dpi: float, recognition: Recognition, index: int) -> list[StampBox]:
    """The light receipt stamps of an invoice's first page (receipt stamps sit there; [] on other pages)."""
    if recognition.orientation != 0 or index != 0 or not INVOICE_WORD.search(recognition.text):
        return []  # the boxes would be in the frame of the unturned image; only an invoice's fields matter
    return find_light_stamps(gray, dpi)


def _reread_under_light_stamps(engine: OcrEngine, gray: Image.Image, dpi: float, recognition: Recognition,
                               index: int, limits: OcrLimits, stamps: list[StampBox]) -> Recognition:
    """Append the text under each light receipt stamp, read again with the stamp's ink whitened.

    The first reading stays as it is (it holds the stamp's own date); the lines read again follow it, so the
    field extraction finds "Rechnungsnummer  202501-802" that the stamp had covered (as rows rebuilt from
    the word boxes: label and value on one line). A number only these lines give is marked unsure unless its
    own box there read again gives it (workflow.ocr.ownlook). Words are not added: the rendition's text layer
    keeps the first reading.
    """
    extra: list[str] = []
    bands: list[tuple[Image.Image, Recognition]] = []
    for box in stamps:
        band = stamp_band(gray, box, dpi)
        reading = _recognize_part(engine, band, index, limits, "der Texterkennung unter dem Eingangsstempel")
        text = (rows_text(reading.words) if reading.words else reading.text).strip()
        if text:
            extra.append(text)
            bands.append((band, reading))
    if not extra:
        return recognition
    text = "\n\n".join([recognition.text.rstrip(), *extra]) + "\n"

    def read(image: Image.Image) -> Recognition:
        return _recognize_part(engine, image, index, limits, "der Lesung unter dem Eingangsstempel")

    # a number only this reading gives must be read again in its own box (workflow.ocr.ownlook)
    doubted = unconfirmed_band_number_text(read, dpi, text, recognition.words, bands, gray.height)
    return replace(recognition, text=doubted or text)


SLASH_MARGIN = 2  # pixels around a word box: its glyphs' edges, not the neighbours'


def _look_at_slash(gray: Image.Image, recognition: Recognition, index: int) -> Recognition:
    """When an invoice's number is open only for "/" or "1" before its year ("AR 8797125"), look at that glyph in
    the word's box (workflow.ocr.glyphs; no second recognition) and, if it is a slash, append the number with
    its slash - kept only when the fields then give exactly that number and keep every other value. The word
    must be found once on the page; a glyph that does not split cleanly or leans with its font gives no answer."""
    if recognition.orientation != 0 or index != 0 or not recognition.words:
        return recognition
    question = slash_question(recognition.text)
    if question is None:
        return recognition
    word = question.split()[-1]
    boxes = [w for w in recognition.words if w.text.strip() == word]
    if len(boxes) != 1:
        return recognition
    box = boxes[0]
    crop = gray.crop((max(0, box.x0 - SLASH_MARGIN), max(0, box.y0 - SLASH_MARGIN),
                      min(gray.width, box.x1 + SLASH_MARGIN), min(gray.height, box.y1 + SLASH_MARGIN)))
    if not slash_at(np.asarray(crop.convert("L")), len(word) - 3, len(word)):
        return recognition
    value = slash_reading(recognition.text, question)
    if value is None:
        return recognition
    return replace(recognition, text=join_reading(recognition.text, value))


def _second_look_at_head(engine: OcrEngine, gray: Image.Image, dpi: float, recognition: Recognition,
                         index: int, limits: OcrLimits) -> Recognition:
    """Read the head of an invoice's first page again when the first reading lacks the invoice number or
    date: frames and rules whitened, and if that does not help, bold stamp strokes as well. A reading is kept
    (as word-box rows, appended) only when it fills the gap and changes no field the first reading gave; a
    number the first reading does not confirm is left out of it (workflow.paperinvoice.second_look) unless its
    own box in the page as scanned, read again, gives it (workflow.ocr.ownlook.head_number_confirmed: up to
    three small recognitions more on those few pages).

    Costs one or two recognitions of 45 % of a page on the few first pages that need them (and one fields
    extraction, a few milliseconds, on every invoice's first page). Words are not added: the rendition keeps
    the first reading.
    """
    if recognition.orientation != 0 or index != 0 or not wants_second_reading(recognition.text):
        return recognition  # (its title-line test comes before any extraction: cheap on other letters)
    head = head_without_lines(gray, dpi)

    def read(image: Image.Image) -> Recognition:
        return _recognize_part(engine, image, index, limits, "der Lesung im Feld der Nummer")

    for image in (head, without_thick_strokes(head, dpi)):
        reading = _recognize_part(engine, image, index, limits, "der zweiten Lesung des Seitenkopfs")
        extra = (rows_text(reading.words) if reading.words else reading.text).strip()
        number = unconfirmed_number(recognition.text, extra)
        if number is not None and reading.words and head_number_confirmed(read, gray, dpi, reading, number):
            return replace(recognition, text=join_reading(recognition.text, extra))
        usable = usable_reading(recognition.text, extra)
        if usable is not None:
            return replace(recognition, text=join_reading(recognition.text, usable))
    return recognition


def _look_beside_label(engine: OcrEngine, gray: Image.Image, dpi: float, recognition: Recognition,
                       index: int, limits: OcrLimits) -> Recognition:
    """When an invoice's first page still lacks its number, read the value box beside (or below) the number's
    label again as small one-line images (workflow.ocr.valuelook) and append "label  number" when three
    differently prepared readings agree. Words are not added: the rendition keeps the first reading."""
    if recognition.orientation != 0 or index != 0 or not recognition.words or \
            not wants_number_look(recognition.text):
        return recognition

    def read(image: Image.Image) -> Recognition:
        return _recognize_part(engine, image, index, limits, "der Lesung neben dem Nummernfeld")

    line = value_beside_label(read, gray, dpi, recognition)
    return recognition if line is None else replace(recognition, text=join_reading(recognition.text, line))


def _doubt_beside_stamp(engine: OcrEngine, gray: Image.Image, dpi: float, recognition: Recognition,
                        index: int, limits: OcrLimits, stamps: list[StampBox]) -> Recognition:
    """When the invoice number's word on a first page touches a receipt stamp and no second reading or look at
    its value box confirms it, mark it unsure in the text (workflow.ocr.stampnear); the invoice date likewise.
    A number away from stamps (or confirmed beside one) is marked unsure when its own box read again gives
    another figure (workflow.ocr.ownlook). Words are not changed."""
    if recognition.orientation != 0 or index != 0 or not recognition.words or \
            not INVOICE_WORD.search(recognition.text):
        return recognition

    def read(image: Image.Image) -> Recognition:
        return _recognize_part(engine, image, index, limits, "der Lesung neben dem Stempel")

    text = doubted_text(read, gray, dpi, recognition, stamps)
    if text is None:
        text = disputed_number_text(read, gray, dpi, recognition)  # no stamp doubt: its own box read again
    recognition = recognition if text is None else replace(recognition, text=text)
    text = doubted_date_text(read, gray, dpi, recognition, stamps)
    return recognition if text is None else replace(recognition, text=text)


def _look_through_frame(engine: OcrEngine, gray: Image.Image, dpi: float, recognition: Recognition,
                        index: int, limits: OcrLimits, stamps: list[StampBox]) -> Recognition:
    """When an invoice's first page still lacks its number (or has it unsure) after every other look and a receipt
    stamp lies in its head (workflow.ocr.framelook.stamp_in_head: a turned frame line counts), read the head once
    more with frames taken out only between strokes. A number only that reading gives is appended (its row
    alone, no other field changed) when its own box, read with the frame taken out at its angle, gives exactly
    it and, read as scanned, fits it (``head_number_through_frame``). One recognition of 45 % of a page and up
    to two small ones, on those few pages only. Words are not added: the rendition keeps the first reading."""
    if recognition.orientation != 0 or index != 0 or not wants_frame_look(recognition.text) or \
            not stamp_in_head(gray, dpi, recognition, stamps):
        return recognition

    def read(image: Image.Image) -> Recognition:
        return _recognize_part(engine, image, index, limits, "der Lesung durch den Stempelrahmen")

    reading = read(head_between_strokes(gray, dpi))
    extra = rows_text(reading.words).strip()
    number = unconfirmed_number(recognition.text, extra)
    if number is None or not head_number_through_frame(read, gray, dpi, reading, number):
        return recognition
    row = number_line(recognition.text, extra, number)
    return recognition if row is None else replace(recognition, text=join_reading(recognition.text, row))


CROP_MARGIN_INCH = 0.1  # white kept above and below the rows a part's ink spans
MIN_CROP_SAVING = 0.25  # crop a part only when that leaves out at least this share of its rows


def _ink_rows(image: Image.Image, dpi: float) -> tuple[Image.Image, int]:
    """(the part cut to the rows its ink spans plus a margin, full width, and the rows cut off above); the part
    as it is when cutting saves little. The re-reads whiten everything but a band of the page (the page keeps its
    width, so the layout analysis sees columns where they are): tesseract would spend a third of its time on
    white rows."""
    pixels = np.asarray(image.convert("L") if image.mode != "L" else image)
    inked = np.flatnonzero(pixels.min(axis=1) < 255)
    if not inked.size:
        return image, 0
    margin = round(CROP_MARGIN_INCH * dpi)
    top, bottom = max(0, int(inked[0]) - margin), min(image.height, int(inked[-1]) + 1 + margin)
    if bottom - top > (1 - MIN_CROP_SAVING) * image.height:
        return image, 0
    return image.crop((0, top, image.width, bottom)), top


def _recognize_part(engine: OcrEngine, image: Image.Image, index: int, limits: OcrLimits, what: str) -> Recognition:
    """Recognise a prepared part of page ``index``, upright (no orientation check) and cut to the rows its ink
    spans (the words come back in the part's coordinates); ``what`` names the reading in the error of a timeout
    or an engine fault."""
    dpi = float((image.info.get("dpi") or (300, 300))[0])
    part, top = _ink_rows(image, dpi)
    if part is image:
        part = image.copy()  # the flag goes on the read's own image, not on the caller's
    part.info[UPRIGHT] = True
    try:
        raw = engine.recognize(part, timeout_s=limits.page_timeout_s)
    except TimeoutError as exc:
        raise OcrTimeoutError(f"Seite {index + 1}: Abbruch {what} nach {limits.page_timeout_s:.0f} s "
                              f"({exc}).") from exc
    except Exception as exc:
        raise OcrEngineError(f"Seite {index + 1}: OCR-Engine-Fehler bei {what} "
                             f"({type(exc).__name__}: {exc}).") from exc
    recognition = to_recognition(raw, part.size)
    if part.size == image.size and not top:
        return recognition
    words = tuple(replace(w, y0=w.y0 + top, y1=w.y1 + top) for w in recognition.words)
    return replace(recognition, words=words, upright_size=image.size)


def embedded_image(decoded: Image.Image, page: PageImage) -> EmbeddedImage:
    """The stored image as a PDF image stream: JPEG files as they are, bilevel as Flate, the rest as JPEG."""
    if page.original_format == "JPEG" and page.frame == 0 and decoded.mode in ("L", "RGB") and not page.invert:
        return EmbeddedImage("DCTDecode", page.encoded, decoded.width, decoded.height, 8,
                             "DeviceGray" if decoded.mode == "L" else "DeviceRGB")
    if decoded.mode == "1":
        return EmbeddedImage("FlateDecode", zlib.compress(decoded.tobytes(), 6), decoded.width, decoded.height, 1,
                             "DeviceGray")
    flat = flatten_alpha(decoded)
    color = flat.mode in ("RGB", "CMYK", "P", "YCbCr", "LAB", "HSV")
    converted = flat.convert("RGB") if color else to_gray(flat)
    buffer = io.BytesIO()
    converted.save(buffer, "JPEG", quality=RENDITION_JPEG_QUALITY, optimize=False)
    return EmbeddedImage("DCTDecode", buffer.getvalue(), converted.width, converted.height, 8,
                         "DeviceRGB" if color else "DeviceGray")


def _scale_words(recognition: Recognition, factor: float, size: tuple[int, int]) -> Recognition:
    words = tuple(
        replace(w, x0=round(w.x0 * factor), y0=round(w.y0 * factor), x1=round(w.x1 * factor), y1=round(w.y1 * factor))
        for w in recognition.words
    )
    upright = size if recognition.orientation in (0, 180) else (size[1], size[0])
    return replace(recognition, words=words, upright_size=upright)
