"""Round 8: an invoice date a receipt stamp may have given is reported unsure rather than guessed, and a year is
repaired only from evidence that refutes it (a wrong date is worse than none)."""
from __future__ import annotations

from datetime import date

from workflow.paperinvoice import extract_invoice_fields
from workflow.paperinvoice.dates import find_dates
from workflow.paperinvoice.invoicedate import DateContext, check
from workflow.paperinvoice.stamps import split_stamps

TODAY = date(2026, 1, 1)
HEAD = "Zweckverband Wasser Muster\nSchillerplatz 1 - 27132 Bielefeld\n"
TAIL = ("Rechnung\nNettobetrag EUR 14,59\nMwSt. 7% EUR 1,02\nEndbetrag EUR 15,61\n"
        "IBAN DE05579352705399110146\n")


def test_a_clean_year_far_from_one_other_date_is_not_repaired() -> None:
    # "Ihre Bestellung vom 28.03.20": a year cut to its century is no evidence against a clean 2025
    result = check("03.05.2025", DateContext(stamp=None, others=(date(2020, 3, 28),), today=TODAY))
    assert result.value is None and "passt zu keinem" in (result.reason or "")


def test_a_year_after_next_year_is_still_repaired_from_the_other_dates() -> None:
    result = check("06.05.2035", DateContext(stamp=None, others=(date(2025, 5, 20),), today=TODAY))
    assert result.value == date(2025, 5, 6)


def test_a_year_refuted_by_the_stamp_is_still_repaired() -> None:
    result = check("10.01.2023", DateContext(stamp=date(2025, 1, 15), others=(), today=TODAY))
    assert result.value == date(2025, 1, 10)


def test_an_iso_date_with_a_stamp_month_run_into_it_stays_iso() -> None:
    line = "Rechnungseingangsstelle 2025-08-15 . August 2025"
    found = find_dates(line)
    assert [f.value for f in found] == [date(2025, 8, 15)]
    assert line[found[0].start:found[0].end] == "2025-08-15"
    # a worded date on its own is still one
    assert [f.value for f in find_dates("vom 15. August 2025")] == [date(2025, 8, 15)]


def test_date_ending_the_line_under_a_lone_stamp_word_is_a_stamp_suspect() -> None:
    stamped = split_stamps(["EINGANG", "Stadt Brackenau 11.06.2025", "Datum: nz a6 2"])
    assert stamped.lines == ["Stadt Brackenau 11.06.2025", "Datum: nz a6 2"]
    assert stamped.suspects == frozenset({date(2025, 6, 11)})


def test_place_and_date_line_under_a_stamp_word_is_the_letters_date() -> None:
    stamped = split_stamps(["EINGANG", "Lippstadt, 26.11.25"])
    assert stamped.suspects == frozenset() and stamped.stamp is None
    stamped = split_stamps(["EINGANG", "Rechnungsdatum 26.11.2025"])
    assert stamped.suspects == frozenset()


def test_the_stamps_date_is_not_taken_for_an_unreadable_invoice_date() -> None:
    text = HEAD + "EINGANG\nStadt Brackenau 11.06.2025\nRg.-Nr.: VR 5953/25\nDatum: nz a6 2\n" + TAIL
    f = extract_invoice_fields(text, today=TODAY)
    assert f.invoice_number == "VR 5953/25"
    assert f.invoice_date is None and "Eingangsstempel" in f.problems["invoice_date"]


def test_a_lesser_reading_is_not_taken_when_the_surest_date_may_be_the_stamps() -> None:
    # the label's value is the torn stamp's date; another reading of the same label gives a look-alike date
    text = (HEAD + "Rechnungsnummer\nINV-K52075 EINGA\nBelegdatum\n2025-08-15\n" + TAIL
            + "\nBelegdatum\n2025-03-15\n")
    f = extract_invoice_fields(text, today=TODAY)
    assert f.invoice_date is None and "Eingangsstempel" in f.problems["invoice_date"]
    # without the torn stamp word the surest date is taken
    clean = text.replace(" EINGA", "")
    assert extract_invoice_fields(clean, today=TODAY).invoice_date == date(2025, 8, 15)


def test_a_marked_date_is_unsure_and_no_numbers_doubt() -> None:
    from workflow.paperinvoice.invoicenumber import DOUBT_MARK
    text = HEAD + "Rechnungsdatum: 24. Juni 2025" + DOUBT_MARK + "\n" + TAIL
    f = extract_invoice_fields(text, today=TODAY)
    assert f.invoice_date is None and "unsicher" in f.problems["invoice_date"]
    assert f.invoice_number is None and "nicht gefunden" in f.problems["invoice_number"]
    assert extract_invoice_fields(text.replace(DOUBT_MARK, ""), today=TODAY).invoice_date == date(2025, 6, 24)


def test_a_date_ending_a_debris_line_two_below_a_lone_stamp_word_is_maybe_the_stamps() -> None:
    """The stamp over the number: "Eingegangen" alone, the number label, then the torn value with the stamp's
    date beside it; the invoice date's own row lost its day. The stamp's date is no invoice date."""
    stamped = split_stamps(["Eingegangen", "Rechnungs-Nr. :", "FRes2g725 28. April 2025", "Rechnungsdatum",
                            "4.2025"])
    assert date(2025, 4, 28) in stamped.suspects
    f = extract_invoice_fields(HEAD + "Eingegangen\nRechnungs-Nr. :\nFRes2g725 28. April 2025\nRechnungsdatum\n"
                               "4.2025\n" + TAIL, today=TODAY)
    assert f.invoice_date is None and "Eingangsstempel" in f.problems["invoice_date"]
    # a lone date right below stays the stamp's date, as before
    assert split_stamps(["Eingegangen", "Rechnungs-Nr. :", "28.04.2025"]).stamp == date(2025, 4, 28)
