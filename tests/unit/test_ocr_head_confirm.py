"""Round 10: a number only the second reading of the page head gives is kept when its own box in the page as
scanned, read again, gives exactly it (workflow.ocr.ownlook.head_number_confirmed); a torn reading
("ER 9811/25" of "FR 9811/25") is not confirmed and stays out."""
from __future__ import annotations

from PIL import Image

from tests.unit._ocr_fakes import scripted_reader
from workflow.ocr.model import Recognition, Word
from workflow.ocr.ownlook import head_number_confirmed

DPI = 200
GRAY = Image.new("L", (1700, 2400), 250)
READING = Recognition("", 90.0, (Word("Rg.-NfE", 1200, 300, 1330, 320, 1), Word("43-2025", 1350, 300, 1460, 320, 1)),
                      0, GRAY.size)


def test_a_number_every_look_gives_is_confirmed() -> None:
    assert head_number_confirmed(scripted_reader("43-2025", "43-2025", "43-2025"), GRAY, DPI, READING, "43-2025")


def test_one_look_with_another_figure_leaves_it_out() -> None:
    assert not head_number_confirmed(scripted_reader("43-2025", "48-2025", "43-2025"), GRAY, DPI, READING, "43-2025")


def test_a_torn_prefix_is_not_confirmed_by_the_scan() -> None:
    reading = Recognition("", 90.0, (Word("ER", 1300, 300, 1330, 320, 1), Word("9811/25", 1340, 300, 1460, 320, 1)),
                          0, GRAY.size)
    read = scripted_reader("FR 9811/25", "FR 9811/25", "FR 9811/25")
    assert not head_number_confirmed(read, GRAY, DPI, reading, "ER 9811/25")
    read = scripted_reader("ER 9811/25", "ER 9811/25", "ER 9811/25")
    assert head_number_confirmed(read, GRAY, DPI, reading, "ER 9811/25")


def test_a_number_word_twice_or_in_the_lower_half_is_not_looked_at() -> None:
    def never(image: Image.Image) -> Recognition:
        raise AssertionError("no look expected")
    twice = Recognition("", 90.0, READING.words + (Word("43-2025", 200, 500, 310, 520, 2),), 0, GRAY.size)
    assert not head_number_confirmed(never, GRAY, DPI, twice, "43-2025")
    low = Recognition("", 90.0, (Word("43-2025", 1350, 1500, 1460, 1520, 1),), 0, GRAY.size)
    assert not head_number_confirmed(never, GRAY, DPI, low, "43-2025")
