"""An invoice date whose year OCR lost ("Datum: 30,08", "23, Mai gfarkirchhaln", "19. Novembe,", "12. März 2925"):
completed only when exactly one year puts it near the letter's other dates; otherwise missing, not guessed."""
from __future__ import annotations

from datetime import date

from tests.unit.test_paperinvoice_damaged import LETTER as DAMAGED_LETTER
from workflow.paperinvoice import extract_invoice_fields
from workflow.paperinvoice.dates import month_by_word

TODAY = date(2026, 1, 1)
LETTER = DAMAGED_LETTER.replace("Rechnungsdatum: {printed}", "{label}: {printed}")  # the label varies here


def _date(printed: str, label: str = "Rechnungsdatum", letter: str = LETTER) -> date | None:
    return extract_invoice_fields(letter.format(label=label, printed=printed), today=TODAY).invoice_date


def test_day_and_month_without_year_take_the_one_near_year() -> None:
    for printed, label in (("30,08", "Datum"), ("30.08.", "Rechnungsdatum"), ("30, August gfarkirchhaln", "Belegdatum"),
                           ("30. Augus,", "Rechnungsdatum"), ("30. August 2925", "Belegdatum")):
        assert _date(printed, label) == date(2025, 8, 30), printed
    fields = extract_invoice_fields(LETTER.format(label="Datum", printed="30,08"), today=TODAY)
    assert any("ohne lesbares Jahr" in note for note in fields.notes)


def test_a_numbered_month_followed_by_more_digits_is_no_date() -> None:
    assert _date("30,0812") is None
    assert _date("30,08 1234") is None


def test_two_near_years_leave_the_date_missing() -> None:
    letter = LETTER.replace("23. August 2025", "20. Dezember 2024").replace("11. Oktober 2025", "10. Januar 2026")
    assert _date("5. Januar gfark", letter=letter) is None  # 05.01.2025 and 05.01.2026 are both near a date
    assert _date("22. Dezember gfark", letter=letter) is None  # 22.12.2024 near the one, 22.12.2025 the other


def test_a_not_invoice_date_label_is_not_completed() -> None:
    assert _date("30,08", label="Leistungsdatum") != date(2025, 8, 30)


def test_month_by_word_reads_names_their_unique_starts_and_one_letter_damage() -> None:
    assert month_by_word("Novembe") == 11
    assert month_by_word("Mär") == 3
    assert month_by_word("Jahuar") == 1
    assert month_by_word("Mai") == 5
    assert month_by_word("Ju") is None  # Juni or Juli
    assert month_by_word("Ma") is None  # too short to say
    assert month_by_word("gfark") is None
