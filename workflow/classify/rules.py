"""Weighted rules for the document type: how German business and official letters say what they are.

Each rule adds its weight to one type's score (log-odds, on top of the linear model) and names itself as a reason.
Rules run on folded text (lower case, umlauts to base letters, digits to 0), so OCR that loses umlauts still
matches. ``head`` rules look only at the first lines (letterhead, sender), ``subject`` rules at the subject line.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from workflow.classify.features import fold, subject_line


@dataclass(frozen=True, slots=True)
class Rule:
    doc_type: str
    pattern: re.Pattern[str]
    weight: float
    reason: str
    scope: str = "all"  # all | head | subject


def _r(doc_type: str, pattern: str, weight: float, reason: str, scope: str = "all") -> Rule:
    return Rule(doc_type, re.compile(pattern), weight, reason, scope)


RULES: tuple[Rule, ...] = (
    _r("widerspruch", r"\b(lege|legen|erhebe|erheben)\b[^.]{0,120}\bwiderspruch\b", 3.0, "'lege/erhebe ... Widerspruch'"),
    _r("widerspruch", r"\bwiderspruch\b[^.]{0,80}\b(ein|einlegen|erhoben)\b\.", 1.0, "'Widerspruch ... ein.'"),
    _r("widerspruch", r"\bwidersprech|\bwiderspreche\b", 2.5, "'widerspreche'"),
    _r("widerspruch", r"^\s*(widerspruch|einspruch)\b", 2.5, "Betreff beginnt mit Widerspruch/Einspruch", "subject"),
    _r("bescheid", r"rechtsbehelfsbelehrung|rechtsbehelf", 1.5, "Rechtsbehelfsbelehrung"),
    _r("bescheid", r"ergeht folgender bescheid|wird (hiermit )?festgesetzt|zuwendungsbescheid|festsetzungsbescheid", 2.0,
       "Bescheidformel (festgesetzt/ergeht)"),
    _r("bescheid", r"\b(landesamt|finanzamt|jobcenter|landkreis|bezirksregierung|rentenversicherung|aufsichtsbehorde|"
       r"unfallkasse|kommunalaufsicht|bundesamt|landesbetrieb|behorde|veterinaramt|gewerbeaufsicht)", 1.0,
       "Absender ist eine Behörde", "head"),
    _r("mahnung", r"\b(0\.\s*)?mahnung\b|zahlungserinnerung|erinnerung an (die |unsere )?offene|letzte zahlungsaufforderung", 3.0,
       "Mahnung/Zahlungserinnerung"),
    _r("mahnung", r"mahngebuhr|mahnkosten|verzugszinsen|offene(n)? (posten|betrag|forderung)|keinen zahlungseingang|"
       r"inkasso|noch (nicht )?(offen|beglichen)", 1.5, "offene Forderung/Mahngebühr"),
    _r("gutschrift", r"\bgutschrift\b|rechnungskorrektur|stornorechnung|storno\b|gutschriftsbetrag|erstattungsbetrag|"
       r"schreiben wir ihnen[^.]{0,60}\bgut\b", 3.0, "Gutschrift/Rechnungskorrektur"),
    _r("rechnung", r"rechnungsbetrag|rechnungsnummer|rechnungs-?nr|\bin rechnung\b|berechnen (wir )?ihnen|"
       r"schlussrechnung|abschlagsrechnung|zahlbar|zahlungsziel|zu zahlender betrag", 1.5, "Rechnungsmerkmale (Betrag, Nr., zahlbar)"),
    _r("rechnung", r"^\s*(rechnung|schlussrechnung|abschlagsrechnung|teilrechnung)\b", 1.5, "Betreff 'Rechnung'", "subject"),
    _r("lieferschein", r"lieferschein|packliste|packzettel|warenbegleitschein|lieferscheinnummer|ls-nr|"
       r"leistungsnachweis|arbeitsnachweis", 3.0, "Lieferschein/Packliste"),
    _r("gerichtspost", r"\b(verwaltungs|amts|land|sozial|arbeits|finanz|oberverwaltungs|ober?landes|verwaltungs)gericht|"
       r"verwaltungsgerichtshof|insolvenzgericht|vollstreckungsgericht", 2.5, "Absender ist ein Gericht", "head"),
    _r("gerichtspost", r"empfangsbekenntnis|urkundsbeamt|geschaftsstelle|mundliche(n)? verhandlung|ladung zu|"
       r"klageerwiderung|klageschrift|terminsbestimmung|insolvenzverfahren|zwangsversteigerung|pfandungs- und|"
       r"drittschuldner|rechtsstreit|verwaltungsrechtssache|verwaltungsstreitsache", 2.0, "gerichtliche Verfahrensbegriffe"),
    _r("werbung", r"angebot|aktionspreis|sonderkondition|katalog|newsletter|seminar|webinar|rabatt|jetzt bestellen|"
       r"fachmesse|abbestellen|keine werbung|probeabo|testversion|frühbucher|fruhbucher", 1.5, "Werbesprache (Angebot, Rabatt, Seminar)"),
    _r("antrag", r"hiermit beantrage|beantrage(n)? (ich|wir)|(ich|wir) (mochte|mochten) [^.]{0,60}beantragen|stelle ich den antrag|"
       r"antrag auf\b|antragsteller|antragsformular|gewerbeanmeldung|gewerbeummeldung|bauvoranfrage|\banmeldung\b|"
       r"\babmeldung\b|bewerbung um", 2.0, "Antragsformel ('hiermit beantrage', 'Antrag auf')"),
    _r("antrag", r"^\s*(antrag|bauantrag|anzeige|anmeldung)\b", 1.0, "Betreff 'Antrag'", "subject"),
    _r("beschwerde", r"beschwerde|beschweren|\beingabe\b|unzufrieden|argere|nicht (langer )?hinnehmbar|zumutung|"
       r"missstand|abhilfe", 2.0, "Beschwerde ('beschweren', 'unzufrieden', 'Abhilfe')"),
)


@dataclass(frozen=True, slots=True)
class RuleHit:
    doc_type: str
    weight: float
    reason: str


def apply_rules(text: str) -> list[RuleHit]:
    """All rules that fire on ``text`` (each rule counts once)."""
    folded = fold(text)
    head = "\n".join(folded.splitlines()[:12])
    subject = fold(subject_line(text))
    hits: list[RuleHit] = []
    for rule in RULES:
        target = {"all": folded, "head": head, "subject": subject}[rule.scope]
        if rule.pattern.search(target):
            hits.append(RuleHit(rule.doc_type, rule.weight, rule.reason))
    return hits
