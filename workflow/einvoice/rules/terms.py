"""German names of the EN 16931 business terms and groups used in our messages (facts of the norm)."""
from __future__ import annotations

TERMS: dict[str, str] = {
    "BT-1": "Rechnungsnummer", "BT-2": "Rechnungsdatum", "BT-3": "Rechnungsart (Code)", "BT-5": "Währung",
    "BT-6": "Umsatzsteuer-Buchungswährung", "BT-7": "Steuerdatum", "BT-8": "Code für das Steuerdatum",
    "BT-9": "Fälligkeitsdatum", "BT-10": "Käuferreferenz (Leitweg-ID)", "BT-12": "Vertragsnummer",
    "BT-17": "Vergabe-/Losnummer", "BT-18": "Objektkennung", "BT-20": "Zahlungsbedingungen",
    "BT-21": "Betreff des Rechnungshinweises", "BT-23": "Geschäftsprozess", "BT-24": "Spezifikationskennung",
    "BT-25": "Nummer der Vorausrechnung", "BT-27": "Name des Verkäufers", "BT-29": "Verkäuferkennung",
    "BT-29-1": "Schema der Verkäuferkennung", "BT-30-1": "Schema der Registernummer",
    "BT-31": "USt-IdNr. des Verkäufers", "BT-34": "elektronische Adresse des Verkäufers",
    "BT-34-1": "Schema der elektronischen Adresse", "BT-37": "Ort des Verkäufers", "BT-38": "PLZ des Verkäufers",
    "BT-40": "Ländercode", "BT-41": "Kontaktstelle des Verkäufers", "BT-42": "Telefon des Verkäufers",
    "BT-43": "E-Mail des Verkäufers", "BT-44": "Name des Käufers", "BT-49": "elektronische Adresse des Käufers",
    "BT-49-1": "Schema der elektronischen Adresse des Käufers", "BT-52": "Ort des Käufers",
    "BT-53": "PLZ des Käufers", "BT-55": "Ländercode des Käufers", "BT-59": "Name des Zahlungsempfängers",
    "BT-62": "Name des Steuervertreters", "BT-63": "USt-IdNr. des Steuervertreters", "BT-69": "Ländercode des Steuervertreters",
    "BT-71-1": "Schema der Lieferortkennung", "BT-72": "Lieferdatum", "BT-74": "Ende des Rechnungszeitraums",
    "BT-77": "Ort der Lieferanschrift", "BT-78": "PLZ der Lieferanschrift", "BT-80": "Ländercode der Lieferanschrift",
    "BT-81": "Zahlungsart (Code)", "BT-84": "Kontokennung (IBAN)", "BT-87": "Kartennummer", "BT-89": "Mandatsreferenz",
    "BT-90": "Gläubiger-ID", "BT-91": "belastetes Konto (IBAN)", "BT-92": "Betrag des Nachlasses",
    "BT-93": "Grundbetrag des Nachlasses", "BT-94": "Prozentsatz des Nachlasses",
    "BT-95": "USt-Kategorie des Nachlasses", "BT-96": "USt-Satz des Nachlasses", "BT-97": "Grund des Nachlasses",
    "BT-98": "Code des Nachlassgrundes", "BT-99": "Betrag des Zuschlags", "BT-100": "Grundbetrag des Zuschlags",
    "BT-102": "USt-Kategorie des Zuschlags", "BT-103": "USt-Satz des Zuschlags", "BT-104": "Grund des Zuschlags",
    "BT-105": "Code des Zuschlagsgrundes", "BT-106": "Summe der Positionsnettobeträge",
    "BT-107": "Summe der Nachlässe", "BT-108": "Summe der Zuschläge", "BT-109": "Gesamtbetrag ohne USt",
    "BT-110": "USt-Gesamtbetrag", "BT-111": "USt-Gesamtbetrag in Buchungswährung", "BT-112": "Gesamtbetrag mit USt",
    "BT-113": "vorausbezahlter Betrag", "BT-114": "Rundungsbetrag", "BT-115": "fälliger Zahlungsbetrag",
    "BT-116": "Steuerbemessungsgrundlage", "BT-117": "Steuerbetrag der Kategorie", "BT-118": "USt-Kategorie (Code)",
    "BT-119": "USt-Satz der Kategorie", "BT-120": "Befreiungsgrund", "BT-121": "Code des Befreiungsgrundes",
    "BT-122": "Kennung des Anhangs", "BT-124": "externer Speicherort des Anhangs", "BT-125": "Anhang",
    "BT-125-1": "MIME-Code des Anhangs", "BT-126": "Positionsnummer", "BT-128": "Objektkennung der Position",
    "BT-129": "Menge", "BT-130": "Mengeneinheit", "BT-131": "Nettobetrag der Position", "BT-134": "Beginn des Positionszeitraums",
    "BT-135": "Ende des Positionszeitraums", "BT-136": "Nachlass auf Positionsebene", "BT-137": "Grundbetrag des Positionsnachlasses",
    "BT-139": "Grund des Positionsnachlasses", "BT-141": "Zuschlag auf Positionsebene", "BT-142": "Grundbetrag des Positionszuschlags",
    "BT-144": "Grund des Positionszuschlags", "BT-146": "Nettopreis", "BT-147": "Preisnachlass", "BT-148": "Bruttopreis",
    "BT-149": "Basismenge des Preises", "BT-150": "Einheit der Basismenge", "BT-151": "USt-Kategorie der Position",
    "BT-152": "USt-Satz der Position", "BT-153": "Artikelname", "BT-157-1": "Schema der Artikelkennung",
    "BT-158": "Artikelklassifizierung", "BT-158-1": "Schema der Artikelklassifizierung", "BT-159": "Herkunftsland",
    "BT-160": "Name des Artikelattributs", "BT-161": "Wert des Artikelattributs",
    "BG-3": "Vorausrechnung", "BG-5": "Anschrift des Verkäufers", "BG-6": "Kontakt des Verkäufers",
    "BG-8": "Anschrift des Käufers", "BG-12": "Anschrift des Steuervertreters", "BG-14": "Rechnungszeitraum",
    "BG-16": "Zahlungsanweisungen", "BG-17": "Überweisung", "BG-18": "Kartenzahlung", "BG-19": "Lastschrift",
    "BG-23": "USt-Aufschlüsselung", "BG-25": "Rechnungsposition", "BG-26": "Positionszeitraum",
}


def term_name(term: str | None) -> str:
    if not term:
        return ""
    name = TERMS.get(term)
    return f"{name} ({term})" if name else term
