"""The Peppol BIS rules KoSIT merges into XRechnung (PEPPOL-EN16931-R*), declared as data."""

from __future__ import annotations

from decimal import Decimal

from lxml import etree

from workflow.einvoice.rules.checks import double_negative_zero, parse_date, rounded, total
from workflow.einvoice.rules.engine import Check, Node, Rule, to_decimal
from workflow.einvoice.rules.namespaces import NS_UBL
from workflow.einvoice.rules.paths import norm


def _currency_raws(n: Node, currency_term: str) -> list[str]:
    """Texts of the tax totals whose @currencyID equals the code, as written: the code as it is in CII (XPath '=',
    no trimming), whitespace-normalised in UBL (the UBL binding of R055 applies normalize-space to it)."""
    top = n.doc.top
    codes = top.raw(currency_term) if n.doc.syntax == "cii" else top.texts(currency_term)
    return [el.text or "" for el in top.elements("X-taxtotal-amount") if el.get("currencyID") in codes]


def _currency_amounts(n: Node, currency_term: str) -> list[Decimal | None]:
    """The amounts of ``_currency_raws`` (None where one is no decimal)."""
    return [to_decimal(raw) for raw in _currency_raws(n, currency_term)]


def _r053(n: Node) -> bool:
    if n.doc.syntax == "ubl":
        return sum(1 for t in n.doc.nodes("taxtotal") if t.has("subtotal")) == 1
    return len(_currency_amounts(n, "BT-5")) <= 1


def _r054(n: Node) -> bool:
    has6 = n.has("BT-6")
    if n.doc.syntax == "ubl":
        return sum(1 for t in n.doc.nodes("taxtotal") if not t.has("subtotal")) == (1 if has6 else 0)
    codes = n.raw("BT-5")
    # XPath general comparison, values as they are: a tax total without currency, or a document without currency
    # code, is no "other"
    others = [
        el
        for el in n.doc.top.elements("X-taxtotal-amount")
        if el.get("currencyID") is not None and any(el.get("currencyID") != c for c in codes)
    ]
    return len(others) == (1 if has6 else 0)


def _signs(raw: str) -> tuple[bool, bool, bool] | None:
    """(< 0, <= 0, >= 0) of an untyped amount compared with 0 as the official Saxon answers: '-0.00' is negative
    (see ``double_negative_zero``); None if it is no number."""
    d = to_decimal(raw)
    if d is None:
        return None
    if double_negative_zero(raw):
        return True, True, False
    return d < 0, d <= 0, d >= 0


def _r055(n: Node) -> bool:
    if not n.has("BT-6"):
        return True
    doc_signs = [x for x in map(_signs, _currency_raws(n, "BT-5")) if x is not None]
    acc_signs = [x for x in map(_signs, _currency_raws(n, "BT-6")) if x is not None]
    if n.doc.syntax == "cii" and not doc_signs:
        return True  # CII: only a tax total in the document currency asks for the sign rule
    if not doc_signs or not acc_signs:
        return False
    (doc_lt, doc_le, doc_ge), (acc_lt, acc_le, acc_ge) = doc_signs[0], acc_signs[0]
    if n.doc.syntax == "ubl":  # both <= 0 or both >= 0 (a zero goes with either sign)
        return (doc_le and acc_le) or (doc_ge and acc_ge)
    return (doc_lt and acc_lt) or (doc_ge and acc_ge)


_CII_DELIVERY = (
    "{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}"
    "ApplicableHeaderTradeDelivery"
)


# leaves first: cheap; "/descendant::*" selects the same elements as "//*" without visiting text nodes
_EMPTY = etree.XPath("/descendant::*[not(*)][not(normalize-space())]")


def _empty_elements(n: Node) -> bool:
    """No element without child elements and text (CII: the mandatory delivery group may stay empty).

    The validator's syntax-rule walk finds these elements on its way (``Document.empty_elements``); without it
    one XPath search does."""
    found = n.doc.empty_elements
    if found is None:
        found = _EMPTY(n.el)
    return all(el.tag == _CII_DELIVERY for el in found)


def _tolerance(n: Node) -> Decimal:
    return Decimal("0.5") if n.doc.top.text("BT-5") == "HUF" else Decimal("0.02")


def _pct_without_base(n: Node) -> bool:
    return n.has("percent") and not n.has("base")


def _base_without_pct(n: Node) -> bool:
    return n.has("base") and not n.has("percent")


def _r040(n: Node) -> bool:
    base, pct, amount = n.dec("base"), n.dec("percent"), n.dec("amount")
    if base is None or pct is None:
        return not (n.has("base") and n.has("percent"))
    if amount is None:
        if n.has("amount"):
            return False
        amount = Decimal(0)  # both bindings: 'if (amount) then amount else 0'
    return abs(amount - base * pct / 100) <= _tolerance(n)


def _r043(n: Node) -> bool:
    return all(norm(t) in ("true", "false") for t in n.raw("X-indicator")) and n.has("X-indicator")


def _ac_plain(n: Node) -> bool:
    """Allowances/charges not already taken by the R041/R042 rules (first match in the Peppol pattern)."""
    return not _pct_without_base(n) and not _base_without_pct(n)


def _all_ac(n: Node) -> list[Node]:
    return n.doc.nodes("any_ac") + n.doc.nodes("line_any_ac")


def _r044(n: Node) -> bool:
    if n.doc.syntax == "ubl":
        return norm(n.text("X-indicator")) == "false"
    # CII: with a discount amount, the indicator text is 'false' (a missing indicator fails)
    return not n.has("discount") or "false" in n.raw("X-indicator")


def _r046(n: Node) -> bool:
    if n.doc.syntax == "ubl":
        base = n.dec("base")
        if base is None:
            return True
        from workflow.einvoice.rules.bindings import NS_UBL

        net = to_decimal(n.el.getparent().findtext(f"{{{NS_UBL['cbc']}}}PriceAmount"))
        amount = n.dec("amount")
        return net is not None and amount is not None and net == base - amount
    gross = n.dec("amount")
    if gross is None:
        return True
    line = n.el.getparent()
    from workflow.einvoice.rules.bindings import NS_CII

    net = to_decimal(
        line.findtext(f"{{{NS_CII['ram']}}}NetPriceProductTradePrice/{{{NS_CII['ram']}}}ChargeAmount")
    )
    # the binding subtracts the FIRST ActualAmount of each price allowance ('AppliedTradeAllowanceCharge/
    # ram:ActualAmount[1]'); more than one allowance makes its xs:decimal() fail (no verdict to match)
    ram = NS_CII["ram"]
    firsts = (ac.find(f"{{{ram}}}ActualAmount") for ac in n.el.iterchildren(f"{{{ram}}}AppliedTradeAllowanceCharge"))
    discount = sum((to_decimal(a.text) or Decimal(0) for a in firsts if a is not None), Decimal(0))
    return net is not None and net == gross - discount


def _r101(n: Node) -> bool:
    types = n.raw("X-docref-type")  # compared as written (XPath =)
    return (
        len(types) == len(n.vals("BT-128")) and all(t == "130" for t in types)
        if n.has("BT-128")
        else all(t == "130" for t in types)
    )


def _in_period(which: str) -> Check:
    """R110: a line start is not before the invoice period start; R111: a line end not after its end."""

    def check(n: Node) -> bool:
        periods = n.doc.nodes("period")
        if n.doc.syntax == "cii":
            # the CII binding compares the date strings as text, whatever their format
            marker = "X-" + which
            if not n.has(marker) or not any(p.has(marker) for p in periods):
                return True
            bounds = [b for p in periods for b in p.raw(which)]
            own_texts = n.raw(which)
            if which == "start":
                return any(o >= b for o in own_texts for b in bounds)
            return any(o <= b for o in own_texts for b in bounds)
        own = parse_date(n.text(which), n.doc.syntax)
        if not periods or own is None:
            return True
        bound = parse_date(periods[0].text(which), n.doc.syntax)
        if bound is None:
            return True
        return own >= bound if which == "start" else own <= bound

    return check


def _given(n: Node, term: str, default: Decimal) -> Decimal | None:
    """The term's value, ``default`` when the term is absent (None: present but not a decimal)."""
    return n.dec(term) if n.has(term) else default


def _r120(n: Node) -> bool:
    """Line net = quantity x (net price / base quantity) + charges - allowances, within the slack; as the official
    rule, an absent amount counts as 0, an absent quantity or a base quantity absent or 0 as 1 (CII falls back
    to the gross price's base quantity), and the charge and allowance sums are rounded to cents first."""
    net = _given(n, "BT-131", Decimal(0))
    qty = _given(n, "BT-129", Decimal(1))
    price = _given(n, "BT-146", Decimal(0))
    if net is None or qty is None or price is None:
        return False
    bq = Decimal(1)
    for term in ("BT-149", "X-gross-basis") if n.doc.syntax == "cii" else ("BT-149",):
        if n.has(term):
            b = n.dec(term)
            if b is None:
                return False
            if b != 0:
                bq = b
                break
    charges = rounded(total(n.children("line_charge"), "amount"))
    allowances = rounded(total(n.children("line_allowance"), "amount"))
    expected = qty * (price / bq) + charges - allowances
    return abs(net - expected) <= _tolerance(n)


def _r121(n: Node) -> bool:
    if n.doc.syntax == "ubl":
        bq = n.vals("BT-149")
        quantity = n.dec("BT-149")
        return not bq or (quantity is not None and quantity > 0)
    bases = [x for p in n.children("net_price") + n.children("gross_price") for x in p.vals("basis")]
    return all((to_decimal(b.text if not isinstance(b, str) else b) or 0) > 0 for b in bases)


_CBC = NS_UBL["cbc"]
_UBL_BASE_QUANTITY = f"{{{_CBC}}}BaseQuantity"
_UBL_QUANTITIES = (f"{{{_CBC}}}InvoicedQuantity", f"{{{_CBC}}}CreditedQuantity")


def _r130_ubl(n: Node) -> bool:
    """UBL: every cac:Price/cbc:BaseQuantity with a unit, of the line and of its sub-lines (extension, any depth),
    has the unit of its own line's quantity (the Invoice's invoiced, the credit note's credited quantity), where
    that line has a quantity."""
    wanted = _UBL_QUANTITIES[0] if n.doc.doc_type == "Invoice" else _UBL_QUANTITIES[1]
    for bq in n.el.iter(_UBL_BASE_QUANTITY):
        unit = bq.get("unitCode")
        price = bq.getparent()
        if unit is None or price is None or etree.QName(price).localname != "Price":
            continue
        line = price.getparent()
        if line is None or not any(c.tag in _UBL_QUANTITIES for c in line):
            continue
        if not any(c.tag == wanted and c.get("unitCode") == unit for c in line):
            return False
    return True


def _r130(n: Node) -> bool:
    if n.doc.syntax == "ubl":
        return _r130_ubl(n)
    qty_units = n.vals("BT-130")
    bq = [x for p in n.children("net_price") + n.children("gross_price") for x in p.elements("basis")]
    return all(el.get("unitCode") is None or (qty_units and el.get("unitCode") == qty_units[0]) for el in bq)


RULES: tuple[Rule, ...] = (
    Rule("PEPPOL-EN16931-R001", "doc", lambda n: n.has("BT-23"), "BT-23"),
    Rule(
        "PEPPOL-EN16931-R005", "doc", lambda n: not n.has("BT-6") or n.text("BT-6") != n.text("BT-5"), "BT-6"
    ),
    Rule("PEPPOL-EN16931-R008", "doc", _empty_elements, None),
    Rule("PEPPOL-EN16931-R053", "doc", _r053, "BT-110"),
    Rule("PEPPOL-EN16931-R054", "doc", _r054, "BT-111"),
    Rule("PEPPOL-EN16931-R055", "doc", _r055, "BT-111"),
    Rule("PEPPOL-EN16931-R010", "buyer", lambda n: n.has("endpoint"), "BT-49"),
    Rule("PEPPOL-EN16931-R020", "seller", lambda n: n.has("endpoint"), "BT-34"),
    *(
        Rule(rid, grp, check, term, where=where)
        for grp in ("any_ac", "line_any_ac")
        for rid, check, term, where in (
            ("PEPPOL-EN16931-R041", lambda n: False, "BT-93", _pct_without_base),
            ("PEPPOL-EN16931-R042", lambda n: False, "BT-94", _base_without_pct),
            ("PEPPOL-EN16931-R040", _r040, "BT-92", _ac_plain),
        )
    ),
    Rule("PEPPOL-EN16931-R043", "any_ac", _r043, None, where=_ac_plain, syntax="ubl"),
    Rule("PEPPOL-EN16931-R043", "line_any_ac", _r043, None, where=_ac_plain, syntax="ubl"),
    Rule("PEPPOL-EN16931-R043-1", "any_ac", _r043, None, where=_ac_plain, syntax="cii"),
    Rule("PEPPOL-EN16931-R043-1", "line_any_ac", _r043, None, where=_ac_plain, syntax="cii"),
    Rule("PEPPOL-EN16931-R043-2", "price_ac", _r043, None, syntax="cii"),
    Rule("PEPPOL-EN16931-R044", "price_ac", _r044, "BT-147", syntax="ubl"),
    Rule("PEPPOL-EN16931-R044", "gross_price", _r044, "BT-147", syntax="cii"),
    Rule("PEPPOL-EN16931-R046", "price_ac", _r046, "BT-146", syntax="ubl"),
    Rule("PEPPOL-EN16931-R046", "gross_price", _r046, "BT-146", syntax="cii"),
    Rule(
        "PEPPOL-EN16931-R061",
        "payment",
        lambda n: n.doc.top.has("BT-89"),
        "BT-89",
        where=lambda n: n.text("BT-81") in ("49", "59"),
    ),
    Rule("PEPPOL-EN16931-R101", "line", _r101, "BT-128"),
    Rule("PEPPOL-EN16931-R110", "line_period", _in_period("start"), "BT-134"),
    Rule("PEPPOL-EN16931-R111", "line_period", _in_period("end"), "BT-135"),
    Rule("PEPPOL-EN16931-R120", "line", _r120, "BT-131"),
    Rule("PEPPOL-EN16931-R121", "line", _r121, "BT-149"),
    Rule("PEPPOL-EN16931-R130", "line", _r130, "BT-150"),
)
