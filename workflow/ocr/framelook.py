"""A number only a reading of the page head with stamp frames taken out gives: read again in its own box.

Runs only on an invoice's first page whose number is still missing (or unsure) after every other look and whose
head holds a receipt stamp (``stamp_in_head``: a light stamp, a stamp word read, or a frame line turned by a
degree or more - the stamp's word may be torn unread). The head is read once more with frames and rules
whitened only where they run alone (workflow.ocr.valueline.lines_between_strokes: a glyph crossing the frame
keeps its ink). Taking a line out also takes what of a glyph lay under it ("FR 9811/25" read "R 9811/25",
"INV-H52679" read "INV-H52579"), and every frame-free preparation reads that same wrong glyph, so agreement
among them is no evidence. A number of that reading is kept only when its own word box in the page
(workflow.ocr.stampnear.own_box), read with the frame taken out at its angle (workflow.ocr.framelines.lifted),
gives exactly it with no mark glued before it, and read as scanned - frame and all - fits it
(workflow.paperinvoice.frame_look). ``head_number_through_frame``.

Measured on the fourteen dev sets (855 invoices): the look runs on 39 first pages (the 43 still without a
number but four with no stamp seen in the head; 1.4 % of all 2760 documents), restores one number
("INV-M23440") and adds no wrong one. That head reading gave seven numbers: the right one kept, one right one
left out (its own box reads "HwW 3942/25"), five wrong ones left out - '"R 9811/25' (for "FR 9811/25") by the
glued mark, "INV-H52579" (for "INV-H52679") by the reading as scanned ("INV-HS2679"), three by the own box
reading another number. Without either of those two checks a wrong number would be added: the frame-free own
box agrees with the head reading on both. CPU on such a page 0.37 s median, 0.58 s at most (one recognition
of 45 % of a page, up to two small ones; about a fifth of the page's reading).
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from PIL import Image

from workflow.ocr.framelines import has_turned_frame
from workflow.ocr.lightstamp import StampBox
from workflow.ocr.model import Recognition
from workflow.ocr.ownlook import upper_words
from workflow.ocr.rows import rows_text
from workflow.ocr.secondlook import HEAD_SHARE, head_without_lines
from workflow.ocr.stampnear import own_box, stamp_frames, with_prefix
from workflow.ocr.valueline import lines_between_strokes
from workflow.ocr.valuelook import Reader, read_variant
from workflow.paperinvoice.frame_look import fits_scanned, glued_mark
from workflow.paperinvoice.stamp_doubt import same_number

LIFTED: dict[str, object] = {"angled": True}  # the frame taken out at its angle (workflow.ocr.valueline.value_image)
SCANNED: dict[str, object] = {"lines": False}  # the box as scanned, frame and all


def head_between_strokes(gray: Image.Image, dpi: float) -> Image.Image:
    """The top HEAD_SHARE of ``gray`` (mode "L") with frames and rules whitened only where they run alone
    (workflow.ocr.valueline.lines_between_strokes: a glyph crossing a line keeps its ink), same resolution."""
    return head_without_lines(gray, dpi, lines_between_strokes)


def stamp_in_head(gray: Image.Image, dpi: float, recognition: Recognition, stamps: Sequence[StampBox]) -> bool:
    """True when a receipt stamp lies in the page head: a light stamp, a stamp word read there, or a frame line
    turned by a degree or more (workflow.ocr.framelines.has_turned_frame: its word may be torn unread)."""
    bottom = round(gray.height * HEAD_SHARE)
    if any(frame.y0 < bottom for frame in stamp_frames(recognition.words, stamps)):
        return True
    return has_turned_frame(np.asarray(gray.crop((0, 0, gray.width, bottom)).convert("L")), dpi)


def head_number_through_frame(read: Reader, gray: Image.Image, dpi: float, reading: Recognition,
                              number: str) -> bool:
    """True when ``number``, which only a second reading of the head with frames taken out between strokes gives
    (``reading``: its words, page pixels), holds up in its own word box of the page as scanned
    (workflow.ocr.stampnear.own_box): read with the frame taken out at its angle it gives exactly the number,
    read as scanned it fits the number (workflow.paperinvoice.frame_look.fits_scanned), and neither reading
    has a mark glued before the number's start (``glued_mark``). Two small recognitions."""
    words = upper_words(reading.words, number, gray.height)
    if len(words) != 1:
        return False
    place = own_box(with_prefix(words[0], reading.words, number), gray.size)
    _, lifted_words, _ = read_variant(read, gray, dpi, place, LIFTED, whole=False)
    lifted = rows_text(lifted_words)
    if not same_number(lifted, number) or glued_mark(number, lifted):
        return False
    _, scanned_words, _ = read_variant(read, gray, dpi, place, SCANNED, whole=False)
    scanned = rows_text(scanned_words)
    return fits_scanned(number, scanned) and not glued_mark(number, scanned)
