"""Invoice layouts the extractor was not written against: invented letters in several shapes (info block left or
right, label column broken by address lines, sidebar sender, footer-only company line) and number, amount and
date formats of other houses. Each field is either exactly right or missing with a reason."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from workflow.paperinvoice import PaperInvoiceFields, extract_invoice_fields
from workflow.paperinvoice.accuracy import TARGET_FIELDS, score
from workflow.paperinvoice.heldout_layouts import Info, Sender, generate_layout_invoices
from workflow.paperinvoice.infoblock import address_like, value_cells
from workflow.paperinvoice.seller import find_seller, is_title

TODAY = date(2026, 1, 1)
IBAN = "DE89 3704 0044 0532 0130 00"
IBAN_COMPACT = "DE89370400440532013000"


def _read(text: str) -> PaperInvoiceFields:
    return extract_invoice_fields(text, today=TODAY)


LEFT_BLOCK = """Hoffmann Wärmetechnik GmbH
Hoffmann Wärmetechnik GmbH · Lindenweg 7 · 34117 Kassel
Gemeinde Tannhausen
Kämmerei
Rathausplatz 2
36100 Tannhausen
Rechnung Nr.: HW 7851/25
Datum: 3. Februar 2025
Kundennummer: 55120
RECHNUNG
Wartung Heizungsanlage 1 1.180,00 1.180,00
Summe netto 1.180,00 €
zzgl. 19 % USt 224,20 €
Gesamtbetrag 1.404,20 €
Zahlbar bis 17.02.2025.
IBAN {iban} BIC COBADEFFXXX
Hoffmann Wärmetechnik GmbH Amtsgericht Kassel HRB 4410
"""


def test_number_with_letter_prefix_and_space() -> None:
    f = _read(LEFT_BLOCK.format(iban=IBAN))
    assert f.invoice_number == "HW 7851/25"
    assert f.invoice_date == date(2025, 2, 3)
    assert f.gross == Decimal("1404.20") and f.net == Decimal("1180.00") and f.vat == Decimal("224.20")
    assert f.iban == IBAN_COMPACT and f.seller_name == "Hoffmann Wärmetechnik GmbH"
    assert f.due_date == date(2025, 2, 17)


def test_iban_failing_its_checksum_is_left_empty_with_a_reason() -> None:
    f = _read(LEFT_BLOCK.format(iban="DE88 3704 0044 0532 0130 00"))
    assert f.iban is None and "iban" in f.problems


RIGHT_BLOCK = """Zweckverband Abwasser Mittelau
Auenweg 12 · 07743 Jena · Tel. 03641 77889
Stadt Kirchberg                              Rechnungs-Nr.   AR 4089/25
Zentraler Rechnungseingang                   Rechnungsdatum  03.02.25
Marktplatz 3                                 Ihre Kd.-Nr.    766686
25487 Kirchberg
Abrechnung Schmutzwasser 1. Quartal
Summe netto EUR 2.010,00
zzgl. 7 % USt EUR 140,70
Rechnungsbetrag EUR 2.150,70
Bankverbindung: Sparkasse Jena IBAN: {iban}
Zweckverband Abwasser Mittelau · Verbandsvorsteher Karl Brandt
"""


def test_info_block_right_of_the_address_window() -> None:
    f = _read(RIGHT_BLOCK.format(iban=IBAN))
    assert (f.invoice_number, f.invoice_date) == ("AR 4089/25", date(2025, 2, 3))
    assert f.gross == Decimal("2150.70") and f.seller_name == "Zweckverband Abwasser Mittelau"


# OCR read the info block column by column and put the address lines between its labels; one label lost letters
BROKEN_COLUMN = """Öztürk Verkehrstechnik
Am Hang 5a - 62531 Kassel - Tel. 05372 111337
Öztürk Verkehrstechnik : Am Hang 5a - 62531 Kassel
Rech nummer:
Gemeinde Hohenweiler ecı DARKIS
Rechts- und Ordnungsamt Datum:
Ihre Kd.-Nr.:
Postfach 1090
92411 Hohenweiler
291913
2025-07-04
43384
Rechnung
Absperrschranke 10 105,80 1.058,00
Summe netto € 1.058,00
zzgl. 19 % USt € 201,02
Gesamtbetrag € 1.259,02
IBAN: {iban}
"""


def test_label_column_interrupted_by_address_lines_and_plain_six_digit_number() -> None:
    f = _read(BROKEN_COLUMN.format(iban=IBAN))
    assert (f.invoice_number, f.invoice_date) == ("291913", date(2025, 7, 4))
    assert f.gross == Decimal("1259.02") and f.seller_name == "Öztürk Verkehrstechnik"


# a sidebar layout: the sender column is read after the title, the document title comes first
SIDEBAR = """GUTSCHRIFT
Stadt Wendelstedt
Zentrale Rechnungsbearbeitung
Marktplatz 3
60192 Wendelstedt
Beleg-Nr. GS 2025/0442
Belegdatum 2025-01-05
zu unserer Rechnung 202501-435 vom 12.12.2024
Grundpreis Strom 1 24,93 24,93
Zwischensumme EUR 24,93
Umsatzsteuer 19 % EUR 4,74
Gutschriftsbetrag EUR 29,67
Heitmann Energie AG
Weidenkamp 2
64032 Göttingen
IBAN: {iban}
Heitmann Energie AG Amtsgericht Göttingen HRB 15194
"""


def test_sidebar_sender_never_the_document_title() -> None:
    f = _read(SIDEBAR.format(iban=IBAN))
    assert f.seller_name == "Heitmann Energie AG"
    assert f.invoice_number == "GS 2025/0442" and f.invoice_date == date(2025, 1, 5)
    assert f.gross == Decimal("29.67") and f.is_credit_note


TABLE_LINES = """Praxis für Ergotherapie Lange & Partner
Praxis für Ergotherapie Lange & Partner - Ringstraße 9 - 44135 Dortmund
Stadt Lünen
Sozialamt
Willy-Brandt-Platz 1
44532 Lünen
Nummer        RE-2025-00417
Datum         2025-02-03
Leistungszeitraum  Januar 2025
Behandlungen 12 45,00 540,00
Nettobetrag 1 234,56
Umsatzsteuer 0,00
Endbetrag 1 234,56
Umsatzsteuerfrei nach § 4 Nr. 14 UStG.
IBAN {iban}
"""


def test_table_like_label_value_lines_and_spaced_thousands() -> None:
    f = _read(TABLE_LINES.format(iban=IBAN))
    assert (f.invoice_number, f.invoice_date) == ("RE-2025-00417", date(2025, 2, 3))
    assert f.gross == Decimal("1234.56")
    assert f.seller_name == "Praxis für Ergotherapie Lange & Partner"


FOOTER_ONLY = """RECHNUNG
Landratsamt Oberau
Fachbereich Schulen
Postfach 12
83000 Oberau
RE-Nr 2025-118
Ausgestellt am 28. März 2025
Reinigung Turnhalle pauschal 1 1234,56 1234,56
Netto 1234,56
MwSt 19 % 234,57
Brutto 1469,13
Zahlbar bis 11.04.2025
Glanzwerk Gebäudeservice e.K. Inh. Tom Weber Amtsgericht Rosenheim HRA 3312
IBAN {iban}
"""


def test_footer_company_line_and_plain_amounts() -> None:
    f = _read(FOOTER_ONLY.format(iban=IBAN))
    assert f.seller_name == "Glanzwerk Gebäudeservice e.K."
    assert (f.invoice_number, f.invoice_date) == ("2025-118", date(2025, 3, 28))
    assert f.gross == Decimal("1469.13") and f.net == Decimal("1234.56")


def test_missing_fields_are_reported_not_guessed() -> None:
    f = _read("Rechnung\nStadt Ort\nFür Ihre Bestellung danken wir.\nMit freundlichen Grüßen\n")
    assert f.invoice_number is None and "invoice_number" in f.problems
    assert f.gross is None and "gross" in f.problems
    assert f.iban is None and "iban" in f.problems
    assert f.seller_name is None and "seller_name" in f.problems


@pytest.mark.parametrize("line, cells", [
    ("HW 7851/25 03.02.2025", ["HW 7851/25", "03.02.2025"]),
    ("EUR 1.234,56", ["EUR", "1.234,56"]),
    ("Nr 4711", ["Nr", "4711"]),
    ("KB 12", ["KB", "12"]),  # too few digits for a number part
])
def test_letter_prefix_joins_its_digit_group(line: str, cells: list[str]) -> None:
    assert value_cells(line) == cells


@pytest.mark.parametrize("line", ["RECHNUNG", "Gutschrift", "Rechnungskorrektur", "Stornorechnung Nr. 5",
                                  "Abschlagsrechnung", "INVOICE"])
def test_titles_are_no_seller(line: str) -> None:
    assert is_title(line)
    assert find_seller([line, "Stadt Ort", "Marktplatz 1", "12345 Ort"])[0] is None


@pytest.mark.parametrize("lines, seller", [
    (["Böhme Druck + Medien", "Gartenstraße 3 · 80532 Siegen"], "Böhme Druck + Medien"),
    (["Böhme Druck + Medien · Gartenstraße 3 · 80532 Siegen"], "Böhme Druck + Medien"),
    (["Kanzlei Wiegand Partnerschaft mbB", "Industriestraße 17b · 39718 Erfurt · Tel. 01549 43717"],
     "Kanzlei Wiegand Partnerschaft mbB"),
    (["Rechnung", "Weber & Söhne GbR » Hofweg 3 » 12345 Ort"], "Weber & Söhne GbR"),
    # a receipt stamp's "Poststelle" read above the sender's street line is not the sender
    (["08.05.25", "Poststelle", "Papierhaus Stoltenberg e.K. Ahornring 74 : 17892 Kassel", "Gemeinde Ort",
      "Marktplatz 1", "12345 Ort", "Papierhaus Stoltenberg e.K."], "Papierhaus Stoltenberg e.K."),
])
def test_seller_from_letterhead_or_sender_line(lines: list[str], seller: str) -> None:
    assert find_seller(lines)[0] == seller


# seeds 11 and 12 were looked at while developing; this one was not
LAYOUT_SEED = 90210


def test_layout_generator_is_deterministic_and_covers_every_layout() -> None:
    first, again = generate_layout_invoices(60, seed=3), generate_layout_invoices(60, seed=3)
    assert [d.text for d in first] == [d.text for d in again]
    docs = generate_layout_invoices(200, seed=3)
    assert {d.sender for d in docs} == set(Sender) and {d.info for d in docs} == set(Info)


def test_other_layouts_meet_targets_and_rarely_guess_wrong() -> None:
    docs = generate_layout_invoices(200, seed=LAYOUT_SEED)
    fields = TARGET_FIELDS + ("seller_name", "net", "vat")
    scores = score(((str(i), d.text, d.truth) for i, d in enumerate(docs)), fields)
    assert all(s.rate >= 0.95 for s in scores.values()), {k: s.wrong_examples for k, s in scores.items()}
    assert all(s.wrong <= 2 for s in scores.values()), {k: s.wrong_examples for k, s in scores.items()}


def test_unreadable_label_in_a_column_leaves_the_date_empty_rather_than_shifted() -> None:
    # "Ke.-atu" was "Re.-Datum": its value must not go to the order-date label carried past it
    text = ("Kopiersysteme Erfurt e.K.\nIndustriestr. 24 · 25995 Oldenburg\n"
            "Gemeindeverwaltung Wiesental Auftragsdatum\nAmt für Gebäudewirtschaft Ke.-atu\n"
            "Rathausplatz 24 Invoice No.\n15979 Wiesental\n3. Oktober 2025\n24. Oktober 2025\n91416/25\n"
            "Rechnung\nToner 1 100,00 100,00\nNetto 100,00 €\nUSt 19 % 19,00 €\nGesamtbetrag 119,00 €\n"
            f"IBAN {IBAN}\n")
    f = _read(text)
    assert f.invoice_date in (None, date(2025, 10, 24))
    assert f.invoice_number in (None, "91416/25")


@pytest.mark.parametrize("line, expected", [("Ordnungsamt", True), ("Gemeinde Hohenweiler", True),
                                            ("Bauhof", True), ("Datu", False), ("estellnummer", False)])
def test_address_lines_may_interrupt_a_label_column(line: str, expected: bool) -> None:
    assert address_like(line) is expected


def test_letterhead_repeated_in_a_short_letters_footer_with_bank_after_it() -> None:
    lines = ["Wasserverband Talaue", "Kundennummer: 97671", "Gemeinde Kesselbach", "Amt für Finanzen",
             "Postfach 3464", "72484 Kesselbach", "Detmold, 7. März 2025", "Rechnung Nr. 202510-109",
             "Guten Tag,", "Grundgebühr 5 8,37 41,85", "Nettobetrag 41,85", "MwSt. 7% 2,93", "Endbetrag 44,78",
             "Zahlungsziel: 21 Tage netto.", "Wasserverband Talaue Raiffeisenbank Hügelland Amtsgericht Celle",
             f"Geschäftsführung: W. Carstens IBAN {IBAN} HRB 10291", "USt-IdNr.: DE724652603 BIC LKVLPSFFXXX",
             "Seite 1 von 1", "Anlage", "Leistungsnachweis", "Ende"]
    assert find_seller(lines)[0] == "Wasserverband Talaue"


def test_sum_including_tax_is_the_gross_and_sum_without_tax_the_net() -> None:
    f = _read("Kommunal-IT Weber AG · Ufer 5 · 40305 Gießen\nGutschriftsnummer\n54-2025\nGutschriftsdatum\n"
              "2025-03-11\nWartung 2 682,78 1.365,56\nSumme ohne Steuer 1.365,56 EUR\n19 % Mehrwertsteuer 259,46 EUR\n"
              f"Summe inkl. MwSt. 1.625,02 EUR\nIBAN {IBAN}\n")
    assert (f.net, f.vat, f.gross) == (Decimal("1365.56"), Decimal("259.46"), Decimal("1625.02"))


def test_seller_legal_form_is_written_the_usual_way() -> None:
    from workflow.paperinvoice.seller import _clean

    assert _clean("Office-Partner Klein GmbH & Co.KG") == "Office-Partner Klein GmbH & Co. KG"
    assert _clean("Energie Obertal. GmbH") == "Energie Obertal GmbH"  # stray OCR dot before the legal form
    assert _clean("Dr. Meier GmbH") == "Dr. Meier GmbH"
    assert _clean("Müller & Co. KG") == "Müller & Co. KG"


def test_label_at_line_end_takes_the_one_fitting_cell_of_the_next_line() -> None:
    from workflow.paperinvoice.infoblock import pair_labels
    from workflow.paperinvoice.labels import LabelKind

    lines = ["Muster Sanitär GmbH · Bergstraße 1 · 70555 Halle Beleg-Nr.", "HW 6085/25 g;", "Stadt Grauburg"]
    numbers = [p.value for p in pair_labels(lines) if p.kind is LabelKind.NUMBER]
    assert numbers == ["HW 6085/25"]
