"""Round 10: when no invoice date is found, the one date ending the unlabelled row right under the invoice
number's row is taken (its label unread), checked like any other candidate (workflow.paperinvoice.invoicedate)."""
from __future__ import annotations

from datetime import date

from workflow.paperinvoice import extract_invoice_fields
from workflow.paperinvoice.infoblock import pair_labels
from workflow.paperinvoice.invoicedate import find_invoice_date

# loose dates in the letterhead: no lone unclaimed date to fall back on (as on the scan this comes from)
HEAD = "Zweckverband Wasser Lorenzen\nSchillerplatz 132b - 73920 Coburg\nPreisblatt 01.01.2025 Tarif 01.07.2025\n"
TAIL = ("Abrechnung\nLieferung vom 2025-09-03\nSumme ohne Steuer € 2.634,20\n7% Mehrwertsteuer € 184,39\n"
        "Gesamtbetrag € 2.818,59\nIBAN DE62270174358277556066\n")
TODAY = date(2025, 12, 1)


def _date(block: str) -> tuple[date | None, str]:
    f = extract_invoice_fields(HEAD + block + TAIL, today=TODAY)
    return f.invoice_date, f.problems.get("invoice_date", "") + " ".join(f.notes)


def test_the_date_under_the_number_with_its_label_unread_is_taken() -> None:
    block = ("Stadt Altenkirchhain Rechnungsnummer: 202511-890\n"
             "Poststelle - Rechnungen Rechnungstrliüßl: 2025-09-17\nMarktplatz 3 Ihre Kd.-Nr. 925642\n")
    found, why = _date(block)
    assert found == date(2025, 9, 17) and "ohne lesbare Bezeichnung" in why


def test_a_date_in_a_sentence_under_the_number_is_not_taken() -> None:
    block = ("dass die Rechnung Nr. RE-2025-9129\n(26.7.2025) noch nicht bezahlt wurde.\n")
    assert _date(block) == (None, "Rechnungsdatum nicht gefunden - bitte am Original ablesen")
    found, why = _date(block.replace(") noch nicht bezahlt wurde.", ")"))  # the date ends the row: taken
    assert found == date(2025, 7, 26) and "ohne lesbare Bezeichnung" in why


def test_a_date_referred_back_or_in_a_labelled_row_is_not_taken() -> None:
    for row in ("Bestellung vom 2025-09-17", "Lieferdatum: 2025-09-17", "Poststelle vom 2025-09-17"):
        assert _date(f"Rechnungsnummer: 202511-890\n{row}\n")[0] is None


def test_the_date_under_the_number_is_checked_like_any_other() -> None:
    # after next year: impossible, and no unique repair near the letter's other dates
    found, why = _date("Rechnungsnummer: 202511-890\nPoststelle Rechnungstrliüßl: 2031-09-17\n")
    assert found is None and "2031-09-17 liegt nach 2026" in why


def test_a_date_a_torn_stamp_word_stands_beside_is_not_taken() -> None:
    lines = ["Preisblatt 01.01.2025 Tarif 01.07.2025", "Rechnungsnummer: 202511-890",
             "Poststelle Rechnungstrliüßl: 2025-09-17"]
    pairings = pair_labels(lines)
    assert find_invoice_date(lines, pairings, TODAY, None).value == date(2025, 9, 17)
    assert find_invoice_date(lines, pairings, TODAY, None, frozenset({date(2025, 9, 17)})).value is None


def test_after_a_candidate_that_failed_the_row_under_the_number_is_not_taken() -> None:
    block = "Rechnungsnummer: 202511-890\nPoststelle Rechnungstrliüßl: 2025-09-17\nRechnungsdatum: 2031-09-17\n"
    found, why = _date(block)
    assert found is None and "2031-09-17" in why


def test_a_labelled_date_wins_over_the_row_under_the_number() -> None:
    block = "Rechnungsnummer: 202511-890\nPoststelle Rechnungstrliüßl: 2025-09-17\nRechnungsdatum: 2025-09-15\n"
    assert _date(block)[0] == date(2025, 9, 15)
