"""Values damaged by OCR: a cut year ("27. September 202!") is completed only when one year fits; a number that
would need many letters read as digits is missing, not guessed; a date beside a torn stamp word is the stamp's."""
from __future__ import annotations

from datetime import date

import pytest

from workflow.paperinvoice import extract_invoice_fields

TODAY = date(2026, 1, 1)
LETTER = """Kanzlei Ruppert Partnerschaft mbB
Stadt Grauburg
Rechnungsnummer: R47579477
Rechnungsdatum: {printed}
Honorarrechnung
Leistung erbracht am 23. August 2025
Summe netto 4.940,74 €
zzgl. 19 % USt 938,74 €
Gesamtbetrag 5.879,48 €
Zahlbar bis zum 11. Oktober 2025 ohne Abzug.
"""


def test_cut_year_is_completed_from_the_letters_other_dates() -> None:
    for printed in ("27. September 202!", "27. September 202", "27.09.202", "27.September 202'"):
        fields = extract_invoice_fields(LETTER.format(printed=printed), today=TODAY)
        assert fields.invoice_date == date(2025, 9, 27), printed
        assert any("letzte Jahresziffer" in note for note in fields.notes)


@pytest.mark.parametrize("printed", ["27. September 202!", "19. Novembe,", "30,08"])
def test_cut_or_lost_year_without_other_dates_stays_missing(printed: str) -> None:
    # the last digit of the year (_cut_year_dates) or the whole year (lost_year) gone, nothing to take it from
    text = f"Firma X\nRechnungsnummer: R4711\nRechnungsdatum: {printed}\nGesamtbetrag 100,00 €\n"
    fields = extract_invoice_fields(text, today=TODAY)
    assert fields.invoice_date is None and "invoice_date" in fields.problems


def test_cut_year_far_from_every_other_date_stays_missing() -> None:
    text = LETTER.format(printed="27. Februar 202!").replace("23. August 2025", "23. August 2021")
    fields = extract_invoice_fields(text, today=TODAY)
    assert fields.invoice_date is None


def test_a_not_invoice_date_label_is_not_completed() -> None:
    text = LETTER.format(printed="").replace("Leistung erbracht am 23. August 2025",
                                            "Leistungsdatum: 20. September 202!\nLieferung 23. August 2025")
    assert extract_invoice_fields(text, today=TODAY).invoice_date != date(2025, 9, 20)


def test_number_needing_more_than_two_letter_repairs_is_missing() -> None:
    text = LETTER.format(printed="27.09.2025").replace("Rechnungsnummer: R47579477", "Beleg-Nr: R2BI4G SH")
    fields = extract_invoice_fields(text, today=TODAY)
    assert fields.invoice_number is None
    assert "unsicher" in fields.problems["invoice_number"]
    two = LETTER.format(printed="27.09.2025").replace("R47579477", "R4757O4l7")
    assert extract_invoice_fields(two, today=TODAY).invoice_number == "R47570417"


def test_date_after_a_lone_torn_stamp_word_is_not_the_invoice_date() -> None:
    text = ("Dr. Hahnemann Rechtsanwälte\nGemeinde Hohenweiler\nDatum\n18. ApriiPDa\nBeleg-Nr.\ngegangen\n"
            "9. April 2025\nRechnung\nZu zahlen EUR 7.098,66\n")
    assert extract_invoice_fields(text, today=TODAY).invoice_date != date(2025, 4, 9)


def test_a_gross_whose_separator_ocr_lost_is_confirmed_digit_by_digit_by_net_plus_vat() -> None:
    from decimal import Decimal

    from workflow.paperinvoice.totals import find_totals

    for printed, net, vat, gross in (("Rechnungsbetrag 031€", "0,26", "0,05", "0.31"),
                                     ("Endbetrag 44806, 19", "37652,26", "7153,93", "44806.19")):
        totals = find_totals(f"Warenwert netto {net} €\n+ 19% MwSt. {vat} €\n{printed}\n")
        assert totals.gross == Decimal(gross) and totals.consistent, printed
        assert "Ziffer für Ziffer" in totals.reasons["gross"]
    # digits that are not net + VAT stay unread: never a guess
    wrong = find_totals("Warenwert netto 0,26 €\n+ 19% MwSt. 0,05 €\nRechnungsbetrag 032€\n")
    assert wrong.gross is None


def test_a_table_header_with_a_sum_column_is_no_gross_label() -> None:
    from workflow.paperinvoice.totals import find_totals

    text = "Messstellenbetrieb\nE-Preis € Summe €\n27,29 27,29\n"
    assert find_totals(text).gross is None  # the line total of a table, not the invoice total


def test_a_gross_that_contradicts_net_and_vat_at_a_german_rate_is_reported_missing_not_guessed() -> None:
    from decimal import Decimal

    from workflow.paperinvoice.totals import find_totals

    # 15475.53 + 19 % = 2940.35 -> 18415.88; OCR read the gross as 18445.88
    totals = find_totals("Nettobetrag 15.475,53 €\nMwSt. 19 % 2.940,35 €\nRechnungsbetrag 18.445,88 €\n")
    assert totals.gross is None and totals.net == Decimal("15475.53") and totals.vat == Decimal("2940.35")
    assert "passt nicht" in totals.reasons["gross"]
    # parts that are themselves doubtful (no German rate) leave the labelled gross as printed
    kept = find_totals("Nettobetrag 100,00 €\nMwSt. 12,34 €\nRechnungsbetrag 119,00 €\n")
    assert kept.gross == Decimal("119.00") and kept.net is None


@pytest.mark.parametrize("read", ["R4757947/", "R4757947-", "R4757947_"])
def test_a_number_ending_in_a_separator_is_a_misread_digit_and_stays_missing(read: str) -> None:
    f = extract_invoice_fields(LETTER.replace("R47579477", read).format(printed="28.08.2025"), today=TODAY)
    assert f.invoice_number is None and "nicht gefunden" in f.problems["invoice_number"]
    assert extract_invoice_fields(LETTER.format(printed="28.08.2025"), today=TODAY).invoice_number == "R47579477"
