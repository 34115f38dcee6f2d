"""Built-in department vocabulary: goods, services and matters, as word stems matched inside compound words.

German joins words ("Fingerabdruckscanner", "Straßenleuchte", "Mietzuschuss"), so a stem counts when it occurs
inside any word of the letter's core text (folded: lower case, umlauts to base letters). The lists complement the
per-municipality ``hints`` of the routing configuration; they encode the routing rule "ordering department by
goods/services, applicant's matter by subject" of the design brief. Stems are chosen so that they do not occur
inside words of another department (e.g. no bare "steuer", "pflege" or "strom"); a leading '^' anchors
a stem at the start of a word ("^larm" matches Lärmbelästigung, not Alarmanlage).
"""
from __future__ import annotations

import re

from workflow.classify.textnorm import fold

STEMS: dict[str, tuple[str, ...]] = {
    "hauptamt": ("toner", "druckerei", "offsetdruck", "digitaldruck", "drucksache", "druckauftrag", "amtsblatt",
                 "briefbogen", "briefpapier", "briefumschl", "visitenkart", "flyer", "broschur", "plakat",
                 "kopierpapier", "kopierer", "multifunktionsger", "buromaterial", "burobedarf", "buromobel", "burostuhl",
                 "schreibtisch", "notebook", "laptop", "monitor", "server", "software", "lizenz", "firewall",
                 "netzwerk", "telefonanlage", "headset", "gebaudereinigung", "unterhaltsreinigung", "glasreinigung",
                 "aktenvernicht", "datentrager", "fachzeitschrift", "abonnement", "informationsfreiheit", "akteneinsicht",
                 "dienstaufsicht", "statistik", "rentenversicherung", "unfallkasse", "sitzungssaal", "burgersaal",
                 "druckerpatron", "laserdrucker", "it-support", "fernwartung", "ratsinformation", "dokumentenmanagement"),
    "bauamt": ("asphalt", "pflaster", "strassenbau", "tiefbau", "hochbau", "kanalinspektion", "abwasserkanal", "baumpflege",
               "strassenbaum", "baumfall", "fallgenehmigung", "grunanlag", "grunflach", "rasen", "hecke", "spielplatz",
               "spielgerat", "rutsche", "klettergerust", "schaukel", "strassenbeleucht", "strassenleucht", "mastleucht",
               "elektroinstall", "elektroprufung", "unterverteil", "elektroverteil", "sanitar", "heizungsanlage", "dachrinne",
               "dachdeck", "fassade", "malerarbeit", "gerust", "betonarbeit", "fundament", "schotter", "bagger",
               "baustelle", "bauantrag", "baugenehm", "bauvoranfrage", "bebauungsplan", "bauaufsicht", "denkmal",
               "erschliessung", "schlagloch", "bruckensanier", "bruckenpruf", "fussgangerbruck", "bruckengelander", "statisch", "vermessung", "winterdienst", "streusalz",
               "bauhof", "fliesen", "abbruch", "carport", "bordstein", "grundstucksteilung", "gehwegsanierung",
               "brandmelde", "rohrleitung", "inliner", "wildkraut", "bauleistung", "strassenausbau",
               # building control (Bauordnung): unlawful structures, orders to remove or stop
               "bauordnung", "beseitigungsanordnung", "nutzungsuntersag", "baueinstell", "stilllegungsverfug",
               "gartenhutte", "gartenhaus", "wintergarten", "dachgaube", "nebengebaude", "grenzbebauung"),
    "ordnungsamt": ("verkehrszeichen", "verkehrsschild", "beschilder", "absperr", "leitbake", "warnleucht",
                    "baustellenampel", "halteverbot", "parkverbot", "zugeparkt", "falschpark", "parkschein", "parkausweis",
                    "radar", "blitzer", "geschwindigkeitsmess", "bussgeld", "ordnungswidrig", "^larm", "nachtlarm", "ruhestor",
                    "nachtruhe", "gaststatt", "sperrzeit", "gewerbeanmeld", "gewerbeummeld", "gewerbeabmeld",
                    "gewerbeuntersag", "sondernutzung", "veranstaltung", "osterfeuer", "feuerwerk", "leinenpflicht",
                    "abschlepp", "freilaufend", "verwarn", "uniform", "bodycam", "schutzweste", "funkgerat", "vollzugsdienst", "poller",
                    "zebrastreifen", "fahrbahnmarkier", "verkehrsspiegel", "mullablager", "wildparker", "dauerparker",
                    "hundekot", "parkleit", "betriebsstatt"),
    "buergerbuero": ("personalausweis", "ausweis-", "ausweisantrag", "reisepass", "passbild", "passfoto", "fingerabdruck", "biometri",
                     "dokumentenprufger", "kartenleseger", "meldebescheinig", "melderegister", "meldebehord", "^ummeld",
                     "einwohnermelde", "einwohnerwesen", "auskunftssperre", "ubermittlungssperre", "fuhrungszeugnis",
                     "beglaubig", "lebensbescheinig", "aufrufanlage", "terminvergabe", "unterschriftenpad",
                     "signaturpad", "pin-brief", "wartenummer", "aufrufsystem", "ticketdrucker", "adressbuchverlag", "burgeramt", "burgerburo",
                     "ausweisdokument", "passdokument", "^wohnsitz", "melderecht", "meldepflicht"),
    "sozialamt": ("wohngeld", "mietzuschuss", "lastenzuschuss", "wohnkosten", "mietkosten", "unterkunftskosten",
                  "grundsicherung", "sozialhilfe", "lebensunterhalt", "teilhabe", "klassenfahrt", "schulbedarf",
                  "obdachlos", "wohnungslos", "notunterkunft", "notschlaf", "gemeinschaftsunterkunft", "sammelunterkunft",
                  "ubergangswohn", "unterkunft", "fluchtling", "asylbewerber", "eingliederungshilfe", "wohnberechtigung",
                  "sozialpadagog", "jobcenter", "bedurftig", "heizkosten", "bedarfsgemeinschaft", "burgergeld",
                  "sozialleistung", "sozialamt",
                  # furnishing of shelters and dormitories (Notunterkunft, Wohnheim): beds, bedding, lockers
                  "wohnheim", "matratze", "bettwasche", "bettdeck", "kopfkissen", "wolldeck", "etagenbett", "stockbett",
                  "metallbett", "feldbett", "^spind", "schlafsack", "hygienepaket", "hygieneartikel"),
    "kaemmerei": ("grundsteuer", "gewerbesteuer", "hundesteuer", "zweitwohnungsteuer", "zweitwohnungssteuer", "stundung",
                  "ratenzahlung", "saumniszuschl", "lastschrift", "stromliefer", "stromverbrauch", "heizstrom",
                  "stromzahler", "stromsteuer", "erdgas", "gasverbrauch", "fernwarme", "frischwasser", "wasserverbrauch",
                  "abwassergebuhr", "schmutzwasser", "niederschlagswasser", "netznutzung", "wasserzahler", "stadtwerke",
                  "kreisumlage", "schlusselzuweis", "haushaltssatzung", "kontofuhrung", "insolvenz", "zwangsversteiger",
                  "pfandung", "drittschuldner", "finanzamt", "korperschaftsteuer", "grundbesitzabgab",
                  # utility tariffs (energy, water): the price components of a supply contract
                  "grundpreis", "arbeitspreis", "zahlerstand", "kwh"),
    # not "umsatzsteuer": every invoice has a VAT line, it names no department
    "rechtsamt": ("verfahrensgebuhr", "terminsgebuhr", "einigungsgebuhr",
                  "rechtsgutacht", "beurkundung", "notariat", "prozessvertret", "verwaltungsgericht", "rechtsstreit",
                  "aktenversendung"),  # not "Kanzlei": a lawyer's Widerspruch goes to the issuing department
}
_WORD = re.compile(r"[a-z][a-z-]{2,}")
# a stem whose department depends on what it is about: (stem, context in the same text, department it then counts for)
# "Ummeldung" of a residence is the Bürgerbüro's, "Ummeldung der Betriebsstätte" is a Gewerbeummeldung
_REASSIGN: tuple[tuple[str, re.Pattern[str], str], ...] = (
    ("ummeld", re.compile(r"gewerbe|betriebsstatt|\bbetrieb(s|es)?\b|firmensitz|geschaftssitz"), "ordnungsamt"),
)
# in an item line "A mit B" / "A inkl. B", A is the goods; B is an accessory that names no department
_ACCESSORY = re.compile(r"\b(mit|inkl|incl|inklusive|einschl|einschliesslich|samt|nebst)\b.*$", re.MULTILINE)


def _in_words(stem: str, words: str) -> bool:
    """``stem`` inside one of the newline-separated ``words`` (which starts with a newline); a leading '^' means:
    only at the start of a word. One substring search in C instead of a loop over the words."""
    return ("\n" + stem[1:] if stem.startswith("^") else stem) in words


def stem_hits(text: str, goods: bool = False) -> dict[str, list[str]]:
    """Department -> the distinct stems found inside the words of ``text``.

    ``goods``: the text is an invoice/delivery note - accessories after "mit"/"inkl." in a line do not count.
    """
    folded = fold(text)
    if goods:
        folded = _ACCESSORY.sub("", folded)
    words = "\n" + "\n".join(set(_WORD.findall(folded)))  # stems hold no newline: no match across two words
    hits: dict[str, list[str]] = {}
    for dept, stems in STEMS.items():
        stems_found = {s.lstrip("^") for s in stems if _in_words(s, words)}
        if stems_found:
            hits.setdefault(dept, []).extend(stems_found)
    for stem, context, target in _REASSIGN:
        for dept, found in list(hits.items()):
            if stem in found and dept != target and context.search(folded):
                found.remove(stem)
                hits.setdefault(target, []).append(stem)
    return {dept: sorted(set(found)) for dept, found in hits.items() if found}
