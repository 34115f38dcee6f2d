"""Round 2 generalisations: addressed unit, representative's words, request speech act, goods accessories."""
from __future__ import annotations

from workflow.classify import classify
from workflow.classify.lexicon import stem_hits
from workflow.classify.logic import without_representative
from workflow.classify.rules import apply_rules
from workflow.classify.units import addressed_departments, unit_departments


def test_unit_lines_map_to_departments() -> None:
    assert unit_departments("Amt für Bauordnung") == ["bauamt"]
    assert unit_departments("Rechts- und Ordnungsamt") == ["ordnungsamt"]
    assert unit_departments("Pass- und Meldestelle") == ["buergerbuero"]
    assert unit_departments("Zentrale Rechnungseingangsstelle") == []
    assert unit_departments("Hauptstraße 12") == []
    assert unit_departments("Amtsgericht Fulda") == []


def test_addressed_departments_stop_at_salutation() -> None:
    core = "Stadt Lindenau\nSozialverwaltung\nMarkt 1\n12345 Lindenau\nSehr geehrte Damen und Herren,\nFachbereich Bauen"
    assert addressed_departments(core) == ["sozialamt"]


def test_representative_words_removed() -> None:
    text = "Kanzlei Roth Rechtsanwälte, namens unserer Mandantin, Vollmacht anbei, Kosten nach RVG"
    cleaned = without_representative(text).lower()
    for word in ("kanzlei", "rechtsanw", "mandant", "vollmacht", "rvg"):
        assert word not in cleaned


def test_lawyers_widerspruch_goes_to_issuing_department() -> None:
    text = ("Kanzlei Weber & Roth Rechtsanwälte\nGartenweg 3, 12345 Talstadt\n\nStadt Talstadt\nMarkt 1\n12345 Talstadt\n\n"
            "Betreff: Hundesteuerbescheid vom 03.02.2025\n\nSehr geehrte Damen und Herren,\n\n"
            "namens und in Vollmacht unseres Mandanten legen wir gegen den Hundesteuerbescheid vom 03.02.2025 "
            "Widerspruch ein. Der Hund wurde bereits im Vorjahr abgegeben.\n\nMit freundlichen Grüßen\nRechtsanwalt Roth")
    result = classify(text)
    assert result.doc_type.value == "widerspruch"
    assert result.department.value == "kaemmerei"


def test_request_in_own_words_is_an_antrag() -> None:
    text = ("Anna Beck\nLindenweg 4\n12345 Talstadt\n\nStadt Talstadt\nMarkt 1\n12345 Talstadt\n\n"
            "Betreff: Hundesteuer\n\nSehr geehrte Damen und Herren,\n\nich wende mich mit einer Bitte an Sie: unser Hund "
            "ist gestorben. Wir bitten um Abmeldung und Erstattung der zu viel gezahlten Steuer.\n\nMit freundlichen Grüßen\nAnna Beck")
    assert classify(text).doc_type.value == "antrag"


def test_privacy_note_does_not_make_a_complaint() -> None:
    text = ("Betreff: Anfrage\n\nSehr geehrte Damen und Herren,\nanbei die Unterlagen.\n\f"
            "Hinweise zum Datenschutz\nBeschwerden richten Sie an die Landesbeauftragte für den Datenschutz.")
    assert not [h for h in apply_rules(text) if h.doc_type == "beschwerde"]


def test_goods_accessory_and_context_dependent_stems() -> None:
    assert "hauptamt" not in stem_hits("6 Stk Passbildkamera-Terminal mit Software", goods=True)
    assert "buergerbuero" in stem_hits("6 Stk Passbildkamera-Terminal mit Software", goods=True)
    assert "ordnungsamt" in stem_hits("Ummeldung der Betriebsstätte zum 1. Mai")
    assert "buergerbuero" in stem_hits("Ummeldung meines Wohnsitzes")
    assert "kaemmerei" not in stem_hits("Umsatzsteuer 19 % 33,19 EUR", goods=True)
