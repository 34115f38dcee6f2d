"""Round 10: which number of the head's second reading needs a look in the page image
(workflow.paperinvoice.second_look.unconfirmed_number)."""
from __future__ import annotations

from workflow.paperinvoice.second_look import (
    second_reading_helps,
    unconfirmed_number,
    usable_reading,
    wants_number_look,
    wants_second_reading,
)

PAGE = ("Biometrie-Technik Hahnemann\nRg.-Nf7\nBelegdatum: 16.09.2025\nRechnung\n"
        "Nettobetrag 1.000,00 EUR\nUSt 19 % 190,00 EUR\nGesamtbetrag 1.190,00 EUR\n")
EXTRA = "Biometrie-Technik Hahnemann   Rg.-Nr.:   43-2025\nBelegdatum:   16.09.2025\n"


def test_a_number_only_the_second_reading_gives_is_named() -> None:
    assert unconfirmed_number(PAGE, EXTRA) == "43-2025"
    assert usable_reading(PAGE, EXTRA) is None  # without a look it stays out, as before


def test_a_number_the_page_prints_or_already_gives_needs_no_look() -> None:
    assert unconfirmed_number(PAGE + "Unsere Nummer 43-2025 bitte angeben\n", EXTRA) is None
    assert unconfirmed_number(PAGE.replace("Rg.-Nf7", "Rg.-Nr.: 43-2025"), EXTRA) is None


def test_a_reading_that_changes_another_field_is_not_taken() -> None:
    assert unconfirmed_number(PAGE, EXTRA.replace("Belegdatum:   16.09", "Rechnungsdatum:   14.09")) is None
    assert unconfirmed_number(PAGE, "") is None


PLACED_PAGE = ("Wasserverband Tiedemanntal\nGutsc . 31-2025\nStadt Fehrenbruch Datum: 16. April 2025\nGutschrift\n"
               "Nettobetrag 1.000,00 EUR\nUSt 19 % 190,00 EUR\nGesamtbetrag 1.190,00 EUR\n")


def test_a_number_taken_by_its_place_still_wants_the_second_reading() -> None:
    assert wants_second_reading(PLACED_PAGE)
    labelled = PLACED_PAGE.replace("Gutsc . 31-2025", "Gutschrift-Nr.: 31-2025")
    assert not wants_second_reading(labelled)


def test_a_second_reading_that_labels_the_placed_number_helps() -> None:
    assert second_reading_helps(PLACED_PAGE, "Gutschrift-Nr.   31-2025\n")
    assert not second_reading_helps(PLACED_PAGE, "Gutschrift-Nr.   37-2025\n")  # another number: not kept
    assert not second_reading_helps(PLACED_PAGE, "Stadt Fehrenbruch\n")  # nothing new


def test_a_number_taken_by_its_place_still_wants_the_look_beside_its_label() -> None:
    assert wants_number_look(PLACED_PAGE)
    assert not wants_number_look(PLACED_PAGE.replace("Gutsc . 31-2025", "Gutschrift-Nr.: 31-2025"))
