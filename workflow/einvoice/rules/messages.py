"""Our own German explanations per rule (what is wrong, in business terms); generic text otherwise."""

from __future__ import annotations

from workflow.einvoice.rules.terms import term_name

# fmt: off
MESSAGES: dict[str, str] = {
    "BR-01": "Die Spezifikationskennung (BT-24) fehlt.",
    "BR-02": "Die Rechnungsnummer (BT-1) fehlt.",
    "BR-03": "Das Rechnungsdatum (BT-2) fehlt.",
    "BR-04": "Der Code der Rechnungsart (BT-3) fehlt.",
    "BR-05": "Der Währungscode (BT-5) fehlt.",
    "BR-06": "Der Name des Verkäufers (BT-27) fehlt.",
    "BR-07": "Der Name des Käufers (BT-44) fehlt.",
    "BR-08": "Die Anschrift des Verkäufers (BG-5) fehlt.",
    "BR-10": "Die Anschrift des Käufers (BG-8) fehlt.",
    "BR-16": "Die Rechnung enthält keine Rechnungsposition (BG-25).",
    "BR-CO-10":
        "Die Summe der Positionsnettobeträge (BT-106) weicht von der Summe der Positionen (BT-131) ab.",
    "BR-CO-11": "Die Summe der Nachlässe (BT-107) passt nicht zu den einzelnen Nachlässen (BT-92).",
    "BR-CO-12": "Die Summe der Zuschläge (BT-108) passt nicht zu den einzelnen Zuschlägen (BT-99).",
    "BR-CO-13":
        "Der Gesamtbetrag ohne USt (BT-109) ist nicht Positionssumme minus Nachlässe plus Zuschläge.",
    "BR-CO-14":
        "Der USt-Gesamtbetrag (BT-110) ist nicht die Summe der Steuerbeträge je Kategorie (BT-117).",
    "BR-CO-15":
        "Der Gesamtbetrag mit USt (BT-112) ist nicht Nettobetrag (BT-109) plus USt-Gesamtbetrag (BT-110).",
    "BR-CO-16":
        "Der fällige Betrag (BT-115) ist nicht Bruttobetrag (BT-112) minus Vorauszahlung (BT-113)"
        " plus Rundung (BT-114).",
    "BR-CO-17":
        "Der Steuerbetrag der Kategorie (BT-117) ist nicht Bemessungsgrundlage (BT-116) mal Satz (BT-119).",
    "BR-CO-18": "Die USt-Aufschlüsselung (BG-23) fehlt.",
    "BR-CO-25":
        "Bei positivem Zahlbetrag (BT-115) muss ein Fälligkeitsdatum (BT-9) oder Zahlungsbedingungen"
        " (BT-20) angegeben sein.",
    "BR-CO-26":
        "Für den Verkäufer fehlt eine Kennung (BT-29), Registernummer (BT-30) oder USt-IdNr. (BT-31).",
    "BR-S-08":
        "Die Bemessungsgrundlage (BT-116) des Normalsatzes passt nicht zu den Positionen, Nachlässen"
        " und Zuschlägen mit diesem Satz.",
    "BR-DE-1": "Die Zahlungsanweisungen (BG-16) fehlen.",
    "BR-DE-2": "Die Kontaktangaben des Verkäufers (BG-6) fehlen.",
    "BR-DE-3": "Der Ort des Verkäufers (BT-37) fehlt.",
    "BR-DE-4": "Die Postleitzahl des Verkäufers (BT-38) fehlt.",
    "BR-DE-5": "Die Kontaktstelle des Verkäufers (BT-41) fehlt.",
    "BR-DE-6": "Die Telefonnummer des Verkäufers (BT-42) fehlt.",
    "BR-DE-7": "Die E-Mail-Adresse des Verkäufers (BT-43) fehlt.",
    "BR-DE-8": "Der Ort des Käufers (BT-52) fehlt.",
    "BR-DE-9": "Die Postleitzahl des Käufers (BT-53) fehlt.",
    "BR-DE-10": "Der Ort der Lieferanschrift (BT-77) fehlt.",
    "BR-DE-11": "Die Postleitzahl der Lieferanschrift (BT-78) fehlt.",
    "BR-DE-14": "Der Steuersatz der USt-Kategorie (BT-119) fehlt.",
    "BR-DE-15": "Die Käuferreferenz (BT-10, Leitweg-ID) fehlt.",
    "BR-DE-16":
        "Bei steuerpflichtigen Umsätzen fehlen USt-IdNr. (BT-31), Steuernummer (BT-32) oder"
        " Steuervertreter (BG-11) des Verkäufers.",
    "BR-DE-17": "Der Rechnungsartcode (BT-3) ist in XRechnung nicht vorgesehen.",
    "BR-DE-18":
        "Eine Skonto-Zeile in den Zahlungsbedingungen (BT-20) hat nicht die Form"
        " #SKONTO#TAGE=n#PROZENT=n.nn#[BASISBETRAG=n.nn#] oder endet nicht mit einem Zeilenumbruch.",
    "BR-DE-19": "Die IBAN (BT-84) ist ungültig (Prüfziffer oder Aufbau).",
    "BR-DE-20": "Die IBAN des belasteten Kontos (BT-91) ist ungültig.",
    "BR-DE-22": "Zwei Anhänge (BT-125) tragen denselben Dateinamen.",
    "BR-DE-23-a": "Bei Überweisung (Code 30/58) fehlen die Kontoangaben (BG-17).",
    "BR-DE-23-b":
        "Bei Überweisung (Code 30/58) dürfen keine Karten- (BG-18) oder Lastschriftangaben (BG-19) stehen.",
    "BR-DE-24-a": "Bei Kartenzahlung (Code 48/54/55) fehlen die Kartenangaben (BG-18).",
    "BR-DE-24-b": "Bei Kartenzahlung dürfen keine Konto- (BG-17) oder Lastschriftangaben (BG-19) stehen.",
    "BR-DE-25-a": "Bei Lastschrift (Code 59) fehlen die Lastschriftangaben (BG-19).",
    "BR-DE-25-b": "Bei Lastschrift dürfen keine Konto- (BG-17) oder Kartenangaben (BG-18) stehen.",
    "BR-DE-26": "Eine Rechnungskorrektur (384) soll die Vorausrechnung (BG-3) nennen.",
    "BR-DE-27": "Die Telefonnummer des Verkäufers (BT-42) soll mindestens drei Ziffern enthalten.",
    "BR-DE-28": "Die E-Mail-Adresse des Verkäufers (BT-43) hat keine gültige Form.",
    "BR-DE-30": "Bei Lastschrift fehlt die Gläubiger-ID (BT-90).",
    "BR-DE-31": "Bei Lastschrift fehlt das zu belastende Konto (BT-91).",
    "BR-DE-TMP-32":
        "Liefer-/Leistungsdatum (BT-72), Rechnungszeitraum (BG-14) oder Positionszeiträume (BG-26) fehlen.",
    "PEPPOL-EN16931-R001": "Der Geschäftsprozess (BT-23) fehlt.",
    "PEPPOL-EN16931-R008": "Das Dokument enthält leere Elemente.",
    "PEPPOL-EN16931-R010": "Die elektronische Adresse des Käufers (BT-49) fehlt.",
    "PEPPOL-EN16931-R020": "Die elektronische Adresse des Verkäufers (BT-34) fehlt.",
    "PEPPOL-EN16931-R053": "Es muss genau einen USt-Gesamtbetrag in Rechnungswährung geben.",
    "PEPPOL-EN16931-R054":
        "Der USt-Gesamtbetrag in Buchungswährung (BT-111) fehlt oder ist mehrfach angegeben.",
    "PEPPOL-EN16931-R120":
        "Der Positionsnettobetrag (BT-131) ist nicht Menge mal Preis plus Zuschläge minus Nachlässe.",
}
# fmt: on


def message_for(rule_id: str, term: str | None, codelist: bool = False, value: str | None = None) -> str:
    """Our German text for a rule; rules without their own text get a generic one naming the business term."""
    text = MESSAGES.get(rule_id)
    if text:
        return text
    what = term_name(term)
    if codelist:
        shown = f" {' '.join(value.split())[:40]!r}" if value is not None else ""
        if what:
            return f"Der Wert{shown} von {what} steht nicht in der zulässigen Codeliste."
        return f"Der Code{shown} steht nicht in der zulässigen Codeliste."
    if rule_id.startswith("BR-DEC-"):
        return f"{what} hat mehr als zwei Nachkommastellen." if what else "Zu viele Nachkommastellen."
    return f"Bedingung zu {what} nicht erfüllt." if what else "Bedingung nicht erfüllt."
