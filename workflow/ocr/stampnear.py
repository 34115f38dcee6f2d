"""An invoice number whose word box runs into a receipt stamp: read again beside its label, or marked unsure.

A stamp pressed onto the info block can hide a number's last digit ("202507-92" for "202507-921") or change one
under its frame ("202401-698" for "202501-698"), and the page reading gives no sign of it. So on an invoice's
first page the word of the number the extraction finds is checked against the stamps of the first reading:
light stamps (workflow.ocr.lightstamp; their ink does not count as unread ink of a look) and, for every stamp word read ("EINGANG", "Eing.", "gegangen"), the
frame around it (``stamp_frames``: the word widened by FRAME_SIDE and FRAME_BELOW of its height). A number
that touches one is kept only when it stands twice in the text (two readings agree) or when the value box
beside (or below) its label or its own word box widened, read again as small images in all three preparations
of workflow.ocr.valuelook, gives it every time (``confirmed``; separators aside); otherwise its word gets the reject mark U+FFFD in the text and the
extraction reports it unsure (workflow.paperinvoice.stamp_doubt). The invoice date gets the same check
(``doubted_date_text``): its words touching a stamp, printed once, its own box read again must give that
date in one preparation at least and no other date in any (a reading without any date, "07. Sep-ember 2025",
abstains). Geometry pure; readings through ``read``.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date

import numpy as np
from PIL import Image

from workflow.ocr.lightstamp import BELOW_STAMP_INK, MAX_KEPT, StampBox
from workflow.ocr.model import Recognition, Word
from workflow.ocr.rows import rows_text, word_rows
from workflow.ocr.valueline import Box, ValueBox, unread_ink, value_boxes, value_image
from workflow.ocr.valuelook import VARIANTS, Reader, read_variant
from workflow.paperinvoice.dates import find_dates
from workflow.paperinvoice.stamp_doubt import (
    number_word,
    same_date,
    same_number,
    single_date_of,
    single_number_of,
)
from workflow.paperinvoice.value_look import number_labels

# "EINGANG", "Eingegangen", "Eing.", "EINGA" (torn), "gegangen", "Posteingang": a receipt stamp's word
_STAMP_WORD = re.compile(r"^\W*(?:eing|gegangen|posteing)", re.IGNORECASE)
FRAME_SIDE = 4.0  # word heights a stamp's frame reaches left and right of its word
FRAME_ABOVE = 1.5  # word heights above it (frame, padding)
FRAME_BELOW = 4.5  # word heights below it (the date and place lines, frame)
MAX_SILENT = 1  # preparations whose reading may abstain (no word, ink unread); the other two must give the number
OWN_LEFT, OWN_RIGHT, OWN_MARGIN = 0.5, 3.0, 0.15  # the number's own box widened by these word heights (rows tight)


def stamp_frames(words: Sequence[Word], light: Sequence[StampBox]) -> list[Box]:
    """Where receipt stamps lie: the light stamps' boxes and the estimated frame of every stamp word read."""
    frames = [Box(b.x0, b.y0, b.x1, b.y1) for b in light]
    for word in words:
        if _STAMP_WORD.match(word.text):
            h = max(1, word.y1 - word.y0)
            frames.append(Box(round(word.x0 - FRAME_SIDE * h), round(word.y0 - FRAME_ABOVE * h),
                              round(word.x1 + FRAME_SIDE * h), round(word.y1 + FRAME_BELOW * h)))
    return frames


def touches(word: Word, frames: Sequence[Box]) -> bool:
    """True when the word's box overlaps (or touches) one of ``frames``."""
    return any(word.x0 <= f.x1 and f.x0 <= word.x1 and word.y0 <= f.y1 and f.y0 <= word.y1 for f in frames)


def doubted_text(read: Reader, gray: Image.Image, dpi: float, recognition: Recognition,
                 light: Sequence[StampBox]) -> str | None:
    """The page text with the number's word marked unsure, or None when there is nothing to doubt (no number,
    no stamp beside it, or a reading confirms it)."""
    frames = stamp_frames(recognition.words, light)
    if not frames:
        return None  # no stamp on the page: no extraction needed either
    found = single_number_of(recognition.text)
    if found is None:
        return None
    number, marked = found
    words = [w for w in recognition.words if w.y0 <= gray.height // 2 and number_word(w.text, number)]
    if len(words) != 1 or not touches(words[0], frames):
        return None
    clean = _without_light_stamps(gray, [b for b in light if touches(words[0], [Box(b.x0, b.y0, b.x1, b.y1)])])
    if confirmed(read, gray, clean, dpi, recognition, number, with_prefix(words[0], recognition.words, number)):
        return None
    return marked(words[0].text)


def doubted_date_text(read: Reader, gray: Image.Image, dpi: float, recognition: Recognition,
                      light: Sequence[StampBox]) -> str | None:
    """The page text with the invoice date marked unsure after its last word, or None when there is nothing to
    doubt (no date, printed twice, away from every stamp, or its own box read again confirms it: one preparation
    gives the date, none another date)."""
    frames = stamp_frames(recognition.words, light)
    if not frames:
        return None
    found = single_date_of(recognition.text)
    if found is None:
        return None
    value, marked = found
    places = date_words(recognition.words, value, gray.height // 2)
    if len(places) != 1 or not any(touches(w, frames) for w in places[0]):
        return None
    words = places[0]
    clean = _without_light_stamps(gray, [b for b in light
                                         if any(touches(w, [Box(b.x0, b.y0, b.x1, b.y1)]) for w in words)])
    whole = Word(words[-1].text, words[0].x0, min(w.y0 for w in words), words[-1].x1, max(w.y1 for w in words),
                 words[-1].line)
    # the first reading gave the date: one preparation more that reads it, and none that reads another date
    if _agrees(read, gray, clean, dpi, "", own_box(whole, gray.size), lambda text: same_date(text, value),
               max_silent=len(VARIANTS) - 1):
        return None
    return marked([w.text for w in words])


def date_words(words: Sequence[Word], value: date, bottom: int) -> list[list[Word]]:
    """For every place in the rows above ``bottom`` where the date ``value`` is printed, the words it spans."""
    out: list[list[Word]] = []
    for row in word_rows([w for w in words if w.y0 <= bottom]):
        starts, at = [], 0
        for word in row:
            starts.append(at)
            at += len(word.text) + 1
        line = " ".join(w.text for w in row)
        for hit in find_dates(line):
            if hit.value == value:
                out.append([w for w, s in zip(row, starts) if s < hit.end and s + len(w.text) > hit.start])
    return [place for place in out if place]


def _without_light_stamps(gray: Image.Image, stamps: Sequence[StampBox]) -> Image.Image:
    """``gray`` with the light ink of ``stamps`` whitened inside their boxes (as the reading under a light stamp
    does: workflow.ocr.lightstamp.stamp_band): the stamp's ink is no glyph the reading left out. (The readings
    themselves see the page as it is: the whitening also thins the print.)"""
    if not stamps:
        return gray
    pixels = np.asarray(gray).copy()
    for b in stamps:
        part = pixels[b.y0:b.y1, b.x0:b.x1]
        part[part > min(MAX_KEPT, b.ink - BELOW_STAMP_INK)] = 255
    out = Image.fromarray(pixels)
    out.info.update(gray.info)
    return out


def with_prefix(word: Word, words: Sequence[Word], number: str) -> Word:
    """The number's last word widened over the words before it on its line that are the number's other parts
    ("VR" of "VR 7234/25")."""
    parts = number.split()[:-1]
    line = [w for w in words if w.line == word.line and w.x1 <= word.x0]
    line.sort(key=lambda w: w.x0)
    x0 = word.x0
    while parts and line and line[-1].text.strip() == parts[-1]:
        x0 = line.pop().x0
        parts.pop()
    return Word(word.text, x0, word.y0, word.x1, word.y1, word.line)


def own_box(word: Word, size: tuple[int, int]) -> ValueBox:
    """The number's own word box widened for a re-reading: OWN_LEFT word heights left (a prefix), OWN_RIGHT
    right (a last digit the stamp hid), OWN_MARGIN above and below."""
    h = max(8, word.y1 - word.y0)
    box = Box(max(0, round(word.x0 - OWN_LEFT * h)), max(0, round(word.y0 - OWN_MARGIN * h)),
              min(size[0], round(word.x1 + OWN_RIGHT * h)), min(size[1], round(word.y1 + OWN_MARGIN * h)))
    return ValueBox(box, (word.y0, word.y1))


def confirmed(read: Reader, gray: Image.Image, clean: Image.Image, dpi: float, recognition: Recognition,
              number: str, word: Word) -> bool:
    """True when a place of the value read again gives ``number`` in every preparation: the value box right of
    (or below) a number label, or the number's own word box widened (``own_box``; a label OCR tore is not
    found). ``clean`` is ``gray`` with light stamp ink whitened: ink left unread is looked for there."""
    places = [(label.text, place) for label in number_labels(word_rows(recognition.words), gray.height)
              for place in value_boxes(Box(label.x0, label.y0, label.x1, label.y1), gray.size, dpi)]
    places.append(("", own_box(word, gray.size)))
    return any(_agrees(read, gray, clean, dpi, label, place, lambda text: same_number(text, number))
               for label, place in places)


def _agrees(read: Reader, gray: Image.Image, clean: Image.Image, dpi: float, label: str, place: ValueBox,
            gives: Callable[[str], bool | None], max_silent: int = MAX_SILENT) -> bool:
    """Every preparation's reading of ``place`` ``gives`` the value, but one that reads no word at all, leaves ink
    unread (a stamp's frame or light ink through the value as scanned) or that ``gives`` None for (no value of
    the kind read at all): that reading abstains."""
    silent = 0
    for variant in VARIANTS:
        # a label's box is read whole (its row); the own box is cut tight: all of its words
        image, words, core = read_variant(read, gray, dpi, place, variant, whole=bool(label))
        inked = image if clean is gray else value_image(clean, place.box, dpi, core=place.core,
                                                        **variant)  # type: ignore[arg-type]
        vote = gives(rows_text(words)) if words and not unread_ink(inked, words, core) else None
        if vote is None:
            silent += 1  # nothing read, or the stamp's ink left unread beside the value: no vote
            if silent > max_silent:
                return False
            continue
        if not vote:
            return False  # a reading of anything else ends the try of this place
    return True
