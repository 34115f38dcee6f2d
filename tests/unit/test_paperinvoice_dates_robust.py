"""find_dates never raises, whatever OCR makes of a date (it runs on every letter's text)."""
from __future__ import annotations

import random
from datetime import date

from workflow.paperinvoice.dates import find_dates


def test_worded_date_with_a_line_break_after_the_day() -> None:
    dates = [f.value for f in find_dates("Datum: 16.\nMai 2025, Frist 24, Oktober 2025, 3.\xa0Juni 2025")]
    assert dates == [date(2025, 5, 16), date(2025, 10, 24), date(2025, 6, 3)]


def test_random_ocr_fragments_never_raise() -> None:
    """Date-shaped fragments: a day, separators as OCR reads them, a month (name or digits), a year."""
    rnd = random.Random(20261122)
    days, months, years = ["16", "1", "O1", "l2", "3l", "i"], ["Mai", "Oktober", "okt.", "März", "O5", "12"], \
        ["2025", "25", "2O25", "202"]
    separators = [".", ",", "-", "/", " ", "\n", "\xa0", "\u2009", "\t"]

    def gap() -> str:
        return "".join(rnd.choice(separators) for _ in range(rnd.randint(0, 3)))

    for _ in range(20_000):
        text = rnd.choice(["", "vom ", "Datum:"]) + rnd.choice(days) + gap() + rnd.choice(months) + gap() + \
            rnd.choice(years) + rnd.choice(["", ".", " 12:00", "\n"])
        for found in find_dates(text):
            assert 1900 <= found.value.year <= 2100, text
