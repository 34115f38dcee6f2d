"""Weighted rules for the document type: how German business and official letters say what they are.

Each rule adds its weight to one type's score (log-odds, on top of the linear model) and names itself as a reason.
Rules run on folded text (lower case, umlauts to base letters, digits to 0), so OCR that loses umlauts still
matches. ``head`` rules look only at the first lines (letterhead, sender), ``subject`` rules at the subject line.
``all`` rules look at the core of the letter (first
page without boilerplate, see ``segments``) with full weight and at later pages/boilerplate with REST_FACTOR only:
"Beschwerden richten Sie an ..." in a privacy note or a work log behind an invoice does not make the letter a
complaint or a delivery note. ``core`` rules ignore the rest entirely. Negative weights are counter-rules
(a citizen writing about a reminder received is not sending one).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from workflow.classify.features import fold, subject_line
from workflow.classify.segments import Letter, split_letter

REST_FACTOR = 0.3


@dataclass(frozen=True, slots=True)
class Rule:
    doc_type: str
    pattern: re.Pattern[str]
    weight: float
    reason: str
    scope: str = "all"  # all | core | head | subject


def _r(doc_type: str, pattern: str, weight: float, reason: str, scope: str = "all") -> Rule:
    return Rule(doc_type, re.compile(pattern), weight, reason, scope)


_DATA_USE = r"(weitergabe|ubermittlung|datenubermittlung|veroffentlichung|verwendung meiner|nutzung meiner)"
_DATA_OBJECTION = rf"widersp[a-z]*[^.]{{0,60}}{_DATA_USE}|{_DATA_USE}[^.]{{0,60}}widersp"

_MILD = r"( deshalb| daher| hiermit| hoflich| freundlich| hoflichst| hierdurch| nun| zugleich| ausserdem| auch)"
_NOT_SERVICE = (r"(abhilfe|ruckmeldung|stellungnahme|erklarung|entschuldigung|prufung|uberprufung|aufklarung|antwort|"
                r"ruckruf|klarung|erledigung|beseitigung|behebung|bestatigung|eingangsbestatigung|kenntnisnahme|"
                r"aufhebung|rucknahme|verstandnis|nachsicht|weiterleitung|information|mitteilung|losung|"
                r"(eine |die |ihre )?(schriftliche |kurze |baldige |zeitnahe |umgehende )?(antwort|ruckmeldung|"
                r"stellungnahme|prufung|uberprufung|erklarung|klarung|abhilfe|bestatigung|losung))")
# sentences of a privacy note about one's right to complain to the data protection authority
_COMPLAINT = ("beschwerde", "beschweren")
_AUTHORITY = ("aufsichtsbehorde", "datenschutz", "landesbeauftragt", "dsgvo")
_C, _A = "|".join(_COMPLAINT), "|".join(_AUTHORITY)
_PRIVACY_RIGHTS = re.compile(rf"[^.\n]*({_C})[^.]*({_A})[^.]*\.?|[^.]*({_A})[^.]*({_C})[^.]*\.?")


def _flat(folded: str) -> str:
    """One line per text: OCR breaks sentences anywhere ("Wir\nbeantragen"); privacy-rights sentences removed."""
    flat = re.sub(r"[ \t]*\n\s*", " ", folded)
    # the sentence pattern tries every start position: run it only where both of its word groups occur
    if any(w in flat for w in _COMPLAINT) and any(w in flat for w in _AUTHORITY):
        flat = _PRIVACY_RIGHTS.sub(" ", flat)
    return flat


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
    # requests without the word "Antrag": asking the office to issue, grant or take over something
    _r("antrag", r"bitte (stellen|senden|schicken|erteilen|ubersenden|tragen|vermerken|veranlassen) sie|(ich|wir) beantrage|(ich|wir) (bitte|bitten|ersuche|ersuchen) "
       r"(sie )?um (die |eine |einen )?(ausstellung|erteilung|zusendung|genehmigung|bewilligung|ubernahme|gewahrung|"
       r"eintragung|zulassung|verlangerung)|um (ausstellung|erteilung|eintragung) (einer|eines|der|des)", 1.5,
       "Bitte um Ausstellung/Erteilung (Antrag ohne das Wort)", "core"),
    # a request put as "I ask for <something>": asking for a service, a payment, a document, a change. Asking for
    # remedy, a statement, an apology or a review is how complaints and objections end - those nouns are excluded.
    _r("antrag", rf"(ich|wir) (bitte|bitten|ersuche|ersuchen)( sie)?{_MILD}? um (?!{_NOT_SERVICE})|"
       rf"(bitte|bitten|ersuche|ersuchen) (ich|wir)( sie)?{_MILD}? um (?!{_NOT_SERVICE})|"
       rf"mit der bitte um (?!{_NOT_SERVICE})|(ich|wir) (mochte|mochten|wurde|wurden) (sie )?(gern |gerne )?"
       r"(bitten|ersuchen)|(wende|wenden) (mich|uns) mit (einer|der folgenden|folgender) bitte|"
       r"(habe|haben) (eine|folgende|die folgende) bitte|(mein|unser) anliegen (ist|lautet|betrifft)|"
       r"bitte (nehmen|richten|buchen|melden|andern|streichen|erstatten|uberweisen|bestatigen) sie (die|den|das|meine|"
       r"meinen|unsere|unseren|mich|uns)\b(?![^.]{0,40}(eingang|erhalt))", 1.5,
       "Bitte um eine Leistung (Antrag in eigenen Worten)", "core"),
    # complaints without the keyword: the speech act of dissatisfaction, an unresolved problem, a demand for remedy
    _r("beschwerde", r"unzumutbar|nicht (mehr |langer )?(tragbar|akzeptabel|zumutbar)|argerlich|verargert|emport|"
       r"enttauscht|frechheit|skandal|katastrophal|untragbar|(ich|wir) (bitte|bitten|fordere|fordern|erwarte|erwarten)"
       r"[^.]{0,30}\babhilfe|sorgen sie[^.]{0,30}(fur ordnung|dafur)|"
       r"(nichts|niemand|keiner)[^.]{0,25}(getan|passiert|geschehen|gekummert|reagiert|kontrolliert|unternommen)|"
       r"keine (antwort|reaktion|ruckmeldung) (erhalten|bekommen)", 2.0,
       "Unmut/Forderung nach Abhilfe ohne das Wort 'Beschwerde'", "core"),
    _r("beschwerde", r"seit ((zwei|drei|vier|funf|sechs|sieben|acht|neun|zehn|elf|zwolf|mehreren|vielen|etlichen|0+|"
       r"uber (einem|einer|zwei|drei|vier|0+)|gut (einem|zwei|drei|0+)) )?(wochen|monaten|jahren|tagen|woche|monat|jahr)\b|"
       r"seit (langem|langerer zeit|dem (fruhjahr|sommer|herbst|winter))|"
       r"wann (wird|werden|endlich|kummert)|endlich (etwas|repariert|behoben|beseitigt|passiert|geschieht|gehandelt)|"
       r"immer (noch|wieder) (nicht|kaputt|defekt|gesperrt)|nach wie vor (nicht|defekt|kaputt)|"
       r"(trotz|nach) (mehrfacher|mehrerer|wiederholter|zahlreicher|mehreren|vieler)"
       r"(?! (erinnerung|mahnung|zahlungs|aufforderung))", 1.5,
       "anhaltender Missstand ('seit Wochen', 'wann endlich', 'trotz mehrfacher ...')", "core"),
    # a matter left lying: no processing, no answer, escalation to the mayor or the supervisory authority
    _r("beschwerde", r"\bunbearbeitet|ohne (jede |eine |irgendeine )?(antwort|reaktion|ruckmeldung|bearbeitung|nachricht)|"
       r"(ruckrufe|antworten|ruckmeldungen) (erfolgen|kommen|kamen) (nicht|keine)|"
       r"(kopie|abschrift|durchschrift)[^.]{0,50}(burgermeister|landrat|kommunalaufsicht|dienstaufsicht)", 1.5,
       "liegengebliebene Sache / Abschrift an den Bürgermeister", "core"),
    _r("beschwerde", r"(unberechtigt|ungerechtfertigt|zu unrecht|nicht nachvollziehbar)[^.]{0,60}(mahn|gebuhr|forderung|"
       r"zuschlag|kosten|abbuchung)|(mahn|gebuhr|forderung|zuschlag)[a-z]*[^.]{0,40}(unberechtigt|zu unrecht)|"
       r"obwohl (ich|wir)[^.]{0,80}(bezahlt|uberwiesen|gezahlt|beglichen)|"
       r"trotz (punktlicher|fristgerechter|rechtzeitiger|vollstandiger) (zahlung|uberweisung)", 2.5,
       "Einwand gegen eine erhaltene Forderung", "core"),
    _r("mahnung", r"(erhielt|erhalten|bekam|bekommen|zugegangen|zugestellt)[^.]{0,40}(mahnung|zahlungserinnerung)|"
       r"(ihre|ihrer|die) (mahnung|zahlungserinnerung) vom|(mahnung|zahlungserinnerung)[^.]{0,40}(erhalten|bekommen)|"
       r"(unberechtigt|ungerechtfertigt)[a-z]* mahn", -2.5, "Gegenregel: Schreiben über eine erhaltene Mahnung",
       "core"),
    # debt collection: a Mahnung by a third party, often without the word
    _r("mahnung", r"inkasso|forderungseinzug|einzug (der|ihrer|unserer|einer) (offenen )?forderung|"
       r"einziehung (der|ihrer|unserer|einer) (offenen )?forderung|forderungsmanagement|hauptforderung|"
       r"gerichtliche(n)? (geltendmachung|mahnverfahren|beitreibung)|mahnbescheid|beitreibung|"
       r"(mandantin|mandant|glaubigerin|glaubiger|auftraggeberin|auftraggeber)[^.]{0,80}(forderung|beauftragt)|"
       r"forderungsaufstellung|zahlungsaufforderung|ruckstand|ruckstandig", 3.0,
       "Forderungseinzug/Inkasso (Mahnung durch Dritte)", "core"),
    # objection to passing on one's data is a request for a block, not an objection to a decision
    _r("antrag", _DATA_OBJECTION + r"|(auskunfts|ubermittlungs)sperre|sperrvermerk", 3.0,
       "Widerspruch gegen Datenweitergabe = Antrag auf Sperre", "core"),
    _r("widerspruch", _DATA_OBJECTION, -2.5, "Gegenregel: Widerspruch gegen Datenweitergabe (Melderecht)", "core"),
    # an invoice stays an invoice when a work log or delivery list is attached behind it
    _r("rechnung", r"(mwst|mehrwertsteuer|umsatzsteuer|\bust\b)[^\n]{0,40}\d|brutto|endbetrag|gesamtbetrag|summe inkl",
       0.8, "Steuer- und Summenzeilen einer Rechnung", "core"),
    _r("lieferschein", r"^\s*(lieferschein|packliste|leistungsnachweis|arbeitsnachweis|warenbegleitschein)", 1.5,
       "Betreff 'Lieferschein/Leistungsnachweis'", "subject"),
)


@dataclass(frozen=True, slots=True)
class RuleHit:
    doc_type: str
    weight: float
    reason: str


def apply_rules(text: str, letter: Letter | None = None) -> list[RuleHit]:
    """All rules that fire on ``text`` (each rule counts once; in the rest only: REST_FACTOR of its weight).

    ``letter``: the split of ``text``, when the caller has it."""
    letter = letter or split_letter(text)
    core, rest = _flat(fold(letter.core)), _flat(fold(letter.rest))
    head = fold("\n".join(text.splitlines()[:12]))
    targets = {"core": core, "head": head, "subject": fold(subject_line(letter.core))}
    hits: list[RuleHit] = []
    for rule in RULES:
        if rule.scope == "all":
            if rule.pattern.search(core):
                hits.append(RuleHit(rule.doc_type, rule.weight, rule.reason))
            elif rule.pattern.search(rest):
                hits.append(RuleHit(rule.doc_type, rule.weight * REST_FACTOR,
                                    f"{rule.reason} (nur Folgeseite/Standardtext)"))
        elif rule.pattern.search(targets[rule.scope]):
            hits.append(RuleHit(rule.doc_type, rule.weight, rule.reason))
    return hits
