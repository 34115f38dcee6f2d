"""A deterministic mix of documents for pipeline tests and benchmarks: e-invoices (UBL, CII, Factur-X) and
scanned letters, each with the truth a person would know (type, department, expected filing outcome)."""
from __future__ import annotations

import random
from dataclasses import dataclass

from workflow.samples.letters import render_page, to_pdf, to_tiff
from workflow.samples.spec import random_invoice
from workflow.samples.xrechnung_writer import to_cii, to_ubl

LETTERS = [
    ("widerspruch", "ordnungsamt", [
        "{name} · {street} · 50999 Musterstadt", "", "Stadt Musterstadt", "Ordnungsamt", "Rathausplatz 1",
        "50999 Musterstadt", "", "Musterstadt, {day:02d}.10.2026", "",
        "Widerspruch gegen den Bescheid vom 01.10.2026, Az. 32-2026-{n}", "", "Sehr geehrte Damen und Herren,", "",
        "hiermit lege ich gegen den oben genannten Bescheid Widerspruch ein.",
        "Die Begründung reiche ich innerhalb von zwei Wochen nach.", "", "Mit freundlichen Grüßen", "{name}"]),
    ("antrag", "bauamt", [
        "{name} · {street} · 50999 Musterstadt", "", "Stadt Musterstadt", "Bauordnungsamt", "Rathausplatz 1",
        "50999 Musterstadt", "", "Musterstadt, {day:02d}.09.2026", "",
        "Bauantrag für die Errichtung eines Carports, Flurstück {n}", "", "Sehr geehrte Damen und Herren,", "",
        "hiermit beantrage ich die Baugenehmigung für einen Carport auf meinem Grundstück.",
        "Bauzeichnungen und Lageplan liegen bei.", "", "Mit freundlichen Grüßen", "{name}"]),
    ("beschwerde", "hauptamt", [
        "{name} · {street} · 50999 Musterstadt", "", "Stadt Musterstadt", "Hauptamt", "Rathausplatz 1",
        "50999 Musterstadt", "", "Musterstadt, {day:02d}.08.2026", "",
        "Dienstaufsichtsbeschwerde", "", "Sehr geehrte Damen und Herren,", "",
        "ich beschwere mich über die Behandlung meines Anliegens durch Ihre Mitarbeiter.",
        "Auf meine Schreiben vom Juli habe ich bis heute keine Antwort erhalten.", "",
        "Mit freundlichen Grüßen", "{name}"]),
]
NAMES = [("Martina Keller", "Lindenstraße 14"), ("Jürgen Wolff", "Am Bach 3"), ("Aylin Demir", "Kirchweg 8"),
         ("Stefan Braun", "Gartenstraße 21")]


@dataclass(frozen=True, slots=True)
class MixedDocument:
    filename: str
    data: bytes
    kind: str  # ubl | cii | zugferd | letter
    doc_type: str
    department: str | None


def letter(rng: random.Random, i: int) -> MixedDocument:
    doc_type, dept, lines = LETTERS[i % len(LETTERS)]
    name, street = NAMES[rng.randrange(len(NAMES))]
    text = [ln.format(name=name, street=street, day=rng.randrange(1, 28), n=rng.randrange(1000, 9999))
            for ln in lines]
    page = render_page(text, seed=rng.randrange(10**6), skew_deg=rng.uniform(-1.2, 1.2))
    if i % 2:
        return MixedDocument(f"scan-{i:03d}.tif", to_tiff([page]), "letter", doc_type, dept)
    return MixedDocument(f"scan-{i:03d}.pdf", to_pdf([page]), "letter", doc_type, dept)


def mixed_documents(n: int, *, seed: int = 7, letters_every: int = 5, zugferd_every: int = 7) -> list[MixedDocument]:
    """n documents: every ``letters_every``-th a scanned letter, every ``zugferd_every``-th a Factur-X PDF,
    the rest XRechnung UBL and CII alternately."""
    from workflow.einvoice.facturx import make_facturx_pdf

    rng = random.Random(seed)
    docs = []
    for i in range(n):
        if letters_every and i % letters_every == letters_every - 1:
            docs.append(letter(rng, i))
            continue
        spec = random_invoice(rng, 1000 + i)
        if zugferd_every and i % zugferd_every == zugferd_every - 1:
            docs.append(MixedDocument(f"zugferd-{i:03d}.pdf", make_facturx_pdf(to_cii(spec), title=spec.number),
                                      "zugferd", "rechnung", None))
        elif i % 2:
            docs.append(MixedDocument(f"xr-{i:03d}-cii.xml", to_cii(spec), "cii", "rechnung", None))
        else:
            docs.append(MixedDocument(f"xr-{i:03d}-ubl.xml", to_ubl(spec), "ubl", "rechnung", None))
    return docs
