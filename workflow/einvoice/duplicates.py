"""Duplicate rules for incoming invoices, pure (values in, decisions with reasons out).

Keys follow the practice of finance systems (SAP: vendor + currency + amount + reference + date; d.velop: same
creditor + same external invoice number): an invoice is a probable duplicate of a known one when

1. the bytes are identical (same SHA-256), or
2. the seller is the same (VAT id BT-31, else tax number BT-32, else the normalised name BT-27),
   the normalised invoice number (BT-1) is the same and the gross amount (BT-112, else BT-115) is the
   same - whatever channel each copy came in by (mail, portal, Peppol, paper).

A payment reminder (Mahnung) that names an invoice number we already know is not a new payable; it belongs to
the known invoice (:func:`match_reminder`).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from schemas.invoice import Invoice

#: Legal-form words dropped from seller names before comparing (after folding, see ``normalize_name``).
LEGAL_FORMS = frozenset(
    {
        "gmbh",
        "mbh",
        "ag",
        "kg",
        "kgaa",
        "ohg",
        "gbr",
        "ug",
        "haftungsbeschraenkt",
        "ek",
        "ev",
        "eg",
        "co",
        "se",
        "ltd",
        "inc",
        "llc",
        "sarl",
        "bv",
        "und",
        "u",
    }
)


@dataclass(frozen=True, slots=True)
class DuplicateKeys:
    """What two invoices are compared by. ``ref`` is the caller's id of the document (e.g. document_id)."""

    content_hash: str | None
    seller_key: str | None  # "vat:DE123456789" / "taxno:..." / "name:..." - the strongest seller key present
    invoice_number_normalized: str | None
    gross: Decimal | None
    currency: str | None = None
    seller_name_key: str | None = None  # "name:..." always, when a name exists (fallback comparison)
    invoice_number: str | None = None  # as written, for reasons shown to people
    ref: str | None = None


class DuplicateKind(StrEnum):
    NEW = "new"
    DUPLICATE = "duplicate"
    REMINDER_OF_KNOWN = (
        "reminder_of_known"  # Mahnung/Zahlungserinnerung for a registered invoice: no new payable
    )


@dataclass(frozen=True, slots=True)
class DuplicateDecision:
    kind: DuplicateKind
    reason: str
    match: DuplicateKeys | None = None


def normalize_vat_id(value: str | None) -> str | None:
    """``de 123 456-789`` -> ``DE123456789``; None for empty."""
    if not value:
        return None
    compact = re.sub(r"[^0-9A-Za-z]", "", value).upper()
    return compact or None


_DOTTED = re.compile(r"(?<![a-z])(?:[a-z]\.\s?){2,}[a-z]?(?![a-z])")


def normalize_name(value: str | None) -> str | None:
    """Casefold, fold umlauts, drop punctuation and legal forms: ``Müller & Co. GmbH`` -> ``mueller``."""
    if not value:
        return None
    text = value.casefold().replace("ß", "ss").replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    # dotted abbreviations become words: g.m.b.h. -> gmbh, e.K. -> ek
    text = re.sub(_DOTTED, lambda m: re.sub(r"[.\s]", "", m.group(0)) + " ", text)
    words = [w for w in re.split(r"[^0-9a-z]+", text) if w and w not in LEGAL_FORMS]
    return "".join(words) or None


def normalize_invoice_number(value: str | None) -> str | None:
    """Upper-case, drop blanks and separators (``-/_.:#``); purely numeric numbers lose leading zeros."""
    if not value:
        return None
    compact = re.sub(r"[\s\-/_.:#]", "", value).upper()
    if compact.isdigit():
        compact = compact.lstrip("0") or "0"
    return compact or None


def duplicate_keys(
    invoice: Invoice, *, content: bytes | None = None, ref: str | None = None
) -> DuplicateKeys:
    """Keys of one invoice; ``content`` are the received bytes (XML or PDF) when known."""
    seller = invoice.seller
    vat = normalize_vat_id(seller.vat_id) if seller else None
    taxno = normalize_vat_id(seller.tax_registration_id) if seller else None
    name = normalize_name(seller.name) if seller else None
    if vat:
        seller_key: str | None = f"vat:{vat}"
    elif taxno:
        seller_key = f"taxno:{taxno}"
    else:
        seller_key = f"name:{name}" if name else None
    totals = invoice.totals
    gross = totals.total_with_vat if totals.total_with_vat is not None else totals.amount_due
    return DuplicateKeys(
        content_hash=hashlib.sha256(content).hexdigest() if content is not None else None,
        seller_key=seller_key,
        invoice_number_normalized=normalize_invoice_number(invoice.invoice_number),
        gross=gross,
        currency=(invoice.currency or "").upper() or None,
        seller_name_key=f"name:{name}" if name else None,
        invoice_number=invoice.invoice_number,
        ref=ref,
    )


def _same_seller(a: DuplicateKeys, b: DuplicateKeys) -> tuple[bool | None, str]:
    """True/False when comparable, None when one side has no seller key at all."""
    if a.seller_key and b.seller_key and a.seller_key.split(":")[0] == b.seller_key.split(":")[0]:
        return a.seller_key == b.seller_key, a.seller_key
    if a.seller_name_key and b.seller_name_key:  # different key kinds (VAT id vs. name only): compare names
        return a.seller_name_key == b.seller_name_key, a.seller_name_key
    return None, ""


def is_probable_duplicate(a: DuplicateKeys, b: DuplicateKeys) -> tuple[bool, str]:
    """Whether ``a`` and ``b`` are probably the same invoice, with the reason (German)."""
    if a.content_hash and a.content_hash == b.content_hash:
        return True, f"identische Datei (SHA-256 {a.content_hash[:12]}…)"
    same_seller, key = _same_seller(a, b)
    if same_seller is None:
        return (
            False,
            "Rechnungssteller nicht vergleichbar (weder USt-IdNr., Steuernummer noch Name auf beiden)",
        )
    if not same_seller:
        return False, "anderer Rechnungssteller"
    if not a.invoice_number_normalized or a.invoice_number_normalized != b.invoice_number_normalized:
        return False, "gleicher Rechnungssteller, aber andere oder fehlende Rechnungsnummer (BT-1)"
    if a.gross is None or b.gross is None or a.gross != b.gross:
        return False, (
            "gleicher Rechnungssteller und Rechnungsnummer "
            f"{a.invoice_number or a.invoice_number_normalized}, "
            f"aber anderer Bruttobetrag ({a.gross} / {b.gross}) - Korrektur oder neue Rechnung prüfen"
        )
    if a.currency and b.currency and a.currency != b.currency:
        return False, f"gleiche Rechnungsnummer und Betrag, aber andere Währung ({a.currency} / {b.currency})"
    return True, (
        f"gleicher Rechnungssteller ({key}), gleiche Rechnungsnummer "
        f"{a.invoice_number or a.invoice_number_normalized} und gleicher Bruttobetrag {a.gross}"
        f"{' ' + a.currency if a.currency else ''}"
    )


def check_against_known(candidate: DuplicateKeys, known: Iterable[DuplicateKeys]) -> DuplicateDecision:
    """First known invoice the candidate probably duplicates, else NEW."""
    for other in known:
        same, reason = is_probable_duplicate(candidate, other)
        if same:
            where = f" (bekannt als {other.ref})" if other.ref else ""
            return DuplicateDecision(
                DuplicateKind.DUPLICATE, f"Wahrscheinliches Duplikat: {reason}{where}", other
            )
    return DuplicateDecision(DuplicateKind.NEW, "keine bekannte Rechnung mit gleichen Merkmalen")


def match_reminder(
    text: str, known: Iterable[DuplicateKeys], *, seller_key: str | None = None
) -> DuplicateDecision:
    """Does a Mahnung/Zahlungserinnerung (its text, e.g. OCR) name an invoice number we already registered?

    A known number counts when it appears in the text as a whole token (separators ignored) and, if
    ``seller_key`` is given, the known invoice has the same seller. A match means: no new payable.
    """
    for other in known:
        number = other.invoice_number_normalized
        if not number or not mentions_invoice_number(text, number):
            continue
        if seller_key and other.seller_key and seller_key != other.seller_key:
            continue
        shown = other.invoice_number or number
        where = f" ({other.ref})" if other.ref else ""
        return DuplicateDecision(
            DuplicateKind.REMINDER_OF_KNOWN,
            f"Mahnung bezieht sich auf bekannte Rechnung {shown}{where}: keine neue Zahlungsverpflichtung",
            other,
        )
    return DuplicateDecision(
        DuplicateKind.NEW, "Mahnung nennt keine bekannte Rechnungsnummer; manuell zuordnen"
    )


_SEP = r"[\s\-/_.:#]*"


def mentions_invoice_number(text: str, number_normalized: str) -> bool:
    """Whether ``text`` contains the invoice number, written with or without separators, as a whole token.

    ``RE20260815`` is found in "Rechnung Nr. RE-2026/0815 vom ..." but not in "RE-2026-0815-1"
    or "XRE20260815".
    """
    body = _SEP.join(re.escape(ch) for ch in number_normalized)
    if number_normalized.isdigit():
        body = f"(?:0{_SEP})*{body}"
    pattern = rf"(?<![0-9A-Za-z])(?<![0-9][\-/_.]){body}(?![\-/_.]?[0-9A-Za-z])"
    return re.search(pattern, text, flags=re.IGNORECASE) is not None
