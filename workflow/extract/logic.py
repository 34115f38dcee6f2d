"""Pure extraction decisions on bytes: is this an XML e-invoice, a hybrid PDF, or a document for text/OCR."""
from __future__ import annotations

import json
from dataclasses import dataclass

from workflow.einvoice.detect import Syntax, syntax_of
from workflow.einvoice.xmlsafe import parse_xml
from workflow.errors import BadInputError


@dataclass(frozen=True, slots=True)
class XmlInvoice:
    syntax: str
    profile: str | None = None
    filename: str | None = None


class NotAnInvoiceXmlError(BadInputError):
    """Well-formed XML, but neither a UBL Invoice/CreditNote nor a CII invoice."""

    fix = "Nur XRechnung/EN 16931 (UBL oder CII) als XML einliefern; andere XML-Dateien als Anlage zu einem Vorgang."


def classify_xml(data: bytes, filename: str) -> XmlInvoice:
    """Parse safely (no DOCTYPE, limits) and say which e-invoice syntax it is. Raises BadInputError subclasses."""
    root = parse_xml(data)
    syntax = syntax_of(root)
    if syntax in (Syntax.UNKNOWN_XML, Syntax.NOT_XML):
        local = root.tag.rsplit("}", 1)[-1]
        raise NotAnInvoiceXmlError(f"{filename}: XML-Dokument <{local}> ist keine E-Rechnung (UBL/CII)")
    return XmlInvoice(syntax=str(syntax))


def embedded_invoice(pdf: bytes) -> tuple[bytes, XmlInvoice] | None:
    """The invoice XML inside a ZUGFeRD/Factur-X PDF, or None for a plain PDF (text/OCR path)."""
    from workflow.einvoice.facturx import NoEmbeddedInvoiceError, extract_embedded_invoice

    try:
        emb = extract_embedded_invoice(pdf)
    except NoEmbeddedInvoiceError:
        return None
    root = parse_xml(emb.xml)
    return emb.xml, XmlInvoice(syntax=str(syntax_of(root)), profile=str(emb.profile), filename=emb.filename)


def pages_json(pages: list[dict[str, object]]) -> bytes:
    return json.dumps({"pages": pages}, ensure_ascii=False).encode("utf-8")


def pages_from_json(data: bytes) -> list[dict[str, object]]:
    return list(json.loads(data)["pages"])


def full_text(pages: list[dict[str, object]]) -> str:
    return "\n\f\n".join(str(p.get("text") or "") for p in pages)
