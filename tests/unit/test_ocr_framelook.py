"""Round 12: a number only the head read with frames taken out between strokes gives is kept when its own box,
read with the frame taken out at its angle, gives exactly it with no mark glued before it, and read as scanned
fits it (workflow.ocr.framelook.head_number_through_frame); a stamp in the head is seen even when its word is
torn unread (``stamp_in_head``)."""
from __future__ import annotations

import math

from PIL import Image, ImageDraw

from tests.unit._ocr_fakes import scripted_reader
from workflow.ocr.framelook import head_number_through_frame, stamp_in_head
from workflow.ocr.lightstamp import StampBox
from workflow.ocr.model import Recognition, Word

DPI = 200
GRAY = Image.new("L", (1700, 2400), 250)
READING = Recognition("", 90.0, (Word("Rechnungsnummer:", 1000, 300, 1180, 320, 1),
                                 Word("INV-M23440", 1200, 300, 1330, 320, 1)), 0, GRAY.size)


def test_kept_when_the_lifted_look_gives_it_and_the_scan_fits() -> None:
    assert head_number_through_frame(scripted_reader("INV-M23440", "-ANLM23440"), GRAY, DPI, READING, "INV-M23440")


def test_a_digit_the_scan_reads_otherwise_leaves_it_out() -> None:
    assert not head_number_through_frame(scripted_reader("INV-M23440", "INV-M28440"), GRAY, DPI, READING,
                                         "INV-M23440")


def test_another_lifted_reading_or_a_glued_mark_leaves_it_out() -> None:
    assert not head_number_through_frame(scripted_reader("INV-M23446", "INV-M23440"), GRAY, DPI, READING,
                                         "INV-M23440")
    reading = Recognition("", 90.0, (Word("R", 1200, 300, 1220, 320, 1), Word("9811/25", 1230, 300, 1330, 320, 1)),
                          0, GRAY.size)
    assert not head_number_through_frame(scripted_reader('"R 9811/25', "R 9811/25"), GRAY, DPI, reading,
                                         "R 9811/25")
    assert not head_number_through_frame(scripted_reader("R 9811/25", "=R 9811/25"), GRAY, DPI, reading,
                                         "R 9811/25")
    assert head_number_through_frame(scripted_reader("R 9811/25", "R 9811/25"), GRAY, DPI, reading, "R 9811/25")


def test_a_number_word_twice_is_not_looked_at() -> None:
    def never(image: Image.Image) -> Recognition:
        raise AssertionError("no look expected")
    twice = Recognition("", 90.0, READING.words + (Word("INV-M23440", 200, 500, 330, 520, 2),), 0, GRAY.size)
    assert not head_number_through_frame(never, GRAY, DPI, twice, "INV-M23440")


def test_a_stamp_in_the_head_by_its_word_its_light_box_or_its_turned_frame() -> None:
    plain = Recognition("", 90.0, READING.words, 0, GRAY.size)
    assert not stamp_in_head(GRAY, DPI, plain, [])
    worded = Recognition("", 90.0, READING.words + (Word("EINGANG", 1100, 200, 1250, 225, 1),), 0, GRAY.size)
    assert stamp_in_head(GRAY, DPI, worded, [])
    assert stamp_in_head(GRAY, DPI, plain, [StampBox(1000, 250, 1400, 400, 180)])
    turned = GRAY.copy()
    turn = math.radians(5.0)
    corners = [(1100 + dx * math.cos(turn) + dy * math.sin(turn), 400 - dx * math.sin(turn) + dy * math.cos(turn))
               for dx, dy in ((-250, -80), (250, -80), (250, 80), (-250, 80))]
    ImageDraw.Draw(turned).line(corners + corners[:1], fill=0, width=3)
    assert stamp_in_head(turned, DPI, plain, [])
