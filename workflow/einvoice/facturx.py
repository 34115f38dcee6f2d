"""Hybrid invoices: take the structured XML out of a ZUGFeRD / Factur-X (PDF/A-3) file; build one for tests.

Reading works on bytes only (no files, no network). The PDF is opened with pypdf; the embedded XML is
looked up in the EmbeddedFiles name tree and in the catalog's /AF array (associated files), preferring the
conventional names ``factur-x.xml``, ``zugferd-invoice.xml`` and ``xrechnung.xml``. The profile is read from
the guideline id (CII ``GuidelineSpecifiedDocumentContextParameter/ID`` = BT-24, UBL ``CustomizationID``).

Errors (all :class:`workflow.errors.BadInputError`):

* :class:`NoEmbeddedInvoiceError` - a readable PDF without an e-invoice inside: a plain PDF, the caller
  decides (OCR / manual capture path).
* :class:`BrokenPdfError` - not a PDF or too damaged to read.
* :class:`EncryptedPdfError` - encrypted (PDF/A forbids encryption; we do not try passwords).
* :class:`EmbeddedXmlError` - an invoice attachment is present but is not usable XML.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from enum import StrEnum
from io import BytesIO

from lxml import etree
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, EmbeddedFile

from workflow.einvoice.detect import Syntax, customization_id, syntax_of
from workflow.einvoice.findings import Finding, Level
from workflow.einvoice.xmlsafe import NotWellFormedError, parse_xml
from workflow.errors import BadInputError, TooLargeError, UnsafeInputError

log = logging.getLogger(__name__)

#: Conventional attachment names, best first (compared case-insensitively).
KNOWN_NAMES: tuple[str, ...] = ("factur-x.xml", "zugferd-invoice.xml", "xrechnung.xml")
#: Upper bound for an embedded XML; bigger attachments are refused rather than parsed.
MAX_XML_BYTES = 20_000_000

_ZUGFERD1_ROOT = "CrossIndustryDocument"
NOT_AN_INVOICE_REASON = "kein vollständiger Rechnungsinhalt nach EN 16931"


class Profile(StrEnum):
    """ZUGFeRD / Factur-X profile named by the guideline id (BT-24)."""

    MINIMUM = "MINIMUM"
    BASIC_WL = "BASIC WL"
    BASIC = "BASIC"
    EN16931 = "EN 16931"
    EXTENDED = "EXTENDED"
    XRECHNUNG = "XRECHNUNG"
    ZUGFERD_1 = "ZUGFeRD 1.0"
    UNKNOWN = "UNKNOWN"

    @property
    def is_invoice(self) -> bool:
        """True if the profile carries a complete EN 16931 invoice (a valid e-invoice in Germany)."""
        return self in (Profile.BASIC, Profile.EN16931, Profile.EXTENDED, Profile.XRECHNUNG)

    @property
    def rejection_reason(self) -> str | None:
        """Why an invoice in this profile cannot be accepted as an e-invoice, or None."""
        if self.is_invoice:
            return None
        if self is Profile.UNKNOWN:
            return "unbekannte Spezifikationskennung (BT-24): " + NOT_AN_INVOICE_REASON + " erkennbar"
        return f"Profil {self.value}: {NOT_AN_INVOICE_REASON}"


@dataclass(frozen=True, slots=True)
class EmbeddedInvoice:
    """The structured invoice found in a hybrid PDF."""

    xml: bytes
    filename: str
    profile: Profile
    guideline_id: str
    af_relationship: str | None = None  # e.g. "Data", "Alternative", "Source" when the PDF names one


class NoEmbeddedInvoiceError(BadInputError):
    """Readable PDF without an embedded e-invoice: a plain PDF (the caller decides what to do with it)."""

    fix = (
        "Als Papier-/PDF-Rechnung behandeln (OCR, manuelle Erfassung) "
        "oder beim Absender eine E-Rechnung anfordern."
    )


class BrokenPdfError(BadInputError):
    """The bytes are not a PDF, or the PDF is too damaged to read its attachments."""

    fix = "Beim Absender eine unbeschädigte PDF-Datei anfordern."


class EncryptedPdfError(UnsafeInputError):
    """The PDF is encrypted; PDF/A-3 hybrids must not be."""

    fix = (
        "Beim Absender eine unverschlüsselte PDF/A-3-Rechnung (ZUGFeRD/Factur-X) "
        "oder eine XRechnung anfordern."
    )


class EmbeddedXmlError(BadInputError):
    """An invoice attachment exists but is not well-formed or safe XML."""

    fix = "Beim Absender eine korrigierte Rechnung anfordern; die eingebettete XML-Datei ist unlesbar."


def detect_profile(guideline_id: str) -> Profile:
    """Profile for a guideline id (BT-24). Pure; unknown ids give ``Profile.UNKNOWN``."""
    gid = guideline_id.strip()
    low = gid.lower()
    if "xeinkauf.de:kosit" in low:
        return Profile.XRECHNUNG
    if low.startswith("urn:ferd:"):
        return Profile.ZUGFERD_1
    tail = re.search(r"urn:(?:factur-x\.eu|zugferd\.de):[12]p0:([a-z]+)$", low)
    if tail:
        return {
            "minimum": Profile.MINIMUM,
            "basicwl": Profile.BASIC_WL,
            "basic": Profile.BASIC,
            "extended": Profile.EXTENDED,
            "en16931": Profile.EN16931,
            "comfort": Profile.EN16931,
        }.get(tail.group(1), Profile.UNKNOWN)
    if low == "urn:cen.eu:en16931:2017":
        return Profile.EN16931
    return Profile.UNKNOWN


def profile_finding(embedded: EmbeddedInvoice) -> Finding | None:
    """An error finding (AF-PROFILE-01) when the profile is not a complete invoice, else None."""
    reason = embedded.profile.rejection_reason
    if reason is None:
        return None
    return Finding(
        rule_id="AF-PROFILE-01",
        level=Level.ERROR,
        location=f"{embedded.filename}: Spezifikationskennung {embedded.guideline_id or '(leer)'}",
        message=reason,
        business_term="BT-24",
    )


def extract_embedded_invoice(pdf: bytes) -> EmbeddedInvoice:
    """Return the e-invoice embedded in a ZUGFeRD / Factur-X / XRechnung hybrid PDF.

    Raises:
        BrokenPdfError, EncryptedPdfError, NoEmbeddedInvoiceError, EmbeddedXmlError, TooLargeError.
    """
    reader = _open(pdf)
    candidates = _attachments(reader)
    if not candidates:
        raise NoEmbeddedInvoiceError("PDF enthält keine eingebetteten Dateien, also keine E-Rechnung.")
    for rank, name, att in sorted(candidates, key=lambda item: item[0]):
        data = _content(att, name)
        root = _parse(data, name, must=rank < len(KNOWN_NAMES))
        if root is None:
            continue
        guideline = _guideline_id(root)
        if guideline is None:
            if rank < len(KNOWN_NAMES):
                raise EmbeddedXmlError(
                    f"Eingebettete Datei {name!r} ist keine CII- oder UBL-Rechnung (Wurzel {root.tag})."
                )
            continue
        profile = Profile.ZUGFERD_1 if str(root.tag).endswith(_ZUGFERD1_ROOT) else detect_profile(guideline)
        log.debug("embedded invoice %s profile=%s guideline=%s", name, profile, guideline)
        return EmbeddedInvoice(data, name, profile, guideline, _relationship(att))
    names = ", ".join(sorted({name for _, name, _ in candidates}))
    raise NoEmbeddedInvoiceError(f"PDF enthält Anhänge ({names}), aber keine E-Rechnung (CII/UBL-XML).")


def _open(pdf: bytes) -> PdfReader:
    if not isinstance(pdf, (bytes, bytearray)):
        raise BrokenPdfError(f"PDF erwartet als Bytes, erhalten {type(pdf).__name__}.")
    if b"%PDF-" not in bytes(pdf[:1024]):
        raise BrokenPdfError("Datei ist kein PDF (Kennung %PDF- fehlt am Anfang).")
    try:
        reader = PdfReader(BytesIO(bytes(pdf)), strict=False)
        encrypted = reader.is_encrypted
    except Exception as exc:  # noqa: BLE001 - untrusted bytes: any parser failure means "damaged PDF"
        raise BrokenPdfError(f"PDF ist beschädigt und nicht lesbar: {exc}") from exc
    if encrypted:
        raise EncryptedPdfError("PDF ist verschlüsselt; eingebettete Rechnungsdaten werden nicht gelesen.")
    return reader


def _attachments(reader: PdfReader) -> list[tuple[int, str, EmbeddedFile]]:
    """All embedded files (name tree + catalog /AF) ranked: known names first, then other ``.xml``."""
    found: dict[str, EmbeddedFile] = {}
    try:
        for att in reader.attachment_list:
            found.setdefault(_name(att.name), att)
        af_ref = reader.root_object.get("/AF")
        af = af_ref.get_object() if af_ref is not None else None
        if isinstance(af, ArrayObject):
            for ref in af:
                spec = ref.get_object()
                if isinstance(spec, DictionaryObject) and "/EF" in spec:
                    name = _name(spec.get("/UF") or spec.get("/F") or "")
                    found.setdefault(name, EmbeddedFile(name=name, pdf_object=spec))
    except Exception as exc:  # noqa: BLE001 - untrusted bytes: any parser failure means "damaged PDF"
        raise BrokenPdfError(f"Anhänge des PDF sind beschädigt: {exc}") from exc
    ranked: list[tuple[int, str, EmbeddedFile]] = []
    for name, att in found.items():
        low = name.lower()
        if low in KNOWN_NAMES:
            ranked.append((KNOWN_NAMES.index(low), name, att))
        elif low.endswith(".xml"):
            rel = (_relationship(att) or "").lower()
            ranked.append(
                (len(KNOWN_NAMES) + (0 if rel in ("data", "alternative", "source") else 1), name, att)
            )
    return ranked


def _name(raw: object) -> str:
    """Attachment names may be text or raw bytes in damaged files; always return text."""
    if isinstance(raw, bytes):
        return raw.decode("latin-1")
    return str(raw)


def _content(att: EmbeddedFile, name: str) -> bytes:
    try:
        data = att.content
    except Exception as exc:  # noqa: BLE001 - untrusted bytes: any parser failure means "damaged PDF"
        raise BrokenPdfError(f"Eingebettete Datei {name!r} ist nicht lesbar: {exc}") from exc
    if not isinstance(data, bytes):
        raise BrokenPdfError(f"Eingebettete Datei {name!r} hat keinen lesbaren Inhalt.")
    if len(data) > MAX_XML_BYTES:
        raise TooLargeError(
            f"Eingebettete Datei {name!r} ist {len(data)} Bytes groß (Grenze {MAX_XML_BYTES})."
        )
    return bytes(data)


def _relationship(att: EmbeddedFile) -> str | None:
    try:
        rel = att.pdf_object.get("/AFRelationship")
    except Exception:  # noqa: BLE001 - a damaged dictionary just has no relationship
        return None
    return _name(rel).lstrip("/") if rel is not None else None


def _parse(data: bytes, name: str, *, must: bool) -> etree._Element | None:
    """Parse safely (xmlsafe); a broken known-name attachment is an error, a broken other ``.xml`` is skipped.

    DOCTYPE/entity declarations and oversized documents raise the xmlsafe errors in every case.
    """
    try:
        return parse_xml(data)
    except NotWellFormedError as exc:
        if must:
            raise EmbeddedXmlError(f"Eingebettete Datei {name!r}: {exc.reason}") from exc
        return None


def _guideline_id(root: etree._Element) -> str | None:
    """BT-24 of a CII / UBL / ZUGFeRD 1 root ("" when missing); None if the root is no invoice."""
    syntax = syntax_of(root)
    if syntax is not Syntax.UNKNOWN_XML:
        return customization_id(root, syntax) or ""
    if root.tag.endswith(_ZUGFERD1_ROOT):
        ids = root.xpath(
            "./*[local-name()='SpecifiedExchangedDocumentContext']"
            "/*[local-name()='GuidelineSpecifiedDocumentContextParameter']/*[local-name()='ID']/text()"
        )
        return str(ids[0]).strip() if ids else ""
    return None


def make_facturx_pdf(xml: bytes, *, title: str) -> bytes:
    """Build a small hybrid PDF for tests and samples: a text page with the main data plus the embedded XML.

    CII XML is embedded with the factur-x library as ``factur-x.xml`` (PDF/A-3 metadata, AFRelationship Data).
    UBL XML (which the library does not embed) is attached as ``xrechnung.xml`` with pypdf and listed in /AF.

    Raises:
        EmbeddedXmlError: ``xml`` is not a well-formed CII or UBL invoice.
    """
    from workflow.einvoice.render.pdf_page import text_pdf  # local: drawing is only needed when building

    root = _parse(xml, "xml", must=True)
    assert root is not None  # must=True raises instead of returning None
    if _guideline_id(root) is None:
        raise EmbeddedXmlError(f"XML ist keine CII- oder UBL-Rechnung (Wurzel {root.tag}).")
    visual = text_pdf(_summary_lines(root), title=title, heading=title)
    if syntax_of(root) is Syntax.CII:
        import facturx  # local: the library logs and imports a lot; reading does not need it

        return bytes(
            facturx.generate_from_binary(
                visual,
                xml,
                check_xsd=False,
                pdf_metadata={
                    "author": "Aktenfluss",
                    "keywords": "Factur-X, Rechnung",
                    "title": title,
                    "subject": title,
                },
                lang="de-DE",
            )
        )
    return _attach_with_pypdf(visual, xml, "xrechnung.xml")


def _attach_with_pypdf(pdf: bytes, data: bytes, name: str) -> bytes:
    from pypdf import PdfWriter
    from pypdf.generic import NameObject

    writer = PdfWriter(clone_from=BytesIO(pdf))
    att = writer.add_attachment(name, data)
    att.pdf_object[NameObject("/AFRelationship")] = NameObject("/Alternative")
    writer._root_object[NameObject("/AF")] = ArrayObject([writer._add_object(att.pdf_object)])
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


_SUMMARY_XPATHS: tuple[tuple[str, str], ...] = (
    (
        "Rechnungsnummer",
        ".//*[local-name()='ExchangedDocument']/*[local-name()='ID'] | ./*[local-name()='ID']",
    ),
    (
        "Datum",
        ".//*[local-name()='IssueDateTime']/*[local-name()='DateTimeString'] | ./*[local-name()='IssueDate']",
    ),
    (
        "Verkäufer",
        ".//*[local-name()='SellerTradeParty']/*[local-name()='Name']"
        " | ./*[local-name()='AccountingSupplierParty']//*[local-name()='RegistrationName']",
    ),
    (
        "Käufer",
        ".//*[local-name()='BuyerTradeParty']/*[local-name()='Name']"
        " | ./*[local-name()='AccountingCustomerParty']//*[local-name()='RegistrationName']",
    ),
    ("Leitweg-ID", ".//*[local-name()='BuyerReference']"),
    ("Zahlbetrag", ".//*[local-name()='DuePayableAmount'] | .//*[local-name()='PayableAmount']"),
)


def _summary_lines(root: etree._Element) -> list[str]:
    lines: list[str] = []
    for label, xpath in _SUMMARY_XPATHS:
        hits = root.xpath(xpath)
        if hits:
            lines.append(f"{label}: {(hits[0].text or '').strip()}")
    items = root.xpath(
        ".//*[local-name()='SpecifiedTradeProduct']/*[local-name()='Name']"
        " | ./*[local-name()='InvoiceLine' or local-name()='CreditNoteLine']"
        "/*[local-name()='Item']/*[local-name()='Name']"
    )
    if items:
        lines.append("")
        lines.append("Positionen:")
        lines.extend(f"  - {(item.text or '').strip()}" for item in items)
    lines.append("")
    lines.append("Diese Seite ist eine Ansicht; maßgeblich sind die eingebetteten XML-Rechnungsdaten.")
    return lines
