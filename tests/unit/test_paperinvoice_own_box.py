"""What a re-reading of the invoice number's own (widened) word box says of the number
(workflow.paperinvoice.stamp_doubt.own_box_gives)."""
from __future__ import annotations

from workflow.paperinvoice.stamp_doubt import first_figure, own_box_gives


def test_a_reading_that_starts_with_the_number_gives_it_whatever_follows() -> None:
    assert own_box_gives("RE-2025-8319 - De", "RE-2025-8319") is True
    assert own_box_gives("‚R47664159 vom", "R47664159") is True
    assert own_box_gives("HW 3283/25 vom", "HW 3283/25") is True
    assert own_box_gives("rINV-H11848 - Belegd", "INV-H11848") is True  # one glyph of the widened box before it
    assert own_box_gives("9937/25", "VR 9937/25") is True  # the box missed the prefix word


def test_a_reading_that_starts_with_another_figure_disputes_the_number() -> None:
    assert own_box_gives("7287206", "72872066") is False  # a glyph read twice
    assert own_box_gives("8729510 - Da", "8729518") is False  # one digit misread
    assert own_box_gives("xy8729518", "8729518") is False  # more than one character before it
    assert own_box_gives("INVY-E54863", "INV-E54863") is False  # a letter read into it


def test_a_reading_without_a_digit_in_its_first_word_abstains() -> None:
    assert own_box_gives("", "8729518") is None
    assert own_box_gives(". - Da", "8729518") is None
    assert own_box_gives("Datum 11. Januar", "8729518") is None


def test_the_first_figure_of_a_reading() -> None:
    assert first_figure("‚ 7287206 - Da") == "7287206"
    assert first_figure("RF-2025-5304 vom") == "RF20255304"
    assert first_figure(" . - ") is None
