"""Net, VAT and gross totals of a paper invoice, cross-checked by arithmetic (net + VAT = gross).

Labels find the candidates; the arithmetic decides between them. A total that is not printed stays None.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from workflow.paperinvoice.amounts import FoundAmount, find_amounts

_GROSS = re.compile(
    r"Rechnungsbetrag|Rechnungssumme|Gesamtbetrag|Gesamtsumme|Endbetrag|Endsumme|Bruttobetrag|"
    r"Summe\s*\(?brutto|brutto\s*summe|Gesamt\s*\(?brutto|Betrag\s*\(?brutto|Total|zu\s+zahlen|Zahlbetrag|"
    r"Gutschriftsbetrag|Gutschriftbetrag|Erstattungsbetrag|Rechnungsendbetrag|Gesamtforderung|Bruttosumme|"
    r"Gesamt\s*:|Summe\s+inkl|inkl\.?\s*(?:MwSt|USt)|Brutto",
    re.IGNORECASE,
)
_NET = re.compile(
    r"Netto(?:betrag|summe)?|Summe\s*\(?netto|Zwischensumme|Warenwert|Gesamt\s*\(?netto|"
    r"Rechnungsbetrag\s+netto|Summe\s+Positionen|Summe\s+exkl|Korrekturbetrag\s+netto|Gutschrift\s+netto|"
    r"Entgelt|Nettowert",
    re.IGNORECASE,
)
_VAT = re.compile(r"MwSt|Mehrwertsteuer|USt|Umsatzsteuer|Mw\.-?St|Steuerbetrag|VAT", re.IGNORECASE)
_VAT_EXCLUDE = re.compile(r"USt-?Id|USt\.?-?IdNr|Steuernummer|St\.-?Nr|inkl|zzgl\.?\s+(?:gesetzl|der\s+gesetzl)|"
                          r"Preise", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Totals:
    """The three totals (None when not found) and what the arithmetic check said."""

    net: Decimal | None
    vat: Decimal | None
    gross: Decimal | None
    consistent: bool
    reasons: dict[str, str]


def _line_amount(lines: list[str], i: int) -> Decimal | None:
    """Last amount on line i, else the first one on the next line (label and value in two OCR lines)."""
    amounts = find_amounts(lines[i])
    if amounts:
        return amounts[-1].value
    if i + 1 < len(lines):
        nxt = find_amounts(lines[i + 1])
        if nxt and len(lines[i + 1]) < 40:
            return nxt[0].value
    return None


def _labelled(lines: list[str], label: re.Pattern[str], exclude: re.Pattern[str] | None = None) -> list[Decimal]:
    values: list[Decimal] = []
    for i, line in enumerate(lines):
        if label.search(line) and not (exclude and exclude.search(line)):
            value = _line_amount(lines, i)
            if value is not None:
                values.append(abs(value))
    return values


def find_totals(text: str) -> Totals:
    """Totals from the text; prefers the combination where net + VAT = gross to the cent."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    gross_c = _labelled(lines, _GROSS, re.compile(r"netto|Zwischensumme|zzgl|Skonto", re.IGNORECASE))
    net_c = _labelled(lines, _NET, re.compile(r"brutto", re.IGNORECASE))
    vat_lines = [i for i, ln in enumerate(lines) if _VAT.search(ln) and not _VAT_EXCLUDE.search(ln)
                 and not _GROSS.search(ln.replace("MwSt", "").replace("USt", ""))]
    vat_values = [v for i in vat_lines if (v := _line_amount(lines, i)) is not None]
    all_amounts = {abs(a.value) for a in find_amounts(text)}
    reasons: dict[str, str] = {}
    vat_sum = sum(vat_values, Decimal(0)) if vat_values else None
    # 1) a labelled gross that equals a labelled net plus the VAT lines
    for gross in reversed(gross_c):
        for net in net_c:
            if vat_sum is not None and net + vat_sum == gross:
                return Totals(net, vat_sum, gross, True, reasons)
            for vat in vat_values:
                if net + vat == gross:
                    return Totals(net, vat, gross, True, reasons)
            if net == gross and not vat_values:
                return Totals(net, Decimal("0.00"), gross, True, {"vat": "keine Umsatzsteuer ausgewiesen"})
    # 2) net and VAT labelled, gross printed somewhere unlabelled (e.g. table cell)
    for net in net_c:
        if vat_sum is not None and net + vat_sum in all_amounts:
            return Totals(net, vat_sum, net + vat_sum, True, reasons)
    # 3) no arithmetic agreement: report what the labels say, flagged
    gross = gross_c[-1] if gross_c else None
    net = net_c[0] if net_c else None
    if gross is not None and net is None and vat_sum is not None and gross - vat_sum in all_amounts:
        return Totals(gross - vat_sum, vat_sum, gross, True, reasons)
    for key, value in (("gross", gross), ("net", net), ("vat", vat_sum)):
        if value is None:
            reasons[key] = "Betrag nicht gefunden"
    if gross is not None and (net is not None or vat_sum is not None):
        # the labelled gross stays (it is what is to be paid); parts that do not add up are not reported
        reasons["net"] = reasons["vat"] = "Netto + USt ergibt nicht den Bruttobetrag - am Original prüfen"
        return Totals(None, None, gross, False, reasons)
    return Totals(net, vat_sum, gross, False, reasons)


__all__ = ["FoundAmount", "Totals", "find_totals"]
