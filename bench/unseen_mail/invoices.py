"""Supplier documents: Rechnung, Gutschrift, Lieferschein, Mahnung (content only, no pixels)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from . import formats as F
from . import vocab as V
from .context import Ctx, Doc, closing, recipient
from .letters import LetterSpec, Lines, Table, Totals


@dataclass(frozen=True)
class Branch:
    department: str
    names: tuple[str, ...]  # "{n}" = a surname
    items: tuple[tuple[str, str, int, int], ...]  # description, unit, min price, max price (EUR)
    vat_rate: int = 19
    goods: bool = True  # can have a delivery note


BRANCHES: dict[str, Branch] = {
    "buero": Branch("hauptamt", ("Papierhaus {n} e.K.", "{n} Bürowelt GmbH", "Office-Partner {n} OHG"), (
        ("Kopierpapier A4 80 g, Karton à 5 x 500 Bl.", "Ktn", 18, 32), ("Hängeregistratur Karton, 25er Pack", "Pck", 9, 21),
        ("Toner schwarz für Multifunktionsgerät", "Stk", 45, 160), ("Ordner breit 8 cm, blau", "Stk", 2, 5),
        ("Bürodrehstuhl mit Armlehnen", "Stk", 180, 420), ("Schreibtischleuchte LED", "Stk", 35, 90))),
    "it": Branch("hauptamt", ("{n} IT-Systemhaus GmbH", "NetzWerk {n} & Partner GmbH", "Kommunal-IT {n} AG"), (
        ("Wartungspauschale Serverraum Rathaus", "Monat", 380, 1200), ("Lizenzverlängerung Virenschutz, 120 Plätze", "Lizenz", 900, 2400),
        ("Notebook 14\" inkl. Einrichtung", "Stk", 780, 1350), ("Technikerstunde Vor-Ort-Einsatz", "Std", 85, 125),
        ("Firewall-Appliance Austausch", "Stk", 1400, 3900), ("Migration E-Mail-Postfächer", "psch", 1500, 4800))),
    "druck": Branch("hauptamt", ("Druckerei {n} GmbH & Co. KG", "{n} Druck + Medien", "Offsetdruck {n}"), (
        ("Amtsblatt, 16 Seiten, Auflage 9.000", "Ausg.", 1300, 2600), ("Briefbögen mit Stadtwappen, 2.500 Stk", "Auftr.", 190, 420),
        ("Visitenkarten, 4/4-farbig, 250 Stk", "Satz", 35, 70), ("Broschüre Haushaltsplan, Klebebindung", "Stk", 8, 19))),
    "reinigung": Branch("hauptamt", ("Gebäudedienste {n} GmbH", "{n} Reinigungsservice", "Glanz & Sauber {n} KG"), (
        ("Unterhaltsreinigung Verwaltungsgebäude", "Monat", 2400, 6800), ("Glasreinigung Foyer und Treppenhaus", "psch", 280, 900),
        ("Grundreinigung Sitzungssaal", "psch", 350, 780), ("Sanitärverbrauchsmaterial", "psch", 120, 340)), goods=False),
    "tiefbau": Branch("bauamt", ("Straßen- und Tiefbau {n} GmbH", "{n} Bauunternehmung", "Tiefbau {n} & Söhne"), (
        ("Asphaltdeckschicht AC 11 D S, 4 cm", "m²", 18, 34), ("Bordstein Hochbord setzen", "m", 28, 55),
        ("Kanalhausanschluss DN 150", "Stk", 850, 2100), ("Baustelleneinrichtung", "psch", 1800, 5400),
        ("Schotter-Tragschicht 0/32", "t", 19, 36))),
    "elektro": Branch("bauamt", ("Elektro {n} GmbH", "{n} Elektrotechnik", "Licht & Strom {n} e.K."), (
        ("Austausch Straßenleuchte LED", "Stk", 420, 980), ("Unterverteilung Grundschule erneuern", "psch", 2200, 6500),
        ("Mantelleitung NYM-J 3x1,5", "m", 1, 3), ("Monteurstunde", "Std", 58, 79))),
    "galabau": Branch("bauamt", ("Garten- und Landschaftsbau {n}", "Grünpflege {n} GmbH", "{n} Baumdienst"), (
        ("Rasenmahd Stadtpark, 3 Durchgänge", "psch", 900, 2600), ("Baumfällung mit Hubsteiger", "Stk", 280, 950),
        ("Heckenschnitt Friedhof", "m", 3, 8), ("Pflanzung Hochstamm Linde", "Stk", 320, 690))),
    "dach": Branch("bauamt", ("Bedachungen {n} GmbH", "Dachdeckerei {n}", "{n} Sanitär und Heizung"), (
        ("Reparatur Flachdach Bauhof", "psch", 1500, 5200), ("Dachrinne Kupfer erneuern", "m", 38, 75),
        ("Heizungswartung Kindergarten", "psch", 190, 460), ("Gesellenstunde", "Std", 52, 72))),
    "verkehr": Branch("ordnungsamt", ("Verkehrstechnik {n} GmbH", "{n} Verkehrssicherung", "Signal-{n} GmbH"), (
        ("Verkehrszeichen 274 (Tempo 30), 600 mm", "Stk", 45, 110), ("Leitbake fahrbar mit Warnleuchte", "Stk", 90, 210),
        ("Geschwindigkeitsanzeige solar, mobil", "Stk", 1800, 3600), ("Absperrschranke 2 m, rot-weiß", "Stk", 60, 140))),
    "unterkunft": Branch("sozialamt", ("Heimausstattung {n} GmbH", "{n} Einrichtungen für Gemeinschaftsunterkünfte",
                                      "Wohnheimbedarf {n}"), (
        ("Metallbett mit Matratze, 90x200", "Stk", 160, 330), ("Spind 2-türig, abschließbar", "Stk", 140, 260),
        ("Bettwäsche-Set, waschbar 95 °C", "Set", 18, 39), ("Waschmaschine gewerblich für Obdachlosenunterkunft", "Stk", 1600, 3200))),
    "pass": Branch("buergerbuero", ("{n} Identity Solutions GmbH", "Biometrie-Technik {n}", "{n} Dokumentensysteme AG"), (
        ("Fingerabdruckscanner für Personalausweisantrag", "Stk", 690, 1400), ("Passbildkamera-Terminal mit Software", "Stk", 3900, 7800),
        ("Dokumentenprüfgerät UV/IR", "Stk", 780, 1900), ("Unterschriftenpad", "Stk", 180, 340))),
    "kanzlei": Branch("rechtsamt", ("Rechtsanwälte {n} & Kollegen", "Kanzlei {n} Partnerschaft mbB", "Dr. {n} Rechtsanwälte"), (
        ("Geschäftsgebühr Nr. 2300 VV RVG", "", 600, 2400), ("Verfahrensgebühr Nr. 3100 VV RVG", "", 700, 2900),
        ("Terminsgebühr Nr. 3104 VV RVG", "", 500, 2200), ("Pauschale Post und Telekommunikation Nr. 7002 VV RVG", "", 20, 20)),
        goods=False),
    "energie": Branch("kaemmerei", ("Stadtwerke {n} GmbH", "{n} Energie AG", "Energieversorgung {n}land GmbH"), (
        ("Strom Arbeitspreis Rathaus", "kWh", 0, 0), ("Grundpreis Strom", "Monat", 12, 30),
        ("Erdgas Arbeitspreis Bauhof", "kWh", 0, 0), ("Messstellenbetrieb", "Jahr", 20, 60)), goods=False),
    "wasser": Branch("kaemmerei", ("Wasserverband {n}tal", "{n} Wasserversorgung GmbH", "Zweckverband Wasser {n}"), (
        ("Trinkwasser Verbrauch Sporthalle", "m³", 2, 3), ("Grundgebühr Wasserzähler Qn 2,5", "Monat", 8, 16),
        ("Zählerwechsel", "Stk", 45, 90)), vat_rate=7, goods=False),
}

TOTAL_LABELS = (
    ("Summe netto", "zzgl. {r} % USt", "Gesamtbetrag"),
    ("Nettobetrag", "MwSt. {r}%", "Endbetrag"),
    ("Zwischensumme", "Umsatzsteuer {r} %", "Zu zahlen"),
    ("Warenwert netto", "+ {r}% MwSt.", "Rechnungsbetrag"),
    ("Netto", "USt {r} %", "Brutto"),
    ("Summe ohne Steuer", "{r} % Mehrwertsteuer", "Summe inkl. MwSt."),
)


def _line_items(ctx: Ctx, branch: Branch, credit: bool) -> list[tuple[str, Decimal, str, Decimal, Decimal]]:
    rng = ctx.rng
    out = []
    for desc, unit, lo, hi in rng.sample(branch.items, k=rng.randint(1, min(4, len(branch.items)))):
        if unit == "kWh":
            qty = Decimal(rng.randrange(800, 48000))
            price = Decimal(rng.randrange(2400, 3900)) / 10000
        elif unit in ("m²", "m", "t", "m³"):
            qty = Decimal(rng.randrange(5, 900))
            price = Decimal(rng.randrange(lo * 100, hi * 100 + 1)) / 100
        else:
            qty = Decimal(rng.choice((1, 1, 1, 2, 3, 4, 5, 6, 10, 12)))
            price = Decimal(rng.randrange(lo * 100, hi * 100 + 1)) / 100
        if credit:
            qty = Decimal(1) if qty > 10 else qty
        out.append((desc, qty, unit, price.quantize(Decimal("0.0001")), F.money(qty * price)))
    return out


def _qty(q: Decimal) -> str:
    return f"{q:,.0f}".replace(",", ".")


def _price(p: Decimal) -> str:
    return F.de_number(p) if p == F.money(p) else f"{p:.4f}".replace(".", ",")


def _table(ctx: Ctx, items: list[tuple[str, Decimal, str, Decimal, Decimal]], priced: bool = True) -> Table:
    rng = ctx.rng
    variant = rng.randrange(4) if priced else rng.randrange(2) + 10
    rows: list[list[str]]
    if variant == 0:
        header = ["Pos.", "Bezeichnung", "Menge", "Einheit", "Einzelpreis", "Gesamt"]
        cols = [(0, "l"), (12, "l"), (105, "r"), (108, "l"), (142, "r"), (165, "r")]
        rows = [[str(i), d, _qty(q), u, _price(p), F.de_number(t)] for i, (d, q, u, p, t) in enumerate(items, 1)]
    elif variant == 1:
        header = ["Menge", "Art.-Nr.", "Beschreibung", "Preis", "Betrag"]
        cols = [(12, "r"), (16, "l"), (38, "l"), (142, "r"), (165, "r")]
        rows = [[f"{_qty(q)} {u}".strip(), f"{rng.randrange(10000, 99999)}", d, _price(p), F.de_number(t)]
                for d, q, u, p, t in items]
    elif variant == 2:
        header = ["Leistung", "Anzahl", "E-Preis €", "Summe €"]
        cols = [(0, "l"), (112, "r"), (140, "r"), (165, "r")]
        rows = [[d, _qty(q), _price(p), F.de_number(t)] for d, q, u, p, t in items]
    elif variant == 3:
        header = ["Nr", "Text", "Betrag EUR"]
        cols = [(0, "l"), (10, "l"), (165, "r")]
        rows = [[f"{i:02d}", f"{d} ({_qty(q)} {u} à {_price(p)})".replace(" )", ")"), F.de_number(t)]
                for i, (d, q, u, p, t) in enumerate(items, 1)]
    elif variant == 10:
        header = ["Pos", "Artikel", "Menge", "ME"]
        cols = [(0, "l"), (12, "l"), (140, "r"), (145, "l")]
        rows = [[str(i), d, _qty(q), u] for i, (d, q, u, p, t) in enumerate(items, 1)]
    else:
        header = ["Liefermenge", "Bezeichnung", "bestellt"]
        cols = [(20, "r"), (28, "l"), (160, "r")]
        rows = [[f"{_qty(q)} {u}".strip(), d, _qty(q)] for d, q, u, p, t in items]
    return Table(header, rows, cols, ruled=rng.random() < 0.7)


def _seller(ctx: Ctx, branch: Branch) -> tuple[str, list[str], str, str, str, str]:
    """(name, head lines, return line, iban, bank, bic)."""
    rng = ctx.rng
    name = rng.choice(branch.names).format(n=rng.choice(V.LAST))
    street, city = V.street(rng), V.city_line(rng)
    iban = F.iban_de(V.bank_code(rng), V.account(rng))
    bank = rng.choice(V.BANKS)
    bic = "".join(rng.choice("ABCDEFGHKLMNPRSTUVWXYZ") for _ in range(6)) + rng.choice(("XX", "M1", "21", "FF")) + \
        rng.choice(("", "XXX"))
    head = [name]
    if rng.random() < 0.7:
        head.append(f"{street} · {city} · Tel. {V.phone(rng)}")
    return name, head, f"{name} · {street} · {city}", iban, bank, bic


def _bank_footer(ctx: Ctx, name: str, iban: str, bank: str, bic: str) -> tuple[list[list[str]], list[str]]:
    """Footer columns and/or body lines carrying the bank details (IBAN with or without spaces)."""
    rng = ctx.rng
    shown = F.group4(iban) if rng.random() < 0.6 else iban
    footer = [[name, f"Geschäftsführung: {V.person(rng).full}", f"USt-IdNr.: {V.vat_id(rng)}"],
              [bank, f"IBAN {shown}", f"BIC {bic}"],
              [f"Amtsgericht {rng.choice(V.SENDER_CITIES)}", f"HRB {rng.randrange(1000, 29999)}",
               f"Steuernr. {V.tax_number(rng)}"]]
    if rng.random() < 0.5:
        return footer, []
    return [footer[0], footer[2]], [f"Bankverbindung: {bank}", f"IBAN: {shown}   BIC: {bic}"]


def invoice(ctx: Ctx, credit: bool = False) -> Doc:
    rng = ctx.rng
    key = rng.choice(tuple(BRANCHES))
    branch = BRANCHES[key]
    name, head, ret, iban, bank, bic = _seller(ctx, branch)
    central = rng.random() < 0.33
    rec, printed = recipient(ctx, branch.department, central=central)
    inv_date = ctx.letter_date
    number = F.invoice_number(rng, inv_date.year)
    items = _line_items(ctx, branch, credit)
    net = sum((t for *_, t in items), Decimal(0))
    small_business = not credit and key in ("buero", "galabau") and rng.random() < 0.15
    rate = 0 if small_business else branch.vat_rate
    vat = F.money(net * rate / 100)
    gross = net + vat
    ds, am = ctx.date_style, ctx.amount_style
    leitweg = None
    if not credit and rng.random() < 0.4:
        fine = rng.choice(("", f"{rng.randrange(1, 999):03d}", f"RE{rng.randrange(1, 99):02d}", f"{rng.randrange(10, 99)}K"))
        leitweg = F.leitweg_id(ctx.muni.leitweg_coarse, fine)
    info: list[tuple[str, str]] = []
    number_label = rng.choice(("Rechnungsnummer", "Rechnungs-Nr.", "Beleg-Nr.", "Rg.-Nr.")) if not credit else \
        rng.choice(("Gutschriftsnummer", "Gutschrift-Nr.", "Belegnummer"))
    date_label = rng.choice(("Rechnungsdatum", "Datum", "Belegdatum")) if not credit else rng.choice(("Datum", "Gutschriftsdatum"))
    number_in_info = rng.random() < 0.65
    if number_in_info:
        info += [(number_label, number), (date_label, F.fmt_date(inv_date, ds))]
    info.append((rng.choice(("Kundennummer", "Kunden-Nr.", "Ihre Kd.-Nr.")), f"{rng.randrange(10000, 999999)}"))
    if leitweg and rng.random() < 0.6:
        info.append((rng.choice(("Leitweg-ID", "Ihre Leitweg-ID", "Käuferreferenz")), leitweg))
        leitweg_in_body = False
    else:
        leitweg_in_body = leitweg is not None
    if rng.random() < 0.5:
        info.append(("Ihre Bestellung", f"{rng.choice(('BE', 'B', 'Best.'))} {rng.randrange(100, 9999)} vom "
                                         f"{F.fmt_date(inv_date - timedelta(days=rng.randrange(7, 60)), ds)}"))
    place_date = "" if number_in_info else f"{rng.choice(V.SENDER_CITIES)}, {F.fmt_date(inv_date, ds)}"
    body: list[object] = []
    ref_number = F.invoice_number(rng, inv_date.year)
    if credit:
        title = rng.choice(("Gutschrift", "GUTSCHRIFT", "Rechnungskorrektur / Gutschrift", "Gutschrift"))
        if number_in_info:  # the title carries the document kind; the subject (if any) names the invoice
            subject = rng.choice(([], [f"Bezug: unsere Rechnung {ref_number}"]))
        else:
            subject = [f"{title} Nr. {number} vom {F.fmt_date(inv_date, ds)}"]
        opener = rng.choice((
            f"zu unserer Rechnung {ref_number} erhalten Sie aufgrund Ihrer Reklamation folgende Gutschrift:",
            f"wie telefonisch besprochen schreiben wir Ihnen den nachstehenden Betrag aus der Rechnung {ref_number} gut.",
            f"für die zurückgesandte Ware (Bezug: Rechnung {ref_number}) erteilen wir Ihnen folgende Gutschrift.",
            f"wegen der verspäteten Leistung zu Rechnung {ref_number} gewähren wir Ihnen eine Preisminderung.",
        ))
        salutation = rng.choice(("Sehr geehrte Damen und Herren,", "Guten Tag,"))
        body += [salutation, opener]
    else:
        title = rng.choice(("Rechnung", "RECHNUNG", "Rechnung", "Honorarrechnung" if key == "kanzlei" else "Rechnung",
                            "Abrechnung" if key in ("energie", "wasser") else "Rechnung"))
        subject = [] if number_in_info else [f"{title} Nr. {number}"]
        if number_in_info and rng.random() < 0.5:
            subject = [rng.choice(("Leistungsdatum", "Lieferung vom", "Leistung erbracht am")) + " " +
                       F.fmt_date(inv_date - timedelta(days=rng.randrange(3, 40)), ds)]
        intro = rng.choice((
            "für die ausgeführten Arbeiten berechnen wir Ihnen wie folgt:",
            "vielen Dank für Ihren Auftrag. Wir erlauben uns, folgende Leistungen in Rechnung zu stellen:",
            "gemäß unserem Angebot stellen wir Ihnen in Rechnung:",
            "",
            "unsere Lieferung erfolgte zu den nachstehenden Positionen.",
        ))
        if intro:
            body += [rng.choice(("Sehr geehrte Damen und Herren,", "Guten Tag,", "Sehr geehrte Damen und Herren,")), intro]
    if leitweg_in_body:
        body.append(Lines([f"Leitweg-ID: {leitweg}"]))
    body.append(_table(ctx, items))
    labels = rng.choice(TOTAL_LABELS)
    fa = lambda v: F.fmt_amount(v, am)
    if small_business:
        body.append(Totals([(rng.choice(("Gesamtbetrag", "Endbetrag", "Zu zahlen")), fa(gross))]))
        body.append("Gemäß § 19 UStG wird keine Umsatzsteuer berechnet (Kleinunternehmerregelung).")
    else:
        body.append(Totals([(labels[0], fa(net)), (labels[1].format(r=rate), fa(vat)),
                            (("Gutschriftsbetrag" if credit and rng.random() < 0.5 else labels[2]), fa(gross))]))
    due = None
    if credit:
        body.append(rng.choice((
            "Der Betrag wird Ihnen in den nächsten Tagen auf Ihr Konto überwiesen.",
            "Wir verrechnen die Gutschrift mit unserer nächsten Rechnung.",
            "Bitte teilen Sie uns Ihre Bankverbindung für die Erstattung mit, falls diese sich geändert hat.")))
    else:
        days = rng.choice((10, 14, 14, 21, 30))
        due_day = inv_date + timedelta(days=days)
        term = rng.randrange(5)
        if term == 0:
            body.append(f"Zahlbar bis zum {F.fmt_date(due_day, ds)} ohne Abzug.")
            due = due_day
        elif term == 1:
            body.append(f"Fälligkeit: {F.fmt_date(due_day, ds)}")
            due = due_day
        elif term == 2:
            body.append(f"Bitte überweisen Sie den Betrag innerhalb von {days} Tagen nach Rechnungserhalt unter "
                        f"Angabe der Rechnungsnummer.")
        elif term == 3:
            skonto = F.fmt_date(inv_date + timedelta(days=7), ds)
            body.append(f"Bei Zahlung bis {skonto} gewähren wir 2 % Skonto, rein netto bis {F.fmt_date(due_day, ds)}.")
            due = due_day
        else:
            body.append(f"Zahlungsziel: {days} Tage netto.")
        if key == "kanzlei":
            body.append(f"Gegenstand: {rng.choice(('Vertretung im Vergabenachprüfungsverfahren', 'Beratung zur Satzungsänderung', 'Arbeitsrechtliche Auseinandersetzung'))}")
    footer, bank_lines = _bank_footer(ctx, name, iban, bank, bic)
    if bank_lines:
        body.append(Lines(bank_lines))
    spec = LetterSpec(head=head, return_line=ret if rng.random() < 0.8 else "", recipient=rec, info=info,
                      place_date=place_date, subject=subject, body=body,  # type: ignore[arg-type]
                      closing=closing(ctx, name) if rng.random() < 0.4 else [],
                      footer=footer, title="" if not number_in_info else title)
    fields = {"seller_name": name, "invoice_number": number, "invoice_date": inv_date.isoformat(),
              "due_date": due.isoformat() if due else None, "net": f"{net:.2f}", "vat": f"{vat:.2f}",
              "gross": f"{gross:.2f}", "currency": "EUR", "iban": iban, "leitweg_id": leitweg}
    kind = "gutschrift" if credit else "rechnung"
    return Doc(kind, branch.department, f"{kind}_u_{key}", spec, printed, fields,
               {"branch": key, "central_invoice_address": central, "referenced_invoice": ref_number if credit else None})


def delivery_note(ctx: Ctx) -> Doc:
    rng = ctx.rng
    key = rng.choice([k for k, b in BRANCHES.items() if b.goods])
    branch = BRANCHES[key]
    name, head, ret, iban, bank, bic = _seller(ctx, branch)
    rec, printed = recipient(ctx, branch.department, central=rng.random() < 0.2)
    ds = ctx.date_style
    number = f"{rng.choice(('LS', 'L', 'LF-'))}{rng.randrange(10000, 999999)}"
    info = [(rng.choice(("Lieferschein-Nr.", "Lieferscheinnummer", "Beleg")), number),
            ("Lieferdatum", F.fmt_date(ctx.letter_date, ds)),
            (rng.choice(("Ihre Bestellnummer", "Bestellung", "Auftrag")), f"{rng.randrange(1000, 99999)}")]
    items = _line_items(ctx, branch, False)
    body: list[object] = [
        rng.choice(("Wir liefern Ihnen gemäß Ihrer Bestellung:", "Folgende Waren wurden heute geliefert:",
                    "Anbei erhalten Sie die bestellten Artikel. Bitte prüfen Sie die Lieferung auf Vollständigkeit.",
                    "Lieferung frei Verwendungsstelle:")),
        _table(ctx, items, priced=False),
        rng.choice(("Die Rechnung folgt gesondert.", "Die Berechnung erfolgt mit separater Post.",
                    "Ware bleibt bis zur vollständigen Bezahlung unser Eigentum.")),
        Lines(["Ware vollständig und unbeschädigt erhalten:", "", "______________________    ______________________",
               "Datum                                   Unterschrift / Name"]),
    ]
    footer, _ = _bank_footer(ctx, name, iban, bank, bic)
    title = rng.choice(("Lieferschein", "LIEFERSCHEIN", "Lieferschein / Warenbegleitschein"))
    spec = LetterSpec(head=head, return_line=ret, recipient=rec, info=info, place_date="", subject=[],
                      body=body, footer=footer, title=title)  # type: ignore[arg-type]
    return Doc("lieferschein", branch.department, f"lieferschein_u_{key}", spec, printed, None, {"branch": key})


def reminder(ctx: Ctx) -> Doc:
    rng = ctx.rng
    key = rng.choice(tuple(BRANCHES))
    branch = BRANCHES[key]
    name, head, ret, iban, bank, bic = _seller(ctx, branch)
    rec, printed = recipient(ctx, "kaemmerei", central=rng.random() < 0.5)
    ds, am = ctx.date_style, ctx.amount_style
    fa = lambda v: F.fmt_amount(v, am)
    inv_no = F.invoice_number(rng, ctx.letter_date.year)
    inv_date = ctx.letter_date - timedelta(days=rng.randrange(40, 120))
    principal = F.money(Decimal(rng.randrange(8000, 900000)) / 100)
    fees = Decimal(rng.choice(("0.00", "5.00", "7.50", "10.00", "15.00")))
    interest = F.money(principal * Decimal(rng.randrange(30, 90)) / 10000)
    due = ctx.letter_date + timedelta(days=rng.choice((7, 10, 14)))
    collector = rng.random() < 0.3
    if collector:
        coll = f"{rng.choice(('Creditreform', 'Forderungsmanagement', 'Inkasso'))} {rng.choice(V.LAST)} GmbH"
        head = [coll, f"{V.street(rng)} · {V.city_line(rng)}"]
        ret = f"{coll} · Postfach {rng.randrange(1000, 9999)} · {V.city_line(rng)}"
        fees += Decimal(rng.choice(("39.00", "58.50", "70.20")))
        subject = [rng.choice(("Forderungsangelegenheit", "Beauftragung zum Forderungseinzug", "Zahlungsaufforderung")),
                   f"Auftraggeber: {name}, Rechnung {inv_no}"]
        text = ["Sehr geehrte Damen und Herren,",
                f"die Firma {name} hat uns mit der Einziehung ihrer offenen Forderung beauftragt. Trotz Fälligkeit "
                f"und Erinnerung ist die Rechnung {inv_no} vom {F.fmt_date(inv_date, ds)} bislang nicht ausgeglichen.",
                f"Wir fordern Sie auf, den Gesamtbetrag bis spätestens {F.fmt_date(due, ds)} auf das unten genannte "
                f"Konto zu überweisen. Andernfalls empfehlen wir unserer Mandantin die gerichtliche Geltendmachung."]
    else:
        level = rng.choice((1, 1, 2, 3))
        subject = [rng.choice({1: ("Zahlungserinnerung", "1. Mahnung", "Freundliche Erinnerung"),
                               2: ("2. Mahnung", "Mahnung", "Zweite Zahlungsaufforderung"),
                               3: ("Letzte Mahnung", "3. und letzte Mahnung", "Mahnung – letzte Aufforderung")}[level])]
        text = [rng.choice(("Sehr geehrte Damen und Herren,", "Guten Tag,")),
                rng.choice((
                    f"sicher ist es Ihrer Aufmerksamkeit entgangen, dass unsere Rechnung {inv_no} vom "
                    f"{F.fmt_date(inv_date, ds)} noch offen ist.",
                    f"bei Durchsicht unserer Konten haben wir festgestellt, dass die Rechnung Nr. {inv_no} "
                    f"({F.fmt_date(inv_date, ds)}) noch nicht bezahlt wurde.",
                    f"leider konnten wir bis heute keinen Zahlungseingang zu unserer Rechnung {inv_no} feststellen.")),
                rng.choice((
                    f"Bitte überweisen Sie den offenen Betrag bis zum {F.fmt_date(due, ds)}.",
                    f"Wir bitten um Ausgleich bis {F.fmt_date(due, ds)}. Sollten Sie inzwischen gezahlt haben, "
                    f"betrachten Sie dieses Schreiben bitte als gegenstandslos.",
                    f"Sollte der Betrag nicht bis {F.fmt_date(due, ds)} eingehen, werden wir ohne weitere "
                    f"Ankündigung das gerichtliche Mahnverfahren einleiten."))]
    total = principal + fees + interest
    body: list[object] = [*text, Totals([("Offener Rechnungsbetrag", fa(principal)), ("Mahngebühren / Kosten", fa(fees)),
                                         ("Verzugszinsen", fa(interest)), (rng.choice(("Gesamtforderung", "Zu zahlen", "Offener Betrag")), fa(total))])]
    footer, bank_lines = _bank_footer(ctx, head[0], iban, bank, bic)
    if bank_lines:
        body.append(Lines(bank_lines))
    spec = LetterSpec(head=head, return_line=ret, recipient=rec,
                      info=[("Kundennummer", str(rng.randrange(10000, 999999))), ("Datum", F.fmt_date(ctx.letter_date, ds))],
                      place_date="", subject=subject, body=body, closing=closing(ctx, head[0]),  # type: ignore[arg-type]
                      footer=footer)
    return Doc("mahnung", "kaemmerei", "mahnung_u_inkasso" if collector else "mahnung_u_lieferant", spec, printed, None,
               {"seller_name": name, "referenced_invoices": [inv_no], "principal": f"{principal:.2f}",
                "amount_due": f"{total:.2f}", "due_date": due.isoformat(), "iban": iban})
