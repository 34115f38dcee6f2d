"""Build the syntax-neutral Invoice model from a parsed UBL or CII tree, through the shared term bindings.

Tolerant by design: a missing or unreadable value becomes None (or an empty tuple); it never raises on a
well-formed document, whatever the validation verdict.
"""

from __future__ import annotations

import base64
import binascii
from datetime import date
from decimal import Decimal

from lxml import etree

from schemas import invoice as model
from schemas.invoice import Invoice
from workflow.einvoice.modelmake import maker
from workflow.einvoice.rules.checks import parse_date
from workflow.einvoice.rules.engine import Document, Node, to_decimal
from workflow.einvoice.rules.paths import norm, text_of
from workflow.einvoice.structure.datatypes import strict_base64, without_space

# the model's classes as ``maker`` builds their objects (the same objects, without the frozen dataclasses'
# generated __init__, which costs more than reading the terms of a line; see ``modelmake``)
Address = maker(model.Address)
AllowanceCharge = maker(model.AllowanceCharge)
Attachment = maker(model.Attachment)
CardPayment = maker(model.CardPayment)
Contact = maker(model.Contact)
CreditTransfer = maker(model.CreditTransfer)
Delivery = maker(model.Delivery)
DirectDebit = maker(model.DirectDebit)
DocumentTotals = maker(model.DocumentTotals)
Identifier = maker(model.Identifier)
InvoiceLine = maker(model.InvoiceLine)
ItemAttribute = maker(model.ItemAttribute)
Note = maker(model.Note)
Party = maker(model.Party)
Payee = maker(model.Payee)
PaymentInstructions = maker(model.PaymentInstructions)
Period = maker(model.Period)
PrecedingInvoice = maker(model.PrecedingInvoice)
TaxRepresentative = maker(model.TaxRepresentative)
VatBreakdown = maker(model.VatBreakdown)
_Invoice = maker(Invoice)


def _s(n: Node | None, term: str) -> str | None:
    return n.text(term) if n is not None else None


def _d(n: Node | None, term: str) -> Decimal | None:
    return n.dec(term) if n is not None else None


def _date(n: Node | None, term: str) -> date | None:
    return parse_date(n.text(term), n.doc.syntax) if n is not None else None


def _ident(n: Node | None, term: str) -> model.Identifier | None:
    if n is None:
        return None
    vals = n.vals(term)
    if not vals:
        return None
    v = vals[0]
    scheme = v.get("schemeID") if not isinstance(v, str) else None
    return Identifier(norm(text_of(v)), scheme)


def _idents(n: Node, term: str, attr: str = "schemeID") -> tuple[model.Identifier, ...]:
    return tuple(
        [Identifier(norm(text_of(v)), v.get(attr) if not isinstance(v, str) else None) for v in n.vals(term)]
    )


def _first(nodes: list[Node]) -> Node | None:
    return nodes[0] if nodes else None


def _address(n: Node | None) -> model.Address | None:
    if n is None:
        return None
    return Address(
        n.text("BT-35"),
        n.text("BT-36"),
        n.text("BT-162"),
        n.text("BT-37"),
        n.text("BT-38"),
        n.text("BT-39"),
        n.text("BT-40"),
    )


def _party(doc: Document, group: str) -> model.Party | None:
    n = _first(doc.nodes(group))
    if n is None:
        return None
    contact = _first(doc.nodes(f"{group}_contact"))
    return Party(
        name=n.text("name"),
        trading_name=n.text("trading_name"),
        identifiers=_idents(n, "ids"),
        legal_registration_id=_ident(n, "legal_id"),
        vat_id=n.text("vat_id"),
        tax_registration_id=n.text("tax_no") if group == "seller" else None,
        legal_info=n.text("legal_info") if group == "seller" else None,
        electronic_address=_ident(n, "endpoint"),
        address=_address(_first(doc.nodes(f"{group}_address"))),
        contact=Contact(_s(contact, "BT-41"), _s(contact, "BT-42"), _s(contact, "BT-43"))
        if contact
        else None,
    )


def _ac(n: Node, is_charge: bool) -> model.AllowanceCharge:
    return AllowanceCharge(
        is_charge=is_charge,
        amount=n.dec("amount"),
        base_amount=n.dec("base"),
        percentage=n.dec("percent"),
        vat_category=n.text("category") if "category" in n.doc.table[n.group][2] else None,
        vat_rate=n.dec("rate") if "rate" in n.doc.table[n.group][2] else None,
        reason=n.text("reason"),
        reason_code=n.text("reason_code"),
    )


def _acs(nodes_allow: list[Node], nodes_charge: list[Node]) -> tuple[model.AllowanceCharge, ...]:
    return tuple([_ac(x, False) for x in nodes_allow] + [_ac(x, True) for x in nodes_charge])


def _payment(doc: Document) -> model.PaymentInstructions | None:
    means = doc.nodes("payment")
    top = doc.top
    if not means:
        return None
    m = means[0]
    transfers = []
    for pm in means:
        for ct in pm.children("credit_transfer"):
            account = ct.text("BT-84")
            if account:
                bic = ct.text("BT-86") if "BT-86" in doc.table["credit_transfer"][2] else pm.text("BT-86")
                transfers.append(CreditTransfer(account, ct.text("BT-85"), bic))
    card_node = _first(m.children("card"))
    card = CardPayment(card_node.text("BT-87") or "", card_node.text("BT-88")) if card_node else None
    mandate, debtor, creditor = top.text("BT-89"), top.text("X-debtor-iban"), top.text("BT-90")
    debit = DirectDebit(mandate, creditor, debtor) if (mandate or debtor) else None
    remittance = m.text("BT-83") if "BT-83" in doc.table["payment"][2] else top.text("BT-83")
    return PaymentInstructions(m.text("BT-81"), m.text("BT-82"), remittance, tuple(transfers), card, debit)


def _decoded(compact: bytes, *, strict_tried: bool = False) -> bytes | None:
    """``b64decode(compact, validate=True)``, None where it raises. The strict decoder (one pass in C) accepts
    only what that accepts, with the same bytes; whatever it rejects (or rejected already: ``strict_tried``) goes
    the regular way (which decides)."""
    if not strict_tried:
        try:
            return binascii.a2b_base64(compact, strict_mode=True)
        except binascii.Error:
            pass
    try:
        return base64.b64decode(compact, validate=True)
    except (binascii.Error, ValueError):
        return None


_UNREAD = object()


def _content(text: str) -> bytes | None:
    """``_decoded(without_space(text))``. An attachment without whitespace (the usual one) is decoded as it is
    (``strict_base64``): the strict decoder takes no whitespace, so where it succeeds on the text, removing
    whitespace first would have changed nothing; anything else goes the regular way."""
    content = strict_base64(text)
    if content is not None:
        return content
    compact = without_space(text)  # None: non-ASCII characters, not base64
    if compact is None:
        return None
    return _decoded(compact, strict_tried=len(compact) == len(text))  # no whitespace: the same text was tried


def _attachment(n: Node) -> model.Attachment:
    content, mime, filename = None, None, None
    els = n.elements("BT-125")
    if els:
        el = els[0]
        mime, filename = el.get("mimeCode"), el.get("filename")
        content = n.doc.decoded.get(el)  # ``_content`` of its text, when the schema check decoded it already
        if content is None:
            text = n.doc.texts.get(el, _UNREAD)  # the schema check's copy of a large text, if it read one
            content = _content((el.text if text is _UNREAD else text) or "")  # type: ignore[arg-type]  # a str
    return Attachment(n.text("BT-122"), n.text("BT-123"), n.text("BT-124"), content, mime, filename)


def _line(n: Node) -> model.InvoiceLine:
    period = _first(n.children("line_period"))
    allow = [x for x in n.children("line_allowance")]
    charge = [x for x in n.children("line_charge")]
    attrs = tuple([ItemAttribute(a.text("BT-160") or "", a.text("BT-161")) for a in n.children("item_attr")])
    return InvoiceLine(
        line_id=n.text("BT-126"),
        note=n.text("BT-127"),
        object_id=_ident(n, "BT-128"),
        quantity=n.dec("BT-129"),
        unit_code=n.text("BT-130"),
        net_amount=n.dec("BT-131"),
        order_line_reference=n.text("BT-132"),
        accounting_reference=n.text("BT-133"),
        period=Period(_date(period, "start"), _date(period, "end")) if period else None,
        allowances_charges=_acs(allow, charge),
        net_price=n.dec("BT-146"),
        price_discount=n.dec("BT-147"),
        gross_price=n.dec("BT-148"),
        price_base_quantity=n.dec("BT-149"),
        price_base_unit_code=n.text("BT-150"),
        vat_category=n.text("BT-151"),
        vat_rate=n.dec("BT-152"),
        item_name=n.text("BT-153"),
        item_description=n.text("BT-154"),
        seller_item_id=n.text("BT-155"),
        buyer_item_id=n.text("BT-156"),
        standard_item_id=_ident(n, "BT-157"),
        classifications=_idents(n, "BT-158", "listID"),
        origin_country=n.text("BT-159"),
        attributes=attrs,
    )


def _notes(doc: Document) -> tuple[model.Note, ...]:
    out = []
    for n in doc.nodes("note"):
        text = n.text("text") or ""
        code = n.text("code") if "code" in doc.table["note"][2] else None
        if code is None and text.startswith("#") and text.count("#") >= 2:
            code, _, text = text[1:].partition("#")
        out.append(Note(text, code))
    return tuple(out)


def _tax_total(doc: Document, currency: str | None) -> Decimal | None:
    for el in doc.top.elements("X-taxtotal-amount"):
        if currency is not None and (el.get("currencyID") or "").strip() == currency:
            return to_decimal(el.text)
    return None


def extract_invoice(root: etree._Element, syntax: str, source: str) -> Invoice:
    """The Invoice model of a UBL (``syntax='ubl'``) or CII (``'cii'``) tree."""
    with Document(root, syntax) as doc:
        return invoice_from_document(doc, source)


def invoice_from_document(doc: Document, source: str) -> Invoice:
    """The Invoice model read through ``doc``; the validator passes the document its rules use, so each
    term is looked up once for both."""
    top = doc.top
    totals = _first(doc.nodes("totals"))
    currency, vat_currency = top.text("BT-5"), top.text("BT-6")
    delivery = _first(doc.nodes("delivery"))
    period = _first(doc.nodes("period"))
    payee = _first(doc.nodes("payee"))
    taxrep = _first(doc.nodes("taxrep"))
    return _Invoice(
        source=source,
        invoice_number=top.text("BT-1"),
        issue_date=_date(top, "BT-2"),
        type_code=top.text("BT-3"),
        currency=currency,
        vat_accounting_currency=vat_currency,
        tax_point_date=_date(top, "BT-7"),
        vat_date_code=top.text("BT-8"),
        due_date=_date(top, "BT-9"),
        buyer_reference=top.text("BT-10"),
        project_reference=top.text("BT-11"),
        contract_reference=top.text("BT-12"),
        order_reference=top.text("BT-13"),
        sales_order_reference=top.text("BT-14"),
        receiving_advice_reference=top.text("BT-15"),
        despatch_advice_reference=top.text("BT-16"),
        tender_reference=top.text("BT-17"),
        invoiced_object_id=_ident(top, "BT-18"),
        buyer_accounting_reference=top.text("BT-19"),
        payment_terms="\n".join([t.strip() for t in top.raw("BT-20")]) or None,
        notes=_notes(doc),
        process_id=top.text("BT-23"),
        specification_id=top.text("BT-24"),
        preceding_invoices=tuple(
            [PrecedingInvoice(p.text("BT-25") or "", _date(p, "BT-26")) for p in doc.nodes("preceding")]
        ),
        seller=_party(doc, "seller"),
        buyer=_party(doc, "buyer"),
        payee=Payee(payee.text("name"), _ident(payee, "ids"), _ident(payee, "legal_id")) if payee else None,
        tax_representative=TaxRepresentative(
            taxrep.text("name"), taxrep.text("vat_id"), _address(_first(doc.nodes("taxrep_address")))
        )
        if taxrep
        else None,
        delivery=Delivery(
            _s(delivery, "BT-70"),
            _ident(delivery, "BT-71"),
            _date(delivery, "BT-72"),
            _address(_first(doc.nodes("deliver_address"))),
        )
        if delivery is not None
        else None,
        invoice_period=Period(_date(period, "start"), _date(period, "end")) if period else None,
        payment_instructions=_payment(doc),
        allowances_charges=_acs(doc.nodes("allowance"), doc.nodes("charge")),
        totals=DocumentTotals(
            _d(totals, "BT-106"),
            _d(totals, "BT-107"),
            _d(totals, "BT-108"),
            _d(totals, "BT-109"),
            _tax_total(doc, currency),
            _tax_total(doc, vat_currency) if vat_currency != currency else None,
            _d(totals, "BT-112"),
            _d(totals, "BT-113"),
            _d(totals, "BT-114"),
            _d(totals, "BT-115"),
        ),
        vat_breakdowns=tuple(
            [
                VatBreakdown(
                    v.dec("BT-116"),
                    v.dec("BT-117"),
                    v.text("BT-118"),
                    v.dec("BT-119"),
                    v.text("BT-120"),
                    v.text("BT-121"),
                )
                for v in doc.nodes("vat")
            ]
        ),
        attachments=tuple([_attachment(a) for a in doc.nodes("attachment")]),
        lines=tuple([_line(x) for x in doc.nodes("line")]),
    )
