"""Leitweg-ID check (BT-10 buyer reference in German public procurement), and our own warning findings.

``check_leitweg_id`` is pure: a string in, a verdict out. ``own_checks`` turns a wrong Leitweg-ID or IBAN
of an invoice into WARNING findings (AF-LEITWEG-01, AF-IBAN-01).

Structure ``Grobadressierung[-Feinadressierung]-Prüfziffer``: Grob 2-12 digits starting with a Land code
(01-16) or 99 (Bund); Fein up to 30 characters ``[0-9A-Z]``; Prüfziffer two digits; total length 5-46.
Check digits: ISO/IEC 7064 MOD 97-10 over Grob+Fein without hyphens, letters A=10..Z=35 (as for IBAN);
the whole ID without hyphens must be ≡ 1 (mod 97).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from stdnum.iso7064 import mod_97_10

from schemas.invoice import Invoice
from workflow.einvoice.findings import Finding, Level
from workflow.einvoice.iban import check_iban

LAND_CODES: dict[str, str] = {
    "01": "Schleswig-Holstein",
    "02": "Hamburg",
    "03": "Niedersachsen",
    "04": "Bremen",
    "05": "Nordrhein-Westfalen",
    "06": "Hessen",
    "07": "Rheinland-Pfalz",
    "08": "Baden-Württemberg",
    "09": "Bayern",
    "10": "Saarland",
    "11": "Berlin",
    "12": "Brandenburg",
    "13": "Mecklenburg-Vorpommern",
    "14": "Sachsen",
    "15": "Sachsen-Anhalt",
    "16": "Thüringen",
    "99": "Bund",
}

_SHAPE = re.compile(r"(?P<grob>[0-9]{2,12})(?:-(?P<fein>[0-9A-Z]{0,30}))?-(?P<pruef>[0-9]{2})")


@dataclass(frozen=True, slots=True)
class LeitwegCheck:
    """Result of :func:`check_leitweg_id`. ``reason`` is a German sentence when ``valid`` is False."""

    valid: bool
    normalized: str | None
    reason: str | None
    grob: str | None = None
    fein: str | None = None
    pruefziffer: str | None = None
    land: str | None = None


def check_leitweg_id(value: str) -> LeitwegCheck:
    """Check structure and check digits of a Leitweg-ID; blanks around it are removed, letters upper-cased."""
    if not isinstance(value, str):
        return LeitwegCheck(False, None, f"Leitweg-ID muss Text sein, nicht {type(value).__name__}.")
    text = value.strip().upper()
    if not text:
        return LeitwegCheck(False, None, "Leitweg-ID fehlt (leer).")
    if not 5 <= len(text) <= 46:
        return LeitwegCheck(
            False, None, f"Leitweg-ID {text!r} hat {len(text)} Zeichen; erlaubt sind 5 bis 46."
        )
    match = _SHAPE.fullmatch(text)
    if match is None:
        return LeitwegCheck(
            False,
            None,
            f"Leitweg-ID {text!r} hat nicht den Aufbau Grobadressierung(2-12 Ziffern)"
            "[-Feinadressierung(bis 30 Zeichen 0-9, A-Z)]-Prüfziffer(2 Ziffern).",
        )
    grob, fein, pruef = match.group("grob"), match.group("fein"), match.group("pruef")
    land = LAND_CODES.get(grob[:2])
    parts = {"grob": grob, "fein": fein or None, "pruefziffer": pruef, "land": land}
    if land is None:
        return LeitwegCheck(
            False,
            None,
            f"Leitweg-ID {text!r} beginnt mit {grob[:2]}; erlaubt sind Länderkennzahlen 01-16 und 99 (Bund).",
            **parts,
        )
    body = grob + (fein or "")
    expected = mod_97_10.calc_check_digits(body)
    if expected != pruef:
        return LeitwegCheck(
            False,
            None,
            f"Prüfziffer der Leitweg-ID {text!r} ist falsch: {pruef} angegeben, nach ISO 7064 MOD 97-10 "
            f"wäre es {expected}.",
            **parts,
        )
    return LeitwegCheck(True, text, None, **parts)


# ---------------------------------------------------------- our own checks as findings (never a reject)

_LOCATIONS = {  # readable element paths per source syntax, for the finding's location
    "BT-10": {
        "ubl": "/Invoice/cbc:BuyerReference",
        "cii": "/rsm:CrossIndustryInvoice/rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeAgreement"
        "/ram:BuyerReference",
    },
    "BT-84": {
        "ubl": "/Invoice/cac:PaymentMeans/cac:PayeeFinancialAccount/cbc:ID",
        "cii": "/rsm:CrossIndustryInvoice/rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeSettlement"
        "/ram:SpecifiedTradeSettlementPaymentMeans/ram:PayeePartyCreditorFinancialAccount/ram:IBANID",
    },
    "BT-91": {
        "ubl": "/Invoice/cac:PaymentMeans/cac:PaymentMandate/cac:PayerFinancialAccount/cbc:ID",
        "cii": "/rsm:CrossIndustryInvoice/rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeSettlement"
        "/ram:SpecifiedTradeSettlementPaymentMeans/ram:PayerPartyDebtorFinancialAccount/ram:IBANID",
    },
}
_LEITWEG_LIKE = re.compile(r"\s*[0-9]{2,12}-")


def _location(term: str, source: str) -> str:
    syntax = "ubl" if "ubl" in source else "cii" if source in ("xrechnung-cii", "zugferd") else ""
    return _LOCATIONS[term].get(syntax, term)


def own_checks(invoice: Invoice) -> list[Finding]:
    """Our WARNING findings for a wrong Leitweg-ID (AF-LEITWEG-01) and wrong IBANs (AF-IBAN-01).

    BT-10 is checked when the invoice is an XRechnung (BT-24 names xeinkauf.de) or BT-10 looks like a
    Leitweg-ID (starts with 2-12 digits and a hyphen); BT-84 for SEPA credit transfer (BT-81 = 58) or
    IBAN-shaped values; BT-91 always. Levels are WARNING only: these never turn an accepted invoice into
    a reject.
    """
    findings: list[Finding] = []
    ref = invoice.buyer_reference
    is_xrechnung = "xeinkauf.de" in (invoice.specification_id or "")
    if ref and (is_xrechnung or _LEITWEG_LIKE.match(ref)):
        check = check_leitweg_id(ref)
        if not check.valid:
            findings.append(
                Finding(
                    "AF-LEITWEG-01",
                    Level.WARNING,
                    _location("BT-10", invoice.source),
                    f"Käuferreferenz (BT-10) ist keine gültige Leitweg-ID: {check.reason} "
                    "Die Rechnung kann nicht "
                    "automatisch einer Dienststelle zugeordnet werden.",
                    "BT-10",
                )
            )
    pay = invoice.payment_instructions
    if pay is None:
        return findings
    for number, transfer in enumerate(pay.credit_transfers, start=1):
        account = transfer.account_id or ""
        if pay.means_code == "58" or _iban_shaped(account):
            iban = check_iban(account)
            if not iban.valid:
                findings.append(
                    Finding(
                        "AF-IBAN-01",
                        Level.WARNING,
                        _location("BT-84", invoice.source),
                        f"Konto {number} des Zahlungsempfängers (BT-84): {iban.reason} "
                        "Vor der Zahlung beim Verkäufer "
                        "die Bankverbindung bestätigen lassen.",
                        "BT-84",
                    )
                )
    debit = pay.direct_debit
    if debit is not None and debit.debited_account:
        iban = check_iban(debit.debited_account)
        if not iban.valid:
            findings.append(
                Finding(
                    "AF-IBAN-01",
                    Level.WARNING,
                    _location("BT-91", invoice.source),
                    f"Belastetes Konto der Lastschrift (BT-91): {iban.reason}",
                    "BT-91",
                )
            )
    return findings


def _iban_shaped(value: str) -> bool:
    compact = "".join(value.split())
    return len(compact) >= 15 and compact[:2].isalpha() and compact[2:4].isdigit()
