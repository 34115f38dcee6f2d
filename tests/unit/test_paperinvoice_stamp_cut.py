"""Round 7: values a receipt stamp may have cut or glued are reported unsure (a wrong value is worse than none);
a credit note titled "Rechnungskorrektur / Gutschrift" gets the targeted re-readings of an invoice."""
from __future__ import annotations

from datetime import date

from workflow.paperinvoice import extract_invoice_fields
from workflow.paperinvoice.second_look import wants_number_look, wants_second_reading

HEAD = "Glanz & Sauber Kowalczyk KG\nStadt Fehrenbruch\n"
TAIL = ("Rechnung\nNettobetrag EUR 5.489,58\nMwSt. 19% EUR 1.043,02\nEndbetrag EUR 6.532,60\n"
        "IBAN DE05579352705399110146\n")
TODAY = date(2025, 12, 1)


def test_a_number_read_longer_elsewhere_is_unsure() -> None:
    # first reading: the stamp hid the last digit; the reading under the stamp has it
    text = HEAD + "Rg.-Nr.\n202507-92\nRechnungsdatum 2025-01-13\n" + TAIL + "\nRg.-Nr.\nStadt Fehrenbruch   202507-921:\n"
    f = extract_invoice_fields(text, today=TODAY)
    assert f.invoice_number is None
    assert "202507-921" in f.problems["invoice_number"] and "Stempel" in f.problems["invoice_number"]


def test_a_number_printed_again_with_a_date_run_into_it_stays() -> None:
    text = HEAD + "Rechnungsnummer: FR 3256/25\nDatum: 6. März 2025\n" + TAIL + "\nFR 3256/2596. März 2025\n"
    assert extract_invoice_fields(text, today=TODAY).invoice_number == "FR 3256/25"


def test_a_short_number_is_not_doubted_for_a_longer_token() -> None:
    text = HEAD + "Rechnungsnummer: 4711\nDatum: 06.03.2025\n" + TAIL + "\nArt.-Nr. 47112 Schrauben\n"
    assert extract_invoice_fields(text, today=TODAY).invoice_number == "4711"


def test_an_order_date_after_vom_read_as_vorn_is_no_invoice_date() -> None:
    # "vom" read as "vorn": the order's date is no lone letterhead date to take as the invoice date
    text = HEAD + "Rechnungs-Nr.: 202509-290\nBelegdatum: Stadt Wendelst84107.25\nBest. 8253 vorn 02.07.25\n" + TAIL
    f = extract_invoice_fields(text, today=TODAY)
    assert f.invoice_date is None
    text = text.replace("Best. 8253 vorn", "Tiefbauamt")  # a lone letterhead date no word refers back to is taken
    assert extract_invoice_fields(text, today=TODAY).invoice_date == date(2025, 7, 2)


CREDIT = ("Nowak Sanitär und Heizung\nStadt Grauburg\nIhre Kd.-Nr.: 980738\nRechnungskorrektur I Gutschrift\n"
          "Bezug: unsere Rechnung 6742844\nSumme netto EUR 61,66\nzzgl. 19 % USt EUR 11,72\nGesamtbetrag EUR 73,38\n")


def test_a_credit_note_titled_correction_gets_the_re_readings() -> None:
    assert wants_number_look(CREDIT, today=TODAY)
    assert wants_second_reading(CREDIT, today=TODAY)
    letter = CREDIT.replace("Rechnungskorrektur I Gutschrift", "wir bitten um Korrektur der Rechnung vom Mai, danke")
    assert not wants_number_look(letter, today=TODAY)
