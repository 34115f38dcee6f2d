"""The invoice number's own word box read again: a number the page reading got wrong is marked unsure.

(A number only the reading under a light stamp gives: ``unconfirmed_band_number_text``; a number only the second
reading of the page head gives: ``head_number_confirmed``; both at the end.)

Tesseract can read a glyph twice or misread one digit in a clean number ("72872066" for "7287206" beside a
middle dot, "8729518" for "8729510") and the page text gives no sign of it. So on an invoice's first page the
word of the number the extraction finds (printed once, its one word in the upper half) is read again in its
own box (workflow.ocr.stampnear.own_box: widened, the next words read with it) in the three preparations of
workflow.ocr.valuelook. When every preparation reads one and the same other figure first
(workflow.paperinvoice.stamp_doubt.own_box_gives, first_figure), the word gets the reject mark U+FFFD and
the extraction reports the number unsure. A preparation that reads no figure, leaves ink unread or gives the
number ends the look; readings that differ among themselves ("RF-2025-5304", "RE-2025-5B04" for a right
"RE-2025-5804") are no dispute. No reading replaces the number.

Measured on the twelve dev sets (731 invoices, every first page, probe of this rule): no right number
doubted (two would be with "two of three readings another figure"); the two wrong numbers of the first
reading (s7a unseen-0185, s6b unseen-0163) doubted. At most three small recognitions per invoice first page
with a number: median 0.03 s CPU, at most 0.1 s. Geometry pure; readings through ``read``.
"""
from __future__ import annotations

from collections.abc import Sequence

from PIL import Image

from workflow.ocr.model import Recognition, Word
from workflow.ocr.rows import rows_text
from workflow.ocr.stampnear import confirmed, own_box, with_prefix
from workflow.ocr.valueline import unread_ink
from workflow.ocr.valuelook import VARIANTS, Reader, read_variant
from workflow.paperinvoice.stamp_doubt import first_figure, number_word, own_box_gives, single_number_of


def upper_words(words: Sequence[Word], number: str, height: int) -> list[Word]:
    """The words of ``number`` in the upper half of a page ``height`` pixels high (where the info block is)."""
    return [w for w in words if w.y0 <= height // 2 and number_word(w.text, number)]


def disputed_number_text(read: Reader, gray: Image.Image, dpi: float, recognition: Recognition) -> str | None:
    """The page text with the number's word marked unsure when its own box read again disputes it, else None
    (no number, printed twice, no single word of it, or the readings do not all give one other figure)."""
    found = single_number_of(recognition.text)
    if found is None:
        return None
    number, marked = found
    words = upper_words(recognition.words, number, gray.height)
    if len(words) != 1:
        return None
    place = own_box(with_prefix(words[0], recognition.words, number), gray.size)
    figures: set[str | None] = set()
    for variant in VARIANTS:
        image, read_words, core = read_variant(read, gray, dpi, place, variant, whole=False)
        if not read_words or unread_ink(image, read_words, core):
            return None  # a preparation that abstains: no dispute
        text = rows_text(read_words)
        if own_box_gives(text, number) is not False:
            return None  # it gives the number, or no figure at all
        figures.add(first_figure(text))
        if len(figures) > 1:
            return None  # the readings do not agree among themselves: a glyph-level misreading of theirs
    return marked(words[0].text)


def unconfirmed_band_number_text(read: Reader, dpi: float, page_text: str, first_words: Sequence[Word],
                                 bands: Sequence[tuple[Image.Image, Recognition]], height: int) -> str | None:
    """The page text with the number marked unsure when only a reading under a light stamp gives it
    (workflow.ocr.lightstamp; ``bands``: each band image and its reading) and its own box in that band image,
    read again in the three preparations, gives it in none and another figure in one at least; else None.

    Under a stamp a glyph can be read twice ("55353966" for "5535966") and nothing else reads that text. Measured
    on the twelve dev sets: 14 first pages take their number from such a reading; 13 right ones each read
    again as the number at least once, the wrong one in no preparation. (Stricter, "every preparation gives
    it", would lose right numbers: "202509-138" twice for a right "202509-136".)"""
    found = single_number_of(page_text)
    if found is None:
        return None
    number, marked = found
    if upper_words(first_words, number, height):
        return None  # the first reading gives it: not the band's alone
    places = [(image, word, reading.words) for image, reading in bands
              for word in upper_words(reading.words, number, height)]
    if not places:
        return None
    other = False
    for image, word, words in places:
        place = own_box(with_prefix(word, words, number), image.size)
        for variant in VARIANTS:
            shown, read_words, core = read_variant(read, image, dpi, place, variant, whole=False)
            if not read_words or unread_ink(shown, read_words, core):
                continue  # this preparation abstains
            gives = own_box_gives(rows_text(read_words), number)
            if gives:
                return None
            other = other or gives is False
    return marked(places[0][1].text) if other else None  # readings without any figure are no dispute


def head_number_confirmed(read: Reader, gray: Image.Image, dpi: float, reading: Recognition, number: str) -> bool:
    """True when ``number``, which only the second reading of the page head gives (``reading``: its words, in the
    page's pixels), is confirmed in the page image as scanned: its one word in the upper half of that reading,
    its own box (or the value box beside a number label) read again gives exactly the number in every
    preparation that reads anything (workflow.ocr.stampnear.confirmed).

    The head's second reading is made with frames, rules and bold strokes whitened; that can tear a glyph
    ("ER 9811/25" for "FR 9811/25", "INV-H521579" for "INV-H52679"), so such a number was left out. Measured on
    the first pages of the 45 dev-set invoices (thirteen sets) still without a number: 13 numbers only that
    reading gave, 3 right; the re-read confirms 2 of the right ones and none of the 10 wrong. Up to three small
    recognitions (0.01 - 0.08 s CPU measured) on those few pages only."""
    words = upper_words(reading.words, number, gray.height)
    if len(words) != 1:
        return False
    return confirmed(read, gray, gray, dpi, reading, number, with_prefix(words[0], reading.words, number))
