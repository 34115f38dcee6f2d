"""Round 9: a wrong gross amount becomes unsure (or right). Small fixtures shaped like the dev scans' OCR text."""
from __future__ import annotations

from decimal import Decimal

from workflow.paperinvoice.amounts import damaged_amount
from workflow.paperinvoice.totals import find_totals


def test_cents_split_off_by_a_space_at_a_line_end_are_a_damaged_amount() -> None:
    found = damaged_amount("EUR 586, 40")
    assert found is not None and found.value == Decimal("586.40")
    assert damaged_amount("Zwischensumme 1.161, 26").value == Decimal("1161.26")  # type: ignore[union-attr]
    # a regular amount on the line, or no two digits ending it: nothing damaged
    assert damaged_amount("EUR 586,40") is None
    assert damaged_amount("Menge 3, 40 Stück") is None
    assert damaged_amount("3, 405") is None


def test_a_vat_amount_with_split_cents_is_confirmed_by_the_labelled_gross() -> None:
    # the VAT amount "586, 40" was unreadable, and the "Gesamt" column header over the item amounts paired with an
    # item: the gross was the item 1.892,83
    text = ("Warenwert netto\n+ 19% MwSt.\nEUR 3.086,29\nEUR 586, 40\nRechnungsbetrag EUR 3.672,69\n"
            "Fälligkeit: 7. Oktober 2025\nGesamt\n1.193,46\n1.892,83\n")
    totals = find_totals(text)
    assert (totals.net, totals.vat, totals.gross) == (Decimal("3086.29"), Decimal("586.40"), Decimal("3672.69"))
    assert totals.consistent


def test_a_net_with_split_cents_shows_a_misread_gross() -> None:
    totals = find_totals("Zwischensumme 161, 26\nUmsatzsteuer 19 % 30,64\nzu zahlen 191,98\n")
    assert totals.gross is None  # 161,26 + 30,64 = 191,90: the printed 191,98 is misread, no guess
    assert "191.98" in totals.reasons["gross"]


def test_a_damaged_gross_reading_needs_net_plus_vat() -> None:
    assert find_totals("Rechnungsbetrag\nEUR 586, 40\n").gross is None
    confirmed = find_totals("Summe netto 100,00\nMwSt. 19 % 19,00\nRechnungsbetrag\nEUR 119, 00\n")
    assert confirmed.gross == Decimal("119.00") and confirmed.consistent


def test_a_column_with_more_amounts_than_labels_is_not_paired_from_the_top() -> None:
    # "Betrag EUR" heads a column of item amounts and totals: from the top, net/VAT/gross would be two items and
    # their sum (1.697,92 + 2,12 = 1.700,04), an arithmetic that holds but is not the invoice's
    text = ("01 Austausch Straßenleuchte LED (4 Stk à 424,48)\nWarenwert netto\n+ 19% MwSt.\nGutschriftsbetrag\n"
            "Betrag EUR\n1.697,92\n2,12\n1700,04\n323,01\n2023,05\n")
    assert find_totals(text).gross == Decimal("2023.05")
    # top and bottom pairing agree when the extra amount repeats: the labels stay
    same = find_totals("Summe netto\nMwSt. 19 %\nGesamtbetrag\n100,00\n19,00\n119,00\n")
    assert same.gross == Decimal("119.00") and same.consistent


def test_an_unlabelled_triple_whose_gross_is_the_labelled_net_is_no_totals_triple() -> None:
    # two items (19.474,90 + 2.409,30) add up to the net; the labelled gross 26.842,20 is misread (26.042,20)
    text = ("Leistung Anzahl E-Preis € Summe €\nTerminsgebühr Nr. 3104 VV RVG 2 1.204,65 2.409,30\n"
            "Geschäftsgebühr Nr, 2300 VV RVG 10 1.947,49 19.474,90\nWarenwert netto 21.884,20 EUR\n"
            "+ 19% MwSt. 4.158,00 EUR\nRechnungsbetrag 26.842,20 EUR\n")
    totals = find_totals(text)
    assert totals.gross is None
    assert "26842.20" in totals.reasons["gross"]


def test_a_label_column_whose_last_label_ocr_merged_with_the_first_amount_is_paired_in_order() -> None:
    # the column's first amount (the net) stands on the gross label's line; two items add up to it
    text = ("1 10 Streugut 25 kg 1.876,79 EUR 18 767,90\n2 2 Fahrbahnmarkierung 1.748,09 € 3.496,18\n"
            "Nettobetrag\nzzgl. 19 % MwSt.\nBruttobetrag EUR 22 264,08\n4.230,18 EUR\n26.494,26\n")
    totals = find_totals(text)
    assert (totals.net, totals.vat, totals.gross) == (Decimal("22264.08"), Decimal("4230.18"), Decimal("26494.26"))


def test_a_merged_column_that_does_not_add_up_gives_no_gross() -> None:
    text = "Nettobetrag\nzzgl. 19 % MwSt.\nBruttobetrag EUR 100,00\n19,00 EUR\n120,00\n"
    totals = find_totals(text)
    # 100 + 19 is not 120, and the 100 beside "Bruttobetrag" may be the column's net: unsure, no guess
    assert totals.gross is None and "passt nicht" in totals.reasons["gross"]


def test_a_stamp_damaged_net_label_and_a_lost_gross_give_net_and_vat_not_their_sum_as_vat() -> None:
    """A receipt stamp over the totals: "Summe ohne Steuer" read as "Summe ohne Sted0%BB" (its '0%' is no VAT
    rate) and the gross line lost. Net and VAT stay, the gross is reported missing - before, both figures were
    taken for VAT lines and their sum (= the gross) came out as the VAT."""
    text = ("Nr Text Betrag EUR\n01 Rasenmahd Stadtpark, 3 Durchgänge (12 psch 985,94) Eing 11.831,28\n"
            "Summe ohne Sted0%BB 11.831,28\n19 % MehrwertstefföfstelEUR 2.247,94\nSum i =\n"
            "Zahlbar bis zum 3. Oktober 2025 ohne Abzug.\n")
    totals = find_totals(text)
    assert (totals.net, totals.vat, totals.gross) == (Decimal("11831.28"), Decimal("2247.94"), None)
    assert "gross" in totals.reasons


def test_several_vat_figures_that_nothing_confirms_are_no_vat_sum() -> None:
    totals = find_totals("Nettobetrag 500,00\nMwSt 7 % 12,60\nMwSt 19 % 1.200,00\n")
    assert totals.net == Decimal("500.00") and totals.vat is None and totals.gross is None
    assert "mehrere USt-Beträge" in totals.reasons["vat"]
    # one VAT figure stays (reported as read, the gross missing)
    assert find_totals("Nettobetrag 500,00\nMwSt 19 % 95,00\n").vat == Decimal("95.00")
