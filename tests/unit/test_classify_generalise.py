"""Classification of letters whose wording the keyword rules used to miss: position weighting, speech acts,
collection letters, data-block requests, goods vocabulary inside compound words."""
from __future__ import annotations

from workflow.classify import classify
from workflow.classify.lexicon import stem_hits
from workflow.classify.rules import apply_rules
from workflow.classify.segments import pages, split_letter

CITIZEN_HEAD = "Gerda Vogt\nLindenweg 4\n12345 Tannenfeld\n\nGemeinde Tannenfeld\nAm Markt 1\n12345 Tannenfeld\n\n"
PRIVACY_PAGE = ("\fDatenschutzhinweise\nWir verarbeiten Ihre Daten nach Art. 6 DSGVO.\n"
                "Beschwerden richten Sie bitte an die Aufsichtsbehörde für Datenschutz.\nSeite 2 von 2")


def _types(text: str) -> dict[str, float]:
    out: dict[str, float] = {}
    for hit in apply_rules(text):
        out[hit.doc_type] = out.get(hit.doc_type, 0.0) + hit.weight
    return out


def test_pages_split_at_form_feed_and_page_numbers() -> None:
    assert len(pages("a\nb\fc")) == 2
    assert len(pages("a\nSeite 1 von 2\nb")) == 2
    assert len(pages("a\nSeite 1 von 1\nb")) == 1


def test_boilerplate_and_later_pages_leave_the_core() -> None:
    letter = split_letter("Betreff: Anfrage\nText der Seite eins.\nIBAN DE00 1234\n" + PRIVACY_PAGE)
    assert "Text der Seite eins" in letter.core and "IBAN" not in letter.core
    assert "Beschwerden richten" in letter.rest and letter.pages == 2


def test_privacy_page_does_not_make_a_complaint() -> None:
    text = (CITIZEN_HEAD + "Betreff: Meldedaten\nSehr geehrte Damen und Herren,\nder Übermittlung meiner Daten an "
            "Parteien widerspreche ich hiermit.\nMit freundlichen Grüßen\nGerda Vogt\nSeite 1 von 2\n" + PRIVACY_PAGE)
    weights = _types(text)
    assert weights.get("beschwerde", 0.0) < 1.0
    assert weights.get("antrag", 0.0) > 0 and weights.get("widerspruch", 0.0) <= 0.0
    c = classify(text)
    assert (c.doc_type.value, c.department.value) == ("antrag", "buergerbuero")


def test_complaint_without_the_keyword() -> None:
    text = (CITIZEN_HEAD + "Betreff: Ampel an der Schule\nGuten Tag,\ndie Fußgängerampel an der Grundschule ist seit "
            "Wochen dunkel. Trotz mehrerer Anrufe ist nichts passiert. Das ist für die Kinder unzumutbar.\n"
            "Mit freundlichen Grüßen\nGerda Vogt")
    assert classify(text).doc_type.value == "beschwerde"


def test_objection_to_a_reminder_is_no_reminder() -> None:
    text = (CITIZEN_HEAD + "Betreff: Ihre Zahlungserinnerung\nSehr geehrte Damen und Herren,\nich erhielt eine Mahnung "
            "zur Hundesteuer mit Mahngebühr, obwohl ich den Betrag rechtzeitig überwiesen habe. Bitte nehmen Sie die "
            "Gebühr zurück.\nMit freundlichen Grüßen\nGerda Vogt")
    c = classify(text)
    assert c.doc_type.value == "beschwerde" and c.department.value == "kaemmerei"


def test_collection_agency_letter_is_a_mahnung() -> None:
    text = ("Nordlicht Forderungsservice GmbH\nHafenstraße 3, 20000 Hamburg\nStadt Tannenfeld\nAm Markt 1\n"
            "12345 Tannenfeld\nBetreff: Forderungssache Elektro Kuhn KG\nSehr geehrte Damen und Herren,\n"
            "unsere Auftraggeberin, die Elektro Kuhn KG, hat uns mit der Einziehung ihrer Forderung beauftragt.\n"
            "Hauptforderung 1.200,00 EUR\nKosten 45,00 EUR\nZinsen 12,30 EUR\nGesamt 1.257,30 EUR\n"
            "Bitte zahlen Sie bis zum 30.04.2025.\nMit freundlichen Grüßen")
    c = classify(text)
    assert (c.doc_type.value, c.department.value) == ("mahnung", "kaemmerei")


def test_invoice_with_attached_work_log_stays_an_invoice() -> None:
    text = ("Malerbetrieb Horn GmbH\nRechnung\nRechnungsnummer 2025-118\nPos Leistung Menge Preis Betrag\n"
            "1 Malerarbeiten Flur Kita 120 m² 11,00 1.320,00\nNettobetrag 1.320,00 EUR\nMwSt. 19 % 250,80 EUR\n"
            "Gesamtbetrag 1.570,80 EUR\nSeite 1 von 2\fAnlage: Leistungsnachweis\nDatum Tätigkeit Stunden\n"
            "03.03.2025 Material geliefert 2,0\n04.03.2025 Streichen 8,0\nSeite 2 von 2")
    c = classify(text)
    assert (c.doc_type.value, c.department.value) == ("rechnung", "bauamt")


def test_goods_stems_inside_compound_words() -> None:
    hits = stem_hits("Fingerabdruckscanner Ersatzgerät, Straßenleuchten-Austausch, Mietzuschuss, Alarmanlage")
    assert "fingerabdruck" in hits["buergerbuero"] and "strassenleucht" in hits["bauamt"]
    assert "mietzuschuss" in hits["sozialamt"] and "ordnungsamt" not in hits  # no 'Lärm' inside 'Alarm'


def test_central_invoice_inbox_is_not_the_kaemmerei() -> None:
    text = ("Druckhaus Seidel KG\nStadt Tannenfeld\nZentrale Rechnungseingangsstelle\nAm Markt 1\n12345 Tannenfeld\n"
            "Rechnung Nr. 4410\nSehr geehrte Damen und Herren,\nfür den Druck Ihrer Bürgerbroschüre berechnen wir:\n"
            "1 Broschüre 24 Seiten, Auflage 3.000 1 2.400,00 2.400,00\nNetto 2.400,00 EUR\nUSt 19 % 456,00 EUR\n"
            "Rechnungsbetrag 2.856,00 EUR\nZahlbar innerhalb von 14 Tagen.")
    c = classify(text)
    assert (c.doc_type.value, c.department.value) == ("rechnung", "hauptamt")
    assert c.department.reasons and c.doc_type.reasons
