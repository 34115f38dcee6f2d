"""Words and value formats for the held-out paper-invoice generator (own word lists, not the training lexicon).

Pure: a ``random.Random`` in, strings out. Every formatter returns the printed form of a true value, so the
truth stays the value and the text varies (date, amount, IBAN and invoice-number styles seen on real mail).
"""
from __future__ import annotations

import random
from datetime import date
from decimal import Decimal

MONTHS_LONG = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
               "November", "Dezember")
MONTHS_SHORT = ("Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sept.", "Okt.", "Nov.", "Dez.")

FIRST = ("Brandt", "Lindner", "Kowalczyk", "Öztürk", "Haas", "Seidel", "Vogt", "Kühn", "Ludwig", "Roth", "Jansen",
         "Petrović", "Albrecht", "Graf", "Sommer", "Franke", "Busch", "Engel", "Horn", "Pohl", "Winkler", "Marx")
TRADES = ("Dachdeckerei", "Gerüstbau", "Sanitärtechnik", "Baumpflege", "Druckerei", "Kopiersysteme", "Bürobedarf",
          "Gebäudereinigung", "Tiefbau", "Malerbetrieb", "Schlüsseldienst", "IT-Service", "Elektrotechnik",
          "Spielgerätebau", "Winterdienst", "Vermessung", "Ingenieurbüro", "Catering", "Kanalreinigung",
          "Schilder und Markierung", "Landschaftsbau", "Brandschutz", "Fahrzeugtechnik", "Möbelwerkstatt")
FORMS = ("GmbH", "GmbH & Co. KG", "e.K.", "KG", "AG", "OHG", "UG (haftungsbeschränkt)", "GbR", "")
STREETS = ("Lindenweg", "Hafenstraße", "Am Mühlbach", "Industriestr.", "Gewerbepark", "Birkenallee", "Kirchgasse",
           "Talstraße", "Auf der Höhe", "Schmiedeweg", "Bahnhofplatz", "Ziegeleiweg", "Rheinufer", "Feldstraße")
CITIES = ("Bielefeld", "Koblenz", "Göttingen", "Rostock", "Ulm", "Kassel", "Würzburg", "Oldenburg", "Erfurt",
          "Trier", "Paderborn", "Zwickau", "Lüneburg", "Bamberg", "Offenburg", "Siegen", "Gießen", "Passau")
TOWNS = ("Stadt Hohenmoor", "Gemeinde Kleinweiler", "Stadtverwaltung Bergheide", "Markt Eichenau",
         "Verbandsgemeinde Talbach", "Kreisstadt Nordhain", "Gemeindeverwaltung Wiesental", "Stadt Altbrück")
DEPTS = ("Rechnungseingang", "Amt für Gebäudewirtschaft", "Fachbereich 3 - Tiefbau", "Hauptamt", "Kämmerei",
         "Bauhof", "Schulverwaltung", "z. Hd. Frau Weber", "Ordnungsamt", "")
GOODS = ("Dachrinne erneuert", "Gerüst Standmiete", "Toner schwarz", "Kopierpapier A4 80 g", "Unterhaltsreinigung",
         "Baumfällung mit Entsorgung", "Schacht freigespült", "Ordner breit", "Monteurstunde", "Anfahrtspauschale",
         "Bauzaun Miete", "Wartung Feuerlöscher", "Sitzbank montiert", "Notebook 15 Zoll", "Lizenz Jahresgebühr",
         "Verkehrszeichen 206", "Fahrbahnmarkierung", "Streugut 25 kg", "Spielsand geliefert", "Essen Sitzung")

# label wordings (own choices; OCR damage is added later)
NUMBER_LABELS = ("Rechnungsnummer", "Rechnungs-Nr.", "Rechnungs-Nr", "Rechnung Nr.", "Rechnungsnr.", "Re.-Nr.",
                 "Beleg-Nr.", "Belegnummer", "Rg.-Nr.", "RE-Nr.", "Invoice No.", "Rechnung-Nr.", "Nr. der Rechnung")
CREDIT_NUMBER_LABELS = ("Gutschrift-Nr.", "Gutschriftsnummer", "Gutschrift Nr.", "Beleg-Nr.", "Belegnummer")
DATE_LABELS = ("Rechnungsdatum", "Datum", "Belegdatum", "Rechnungs-Datum", "Ausstellungsdatum", "Datum der Rechnung",
               "Invoice Date", "Re.-Datum")
CREDIT_DATE_LABELS = ("Datum", "Gutschriftsdatum", "Belegdatum")
SERVICE_DATE_LABELS = ("Leistungsdatum", "Lieferdatum", "Liefertag", "Leistungszeitraum", "Ausführungsdatum",
                       "Bestelldatum", "Auftragsdatum")
OTHER_LABELS = ("Kunden-Nr.", "Kundennummer", "Ihre Bestellung", "Auftrags-Nr.", "Bestellnummer", "Unser Zeichen",
                "Sachbearbeiter", "Projekt", "Seite", "Debitor", "Objekt", "Vertragsnummer")
NET_LABELS = ("Nettobetrag", "Summe netto", "Zwischensumme", "Netto", "Warenwert", "Gesamt netto", "Nettosumme",
              "Summe Positionen")
GROSS_LABELS = ("Rechnungsbetrag", "Gesamtbetrag", "Bruttobetrag", "Endbetrag", "Summe brutto", "Zahlbetrag",
                "Gesamtsumme", "Zu zahlen", "Rechnungsendbetrag", "Gesamt brutto", "Total")
CREDIT_GROSS_LABELS = ("Gutschriftsbetrag", "Erstattungsbetrag", "Gesamtbetrag")
STAMP_WORDS = ("EINGEGANGEN", "Eingang", "EINGANG", "Posteingang", "Eing.")


def money(value: Decimal, rng: random.Random) -> str:
    """One printed form of an amount: German with or without thousands dot, spaced, English with currency."""
    plain = f"{value:.2f}"
    whole, cents = plain.split(".")
    grouped = f"{int(whole):,}" if whole.lstrip("-").isdigit() else whole
    style = rng.choices(range(8), weights=(30, 14, 8, 8, 8, 6, 4, 4))[0]
    if style == 0:
        return f"{grouped.replace(',', '.')},{cents} €"
    if style == 1:
        return f"{grouped.replace(',', '.')},{cents} EUR"
    if style == 2:
        return f"{whole},{cents} €"
    if style == 3:
        return f"€ {grouped.replace(',', '.')},{cents}"
    if style == 4:
        return f"EUR {grouped.replace(',', ' ')},{cents}"
    if style == 5:
        return f"{plain} EUR"
    if style == 6:
        return f"{grouped}.{cents} EUR"
    return f"{grouped.replace(',', '.')},{cents}"


def day_text(d: date, rng: random.Random) -> str:
    """One printed form of a date."""
    style = rng.choices(range(8), weights=(40, 10, 10, 14, 6, 8, 6, 6))[0]
    if style == 0:
        return f"{d:%d.%m.%Y}"
    if style == 1:
        return f"{d.day}.{d.month}.{d.year}"
    if style == 2:
        return f"{d:%d.%m.%y}"
    if style == 3:
        return f"{d.day}. {MONTHS_LONG[d.month - 1]} {d.year}"
    if style == 4:
        return f"{d.day:02d}. {MONTHS_SHORT[d.month - 1]} {d.year}"
    if style == 5:
        return d.isoformat()
    if style == 6:
        return f"{d:%d. %m. %Y}"
    return f"{d:%d/%m/%Y}"


def invoice_number(rng: random.Random, year: int, credit: bool) -> str:
    """A document number in one of many house styles."""
    n = rng.randint(1, 99999)
    yy = str(year)[2:]
    styles: tuple[str, ...] = (f"RE-{year}-{n:05d}", f"{year}/{n:04d}", f"{rng.randint(100000, 9999999)}",
              f"R{rng.randint(1000, 999999)}", f"{yy}-{n:05d}", f"INV-{rng.randint(10000, 99999)}",
              f"A{rng.randint(100000, 999999)}", f"RG{yy}{n:04d}", f"{n:04d}/{yy}", f"FR{year}{n:05d}",
              f"{rng.randint(1, 9)}-{n:06d}")
    if credit:
        styles = (f"GS-{year}-{n:04d}", f"G{rng.randint(10000, 999999)}", f"{rng.randint(100000, 9999999)}",
                  f"GU{yy}/{n:04d}")
    return rng.choice(styles)


def _iban_check(country: str, bban: str) -> str:
    numeric = "".join(str(int(ch, 36)) for ch in bban + country + "00")
    return f"{98 - int(numeric) % 97:02d}"


def iban(rng: random.Random) -> str:
    """A valid (mod 97) IBAN, mostly German, sometimes Austrian or Dutch."""
    kind = rng.random()
    if kind < 0.85:
        country, bban = "DE", "".join(str(rng.randint(0, 9)) for _ in range(18))
    elif kind < 0.95:
        country, bban = "AT", "".join(str(rng.randint(0, 9)) for _ in range(16))
    else:
        bank = "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(4))
        country, bban = "NL", bank + "".join(str(rng.randint(0, 9)) for _ in range(10))
    return country + _iban_check(country, bban) + bban


def iban_text(value: str, rng: random.Random) -> str:
    """Printed IBAN: groups of four (most), unspaced, or groups with a double space."""
    style = rng.random()
    if style < 0.65:
        return " ".join(value[i:i + 4] for i in range(0, len(value), 4))
    if style < 0.9:
        return value
    return "  ".join(value[i:i + 4] for i in range(0, len(value), 4))


def company(rng: random.Random) -> str:
    """A sender name."""
    form = rng.choice(FORMS)
    name = rng.choice((f"{rng.choice(FIRST)} {rng.choice(TRADES)}", f"{rng.choice(TRADES)} {rng.choice(FIRST)}",
                       f"{rng.choice(FIRST)} & {rng.choice(FIRST)}", f"{rng.choice(TRADES)} {rng.choice(CITIES)}"))
    return f"{name} {form}".strip()
