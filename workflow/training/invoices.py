"""Synthetic commercial documents: Rechnung, Gutschrift, Mahnung, Lieferschein, Werbung (own phrasings)."""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from workflow.training import lexicon as lx
from workflow.training.parties import Sender, company, fmt_amount, fmt_date, make_leitweg, sender

CENT = Decimal("0.01")


@dataclass(slots=True)
class Draft:
    """A letter before layout: who writes, what it says, and the truth to learn from."""

    doc_type: str
    department: str
    sender: Sender | None  # None: a private person (name/address in sender_lines)
    sender_lines: list[str]
    info: list[tuple[str, str]]
    subject: str
    salutation: str
    body: list[str]
    closing: str
    signer: str
    footer: list[str]
    when: date
    fields: dict[str, Any] = field(default_factory=dict)
    recipient_dept_ok: bool = True  # may the recipient line name the true department?


def _money(v: Decimal) -> Decimal:
    return v.quantize(CENT, rounding=ROUND_HALF_UP)


def line_items(rng: random.Random, dept: str, n: int) -> list[tuple[str, Decimal, str, Decimal, Decimal]]:
    goods = list(lx.GOODS[dept][1])
    rng.shuffle(goods)
    items = []
    for desc, unit, lo, hi in goods[:n]:
        qty = Decimal(rng.choice((1, 1, 2, 3, 4, 5, 8, 10, 12, 20, 25, 40, 100, 250, 1200))) if unit not in ("kWh",) \
            else Decimal(rng.randint(800, 40000))
        if rng.random() < 0.15 and unit in ("Std", "m²", "m", "lfm", "t"):
            qty = Decimal(rng.randint(1, 80)) + Decimal(rng.choice(("0.25", "0.5", "0.75")))
        price = Decimal(str(round(rng.uniform(lo, hi), 2 if hi > 1 else 4)))
        items.append((desc, qty, unit, price, _money(qty * price)))
    return items


def _closing(rng: random.Random) -> str:
    return rng.choice(("Mit freundlichen Grüßen", "Freundliche Grüße", "Mit besten Grüßen", "Hochachtungsvoll",
                       "Viele Grüße", "Beste Grüße", "Mit freundlichem Gruß", ""))


def _salutation(rng: random.Random) -> str:
    return rng.choice(("Sehr geehrte Damen und Herren,", "Sehr geehrte Damen und Herren,", "Guten Tag,",
                       f"Sehr geehrte Frau {rng.choice(lx.LAST_NAMES)},", f"Sehr geehrter Herr {rng.choice(lx.LAST_NAMES)},",
                       "Hallo,", ""))


def company_footer(rng: random.Random, s: Sender) -> list[str]:
    iban = s.iban if rng.random() < 0.3 else " ".join(s.iban[i:i + 4] for i in range(0, len(s.iban), 4))
    blocks = [[s.name, s.street, s.zip_city], [f"Telefon {s.phone}", s.email],
              [s.bank, f"{rng.choice(('IBAN', 'IBAN:', 'IBAN-Nr.'))} {iban}", f"BIC {s.bic}"],
              [s.register, f"{rng.choice(('USt-IdNr.', 'USt-ID:', 'UStIdNr'))} {s.vat_id}",
               f"{rng.choice(('Geschäftsführer', 'Inhaber', 'Vorstand'))}: {s.manager}"]]
    if rng.random() < 0.4:
        rng.shuffle(blocks)
    if rng.random() < 0.3:  # columns read line by line across (OCR of a multi-column footer)
        out = []
        for i in range(max(len(b) for b in blocks)):
            out.append("  ".join(b[i] for b in blocks if i < len(b)))
        return out
    return [ln for b in blocks for ln in b]


def _pick_dept(rng: random.Random) -> str:
    return rng.choices(list(lx.GOODS), weights=(30, 30, 10, 10, 8, 8, 10))[0]


def _terms(rng: random.Random, inv_date: date, gross: Decimal) -> tuple[list[str], date | None]:
    days = rng.choice((7, 10, 14, 21, 30, 30, 45))
    due = inv_date + timedelta(days=days)
    kind = rng.randint(0, 8)
    g = fmt_amount(rng, float(gross))
    if kind == 0:
        return [f"Zahlbar innerhalb von {days} Tagen ohne Abzug bis zum {fmt_date(rng, due)}."], due
    if kind == 1:
        return [f"Bitte überweisen Sie den Rechnungsbetrag bis spätestens {fmt_date(rng, due)}."], due
    if kind == 2:
        sk = inv_date + timedelta(days=rng.choice((7, 8, 10)))
        return [f"Zahlungsbedingungen: bis {fmt_date(rng, sk)} 2 % Skonto, bis {fmt_date(rng, due)} netto ohne Abzug."], due
    if kind == 3:
        return [f"Zahlbar {days} Tage nach Rechnungsdatum ohne Abzug."
                if rng.random() < 0.5 else f"Zahlungsziel: {days} Tage ab Rechnungsdatum."], due
    if kind == 4:
        return [f"Zahlbar innerhalb von {days} Tagen nach Rechnungseingang ohne Abzug."], None
    if kind == 5:
        return [f"Fälligkeitsdatum: {fmt_date(rng, due)}"], due
    if kind == 6:
        return [f"Wir bitten um Ausgleich des Betrages von {g} EUR", f"bis zum {fmt_date(rng, due)} auf das unten genannte Konto."], due
    if kind == 7:
        return ["Der Betrag ist sofort nach Erhalt der Rechnung fällig."], None
    return [f"Fällig am {fmt_date(rng, due)}. Bitte geben Sie bei Zahlung die Rechnungsnummer an."], due


def rechnung(rng: random.Random, credit: bool = False) -> Draft:
    dept = _pick_dept(rng)
    branches, _ = lx.GOODS[dept]
    s = sender(rng, company(rng, rng.choice(branches)))
    inv_date = date(2023, 6, 1) + timedelta(days=rng.randint(0, 1000))
    items = line_items(rng, dept, rng.randint(1, 7))
    rates = rng.choice(((19,), (19,), (7,), (19, 7), (0,))) if dept != "rechtsamt" else (19,)
    net = _money(sum((i[4] for i in items), Decimal(0)))
    per_rate: dict[int, Decimal] = {}
    for idx, it in enumerate(items):
        r = rates[idx % len(rates)]
        per_rate[r] = per_rate.get(r, Decimal(0)) + it[4]
    vat_lines = [(r, b, _money(b * r / 100)) for r, b in sorted(per_rate.items())]
    vat = sum((v for _, _, v in vat_lines), Decimal(0))
    gross = net + vat
    number = rng.choice((f"{rng.randint(100000, 9999999)}", f"RE-{inv_date.year}-{rng.randint(100, 99999)}",
                         f"R{rng.randint(10000, 999999)}", f"{inv_date.year}/{rng.randint(1, 9999):04d}",
                         f"GS{rng.randint(1000, 99999)}" if credit else f"{rng.randint(10, 99)}-{rng.randint(1000, 9999)}"))
    word = rng.choice(("Gutschrift", "Rechnungskorrektur", "Gutschrift / Rechnungskorrektur", "Stornorechnung")) if credit \
        else rng.choice(("Rechnung", "RECHNUNG", "Rechnung", "Schlussrechnung", "Abschlagsrechnung", "Rechnung (Kopie)"))
    leitweg = make_leitweg(rng) if rng.random() < 0.4 else None
    nlabel = rng.choice(("Rechnungsnummer", "Rechnungs-Nr.", "Rechnung Nr.", "Beleg-Nr.", "Re.-Nr.", "Nummer"))
    if credit:
        nlabel = rng.choice(("Gutschrift-Nr.", "Gutschriftsnummer", "Beleg-Nr.", "Nummer"))
    dlabel = rng.choice(("Rechnungsdatum", "Datum", "Belegdatum", "Datum")) if not credit else rng.choice(("Datum", "Gutschriftsdatum"))
    info = [(nlabel, number), (dlabel, fmt_date(rng, inv_date))]
    if rng.random() < 0.5:
        info.append((rng.choice(("Kunden-Nr.", "Kundennummer", "Debitor")), str(rng.randint(1000, 99999))))
    if rng.random() < 0.5:
        info.append((rng.choice(("Ihre Bestellung", "Auftrags-Nr.", "Bestellnummer")), f"{rng.choice(('B-', '', 'PO'))}{rng.randint(1000, 999999)}"))
    if leitweg:
        info.append((rng.choice(("Leitweg-ID", "Leitweg-ID:", "Leitweg-Nr.")), leitweg))
    rng.shuffle(info)
    ref = f"{rng.randint(1000000, 9999999)}"
    body = ([rng.choice((f"zu unserer Rechnung {ref} schreiben wir Ihnen folgende Positionen gut:",
                         f"wegen einer Reklamation erstatten wir Ihnen aus Rechnung {ref}:",
                         "wir korrigieren unsere Rechnung wie folgt:"))] if credit else
            [rng.choice(("für unsere Lieferungen und Leistungen berechnen wir Ihnen:",
                         "wir danken für Ihren Auftrag und stellen in Rechnung:",
                         "vereinbarungsgemäß berechnen wir folgende Leistungen:",
                         f"für den Leistungszeitraum {fmt_date(rng, inv_date - timedelta(days=30))} bis {fmt_date(rng, inv_date)} erlauben wir uns zu berechnen:",
                         "anbei erhalten Sie unsere Rechnung für die gelieferte Ware:"))])
    body.append(rng.choice(("Pos. Bezeichnung Menge Einheit Einzelpreis Gesamt", "Pos Artikel Anzahl Preis Betrag",
                            "Leistung Menge E-Preis G-Preis", "Nr. Beschreibung Menge Preis/Einheit Summe EUR")))
    style = rng.randint(0, 9)
    for i, (desc, qty, unit, price, tot) in enumerate(items, 1):
        q = format(qty.normalize(), "f").replace(".", ",")
        body.append(f"{i} {desc} {q} {unit} {fmt_amount(rng, float(price), style)} {fmt_amount(rng, float(tot), style)}")
    cur = rng.choice(("€", "EUR", "€", ""))
    net_l = rng.choice(("Nettobetrag", "Summe netto", "Zwischensumme", "Gesamt netto", "Warenwert netto", "Netto"))
    body.append(f"{net_l} {fmt_amount(rng, float(net), style)} {cur}".strip())
    for r, b, v in vat_lines:
        vl = rng.choice((f"zzgl. {r} % MwSt.", f"USt {r}%", f"Umsatzsteuer {r} % auf {fmt_amount(rng, float(b), style)}",
                         f"MwSt. {r},00 %"))
        body.append(f"{vl} {fmt_amount(rng, float(v), style)} {cur}".strip())
    gl = (rng.choice(("Gutschriftsbetrag", "Erstattungsbetrag", "Gesamtbetrag")) if credit else
          rng.choice(("Rechnungsbetrag", "Gesamtbetrag", "Bruttobetrag", "Endbetrag", "Summe brutto", "Zu zahlender Betrag",
                      "Gesamtsumme", "Rechnungsbetrag brutto")))
    body.append(f"{gl} {fmt_amount(rng, float(gross), style)} {cur}".strip())
    due: date | None = None
    if credit:
        body.append(rng.choice(("Der Betrag wird Ihrem Konto gutgeschrieben.", "Wir erstatten den Betrag in den nächsten Tagen.",
                                "Der Betrag wird mit offenen Posten verrechnet.")))
    else:
        terms, due = _terms(rng, inv_date, gross)
        body.extend(terms)
        if rng.random() < 0.3:
            body.append("Reklamationen bitte innerhalb von 8 Tagen nach Erhalt der Ware.")
    if rates == (0,):
        body.append("Steuerfreie Leistung gemäß § 4 UStG.")
    fields = {"seller_name": s.name, "invoice_number": number, "invoice_date": inv_date.isoformat(),
              "due_date": due.isoformat() if due else None, "net": str(net), "vat": str(vat), "gross": str(gross),
              "currency": "EUR", "iban": s.iban, "leitweg_id": leitweg}
    return Draft("gutschrift" if credit else "rechnung", dept, s, [s.name, f"{s.street} · {s.zip_city}"], info,
                 word, _salutation(rng), body, _closing(rng), "", company_footer(rng, s), inv_date, fields,
                 recipient_dept_ok=True)


def mahnung(rng: random.Random) -> Draft:
    dept = _pick_dept(rng)
    s = sender(rng, company(rng, rng.choice(lx.GOODS[dept][0])))
    when = date(2023, 6, 1) + timedelta(days=rng.randint(0, 1000))
    level = rng.choice(("Zahlungserinnerung", "1. Mahnung", "2. Mahnung", "Letzte Mahnung", "Mahnung",
                        "Erinnerung an offene Rechnung", "Offene Posten - Zahlungserinnerung", "Letzte Zahlungsaufforderung"))
    inv = [(f"{rng.randint(100000, 9999999)}", when - timedelta(days=rng.randint(30, 120)),
            Decimal(rng.randint(5000, 900000)) / 100) for _ in range(rng.randint(1, 3))]
    total = sum((i[2] for i in inv), Decimal(0))
    body = [rng.choice(("sicher ist es Ihrer Aufmerksamkeit entgangen, dass folgende Rechnung noch offen ist:",
                        "leider konnten wir bis heute keinen Zahlungseingang zu folgenden Rechnungen feststellen:",
                        "trotz unserer Erinnerung ist der folgende Betrag weiterhin offen:",
                        "bei der Durchsicht unserer Buchhaltung ist uns aufgefallen, dass noch Posten offen sind:",
                        "wir haben Sie bereits erinnert. Bis heute ist keine Zahlung eingegangen."))]
    body.append(rng.choice(("Rechnung Datum offener Betrag", "Beleg-Nr. vom fällig seit Betrag", "Re.-Nr. Rechnungsdatum Betrag")))
    for num, d, amt in inv:
        body.append(f"{num} {fmt_date(rng, d)} {fmt_amount(rng, float(amt))} €")
    fees = Decimal(rng.choice((0, 0, 5, 10, 15)))
    if fees:
        body.append(f"{rng.choice(('Mahngebühr', 'Mahnkosten', 'Bearbeitungsgebühr'))} {fmt_amount(rng, float(fees))} €")
    if rng.random() < 0.4:
        body.append(f"Verzugszinsen gemäß § 288 BGB {fmt_amount(rng, float(total) * 0.01)} €")
    due = when + timedelta(days=rng.choice((7, 10, 14)))
    body.append(rng.choice((f"Bitte begleichen Sie den offenen Betrag bis zum {fmt_date(rng, due)}.",
                            f"Wir erwarten Ihre Zahlung spätestens am {fmt_date(rng, due)}. Andernfalls übergeben wir die Forderung an ein Inkassobüro.",
                            f"Sollte der Betrag nicht bis {fmt_date(rng, due)} eingehen, werden wir gerichtliche Schritte einleiten (Mahnbescheid).",
                            "Sollten Sie die Zahlung bereits veranlasst haben, betrachten Sie dieses Schreiben als gegenstandslos.")))
    return Draft("mahnung", "kaemmerei", s, [s.name, f"{s.street} · {s.zip_city}"],
                 [("Datum", fmt_date(rng, when)), (rng.choice(("Kunden-Nr.", "Ihr Ansprechpartner")), str(rng.randint(100, 99999)))],
                 level, _salutation(rng), body, _closing(rng), rng.choice(("Buchhaltung", "Forderungsmanagement", "")),
                 company_footer(rng, s), when, recipient_dept_ok=False)


def lieferschein(rng: random.Random) -> Draft:
    dept = _pick_dept(rng)
    s = sender(rng, company(rng, rng.choice(lx.GOODS[dept][0])))
    when = date(2023, 6, 1) + timedelta(days=rng.randint(0, 1000))
    items = line_items(rng, dept, rng.randint(1, 6))
    title = rng.choice(("Lieferschein", "LIEFERSCHEIN", "Packliste", "Lieferschein / Packzettel", "Warenbegleitschein",
                        "Lieferschein Nr. " + str(rng.randint(10000, 999999)), "Leistungsnachweis", "Arbeitsnachweis"))
    body = [rng.choice(("wir liefern Ihnen gemäß Ihrer Bestellung:", "folgende Ware wurde heute versandt:",
                        "hiermit bestätigen wir die Ausführung folgender Arbeiten:", "Inhalt der Sendung:", ""))]
    body.append(rng.choice(("Pos. Artikel Menge Einheit", "Art.-Nr. Bezeichnung bestellt geliefert", "Menge Einheit Beschreibung")))
    for i, (desc, qty, unit, _, _) in enumerate(items, 1):
        q = format(qty.normalize(), "f").replace(".", ",")
        body.append(rng.choice((f"{i} {desc} {q} {unit}", f"{rng.randint(10000, 99999)} {desc} {q} {q}", f"{q} {unit} {desc}")))
    body.append(rng.choice(("Ware erhalten: ____________ (Unterschrift, Datum)", "Rechnung folgt separat.",
                            "Die Rechnung erhalten Sie gesondert per Post.", "Teillieferung - Rest folgt.",
                            "Bitte prüfen Sie die Ware bei Anlieferung auf Vollständigkeit.")))
    info = [(rng.choice(("Lieferschein-Nr.", "Lieferscheinnummer", "LS-Nr.")), f"LS{rng.randint(10000, 999999)}"),
            (rng.choice(("Lieferdatum", "Versanddatum", "Datum")), fmt_date(rng, when)),
            (rng.choice(("Ihre Bestellung", "Bestell-Nr.", "Auftrag")), str(rng.randint(10000, 9999999)))]
    return Draft("lieferschein", dept, s, [s.name, f"{s.street} · {s.zip_city}"], info, title, "" if rng.random() < 0.5
                 else _salutation(rng), body, "", "", company_footer(rng, s), when)


def werbung(rng: random.Random) -> Draft:
    dept = _pick_dept(rng)
    s = sender(rng, company(rng, rng.choice(lx.GOODS[dept][0])))
    when = date(2023, 6, 1) + timedelta(days=rng.randint(0, 1000))
    subject = rng.choice(lx.ADVERTS + ("Exklusives Angebot für Ihre Verwaltung", "Nur für kurze Zeit: Sonderkonditionen"))
    body = [rng.choice(("gerne stellen wir Ihnen unser aktuelles Sortiment vor.", "als erfahrener Partner der öffentlichen Hand möchten wir Ihnen ein besonderes Angebot unterbreiten.",
                        "wir laden Sie herzlich zu unserer Veranstaltung ein.", "kennen Sie schon unsere neuen Produkte für Kommunen?",
                        "nutzen Sie jetzt unsere Aktionspreise - nur solange der Vorrat reicht!"))]
    items = line_items(rng, dept, rng.randint(0, 4))
    if items:
        body.append(rng.choice(("Artikel statt jetzt", "Produkt regulär Aktionspreis", "Unser Angebot:")))
        for desc, _, unit, price, _ in items:
            body.append(f"{desc} {fmt_amount(rng, float(price) * 1.3)} € {fmt_amount(rng, float(price))} €")
    body.extend(rng.sample(["Alle Preise zzgl. MwSt.", "Jetzt bestellen unter unserer Hotline!", "Fordern Sie noch heute Ihren kostenlosen Katalog an.",
                            "Frühbucherrabatt 10 % bis Monatsende.", "Anmeldung online oder per Fax.", "Versandkostenfrei ab 100 EUR.",
                            "Sie möchten keine Werbung mehr erhalten? Bitte kurze Nachricht an uns.", "Wir freuen uns auf Ihre Bestellung.",
                            "Teilnahmegebühr pro Person zzgl. MwSt.", "Vereinbaren Sie einen unverbindlichen Beratungstermin."], k=rng.randint(2, 4)))
    return Draft("werbung", "hauptamt", s, [s.name, rng.choice(("Ihr Partner für Kommunen", f"{s.street} · {s.zip_city}", ""))],
                 [] if rng.random() < 0.5 else [("Datum", fmt_date(rng, when))], subject, _salutation(rng), body, _closing(rng),
                 rng.choice(("Vertrieb", "Ihr Kundenservice", "")), company_footer(rng, s) if rng.random() < 0.7 else [],
                 when, recipient_dept_ok=False)
