"""XRechnung national rules (BR-DE-*, BR-DEX-*, BR-TMP-*, BR-DE-CVD-*) and CII BR-CO-27, as data."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Callable

from workflow.einvoice.data_files import codelist
from workflow.einvoice.rules.checks import filled, group, has, max_decimals, rounded, total
from workflow.einvoice.rules.engine import Node, Rule, to_decimal
from workflow.einvoice.rules.namespaces import NS_CII, NS_UBL
from workflow.einvoice.rules.paths import norm, text_of
from workflow.einvoice.rules.vat_rules import used_categories

SKONTO = re.compile(r"#(SKONTO)#TAGE=([0-9]+#PROZENT=[0-9]+\.[0-9]{2})(#BASISBETRAG=-?[0-9]+\.[0-9]{2})?#")
# exactly one '@' and no white space; the domain has at least two labels, none empty (XRechnung 2.5.0 BR-DE-28)
_EMAIL = re.compile(r"[^@ \t\r\n]+@(?:[^@. \t\r\n]+\.)+[^@. \t\r\n]+")  # XPath's \s: XML whitespace only
# XRechnung's URL pattern '^([a-zA-Z])([a-zA-Z0-9+.-])+:.*' is a prefix test (matches(), '.*' may be empty): a
# scheme of two or more characters and a colon at the very start, anything after it
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]+:")
_IBAN = {"ubl": "BT-84", "cii": "X-iban"}  # CII: only the IBAN element is checked, not a proprietary id
XR_ID = "urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0"
_DE16 = ("S", "Z", "E", "AE", "K", "G", "L", "M")


# the XRechnung shape: upper-case country letters, two check digits, then letters of either case or digits
_IBAN_SHAPE = re.compile(r"[A-Z]{2}[0-9]{2}[a-zA-Z0-9]{0,30}")
_XPATH_BLANKS = re.compile(r"[ \t\n\r]")


def _iban_digit(ch: str) -> str:
    """The official digit expansion: a code point above 64 counts as code point - 55, so A=10 .. Z=35 but a
    lower-case letter expands to a different number (a=42) and fails the check digits."""
    cp = ord(ch)
    return str(cp - 55 if cp > 64 else cp - 48)


def iban_ok(value: str) -> bool:
    """ISO 13616 check as BR-DE-19/20 state it: blanks removed, shape, mod 97 == 1 (country letters upper-cased
    for the sum only)."""
    v = _XPATH_BLANKS.sub("", value)
    if not _IBAN_SHAPE.fullmatch(v):
        return False
    return int("".join(_iban_digit(ch) for ch in v[4:] + v[:2].upper() + v[2:4])) % 97 == 1


def _all_and_some(values: list[str], ok: Callable[[str], bool]) -> bool:
    """The official pattern test runs on the value even when it is absent: no value fails like a bad one."""
    return bool(values) and all(ok(v) for v in values)


_UBL_TERMS_NOTE = (f"{{{NS_UBL['cac']}}}PaymentTerms", f"{{{NS_UBL['cbc']}}}Note")
_CII_TERMS_NOTE = (
    f"{{{NS_CII['rsm']}}}SupplyChainTradeTransaction",
    f"{{{NS_CII['ram']}}}ApplicableHeaderTradeSettlement",
    f"{{{NS_CII['ram']}}}SpecifiedTradePaymentTerms",
    f"{{{NS_CII['ram']}}}Description",
)
_AFTER_LAST_ENTRY = re.compile(r"#.+#")  # '.' stops at a line break, as in XPath
_LINE_BREAK_NEXT = re.compile(r"[ \t\r\n]*\n")  # XPath '^\s*\n'


def _first_terms_notes(n: Node) -> list[str]:
    """The first note (UBL cbc:Note[1], CII ram:Description[1]) of each payment terms element, as written."""
    steps = _UBL_TERMS_NOTE if n.doc.syntax == "ubl" else _CII_TERMS_NOTE
    holders = [n.doc.root]
    for tag in steps[:-1]:
        holders = [c for h in holders for c in h.iterchildren(tag)]
    firsts = (next(h.iterchildren(steps[-1]), None) for h in holders)
    return [text_of(f) for f in firsts if f is not None]


def ends_entries_with_break(text: str) -> bool:
    """The text after the last '#...#' entry begins with a line break (blanks before it allowed), as BR-DE-18's
    binding reads a payment terms note: ``matches(tokenize(., '#.+#')[last()], '^\\s*\\n')``."""
    return _LINE_BREAK_NEXT.match(_AFTER_LAST_ENTRY.split(text)[-1]) is not None


def _skonto(n: Node) -> bool:
    """BR-DE-18 as bound: every line of the first payment terms note that starts with '#' (after blanks) is a
    Skonto entry once its blanks are normalised, and the text after the last '#...#' begins with a line break
    (blanks before it allowed): an entry must end with a line break. Without a '#' line nothing is required."""
    notes = _first_terms_notes(n)
    lines = [line for text in notes for line in re.split(r"\r?\n", text) if norm(line).startswith("#")]
    if not lines:
        return True
    if not all(SKONTO.fullmatch(norm(line)) for line in lines):
        return False
    return all(ends_entries_with_break(text) for text in notes)


def _de16(n: Node) -> bool:
    # the CII binding reads the categories of the lines only (its allowance/charge branch compares the whole
    # tax category element with 'VAT', which does not hold for a filled one)
    used: set[str | None]
    if n.doc.syntax == "cii":
        used = {code for x in n.doc.nodes("line") for code in x.texts("BT-151-VAT-exact")}
    else:
        used = set(used_categories(n))
    if not (used & set(_DE16)):
        return True
    d = n.doc
    if d.syntax == "ubl":  # any filled PartyTaxScheme/CompanyID of the seller, whatever its scheme
        return any(s.filled("X-tax-ids") for s in d.nodes("seller")) or bool(d.nodes("taxrep"))
    return any(s.filled("X-vat-id-norm") or s.filled("X-tax-no-norm") for s in d.nodes("seller")) or \
        bool(d.nodes("taxrep"))


_UBL_DOC_REF = f"{{{NS_UBL['cac']}}}AdditionalDocumentReference"
_UBL_EMBEDDED = f"{{{NS_UBL['cac']}}}Attachment/{{{NS_UBL['cbc']}}}EmbeddedDocumentBinaryObject"
_CII_DOC_REF = f"{{{NS_CII['ram']}}}AdditionalReferencedDocument"
_CII_EMBEDDED = f"{{{NS_CII['ram']}}}AttachmentBinaryObject"


def _unique_filenames(n: Node) -> bool:
    """BR-DE-22: no referenced document has an attachment file name of a preceding sibling document (UBL: the
    document's own references; CII: every AdditionalReferencedDocument, compared with its siblings). Two
    attachments inside one document are not compared."""
    root = n.doc.root
    if n.doc.syntax == "ubl":
        groups = [list(root.iterchildren(_UBL_DOC_REF))]
        embedded = _UBL_EMBEDDED
    else:
        parents = {id(d.getparent()): d.getparent() for d in root.iter(_CII_DOC_REF)}
        groups = [list(p.iterchildren(_CII_DOC_REF)) for p in parents.values()]
        embedded = _CII_EMBEDDED
    for docs in groups:
        seen: set[str] = set()
        for doc in docs:
            names = {el.get("filename") for el in doc.iterfind(embedded)} - {None}
            if names & seen:
                return False
            seen |= names  # type: ignore[arg-type]
    return True


def _code_in(n: Node, codes: tuple[str, ...]) -> bool:
    return n.text("BT-81") in codes


def _de30(n: Node) -> bool:
    """UBL: a mandate asks for the creditor id (BT-90). CII: once any of mandate reference (BT-89), creditor id
    (BT-90) or debited IBAN (BT-91) is there, the creditor id and one of the other two must be."""
    if n.doc.syntax == "ubl":
        return not n.has("X-debtor") or n.has("BT-90")
    h89, h90, h91 = n.has("BT-89"), n.has("BT-90"), n.has("X-debtor-iban")
    return not (h89 or h90 or h91) or ((h89 or h91) and h90)


def _direct_debit_given(n: Node) -> bool:
    """The payment means' direct debit part as the bindings read it. UBL: a mandate (BG-19). CII: a mandate
    reference (BT-89) or creditor id (BT-90) in the document, or a debited IBAN (BT-91) in this payment means."""
    if n.doc.syntax == "ubl":
        return n.has("BG-19")
    top = n.doc.top
    return top.has("BT-89") or top.has("BT-90") or n.has("BT-91")


def _de23b(n: Node) -> bool:
    return not n.has("BG-18") and not _direct_debit_given(n)


def _de24b(n: Node) -> bool:
    return not n.has("BG-17") and not _direct_debit_given(n)


def _de25b(n: Node) -> bool:
    """No credit transfer account and no card; CII: no financial institution of payee or payer either."""
    if n.has("BG-17") or n.has("BG-18"):
        return False
    return n.doc.syntax == "ubl" or not (n.has("X-payee-institution") or n.has("X-payer-institution"))


def _de31(n: Node) -> bool:
    """UBL: a mandate asks for the debited account (BT-91). CII: once any of BT-89, BT-90, BT-91 is there, the
    debited IBAN and one of the other two must be."""
    if n.doc.syntax == "ubl":
        return not n.has("X-debtor") or n.has("X-debtor-iban")
    h89, h90, h91 = n.has("BT-89"), n.has("BT-90"), n.has("X-debtor-iban")
    return not (h89 or h90 or h91) or ((h89 or h90) and h91)


def _delivery_date(n: Node) -> bool:
    d = n.doc
    if any(x.has("BT-72") for x in d.nodes("delivery")) or d.nodes("period"):
        return True
    lines = d.nodes("line")
    return bool(lines) and all(x.children("line_period") for x in lines)


def _cvd_line(n: Node) -> bool:
    return "CVD" in [norm(v) for v in n.texts("BT-158-1")] and "cva" in n.texts("BT-160")


def _br_dex_09(n: Node) -> bool:
    due, gross = n.dec("BT-115"), n.dec("BT-112")
    if due is None or gross is None:
        return False
    third = total(n.doc.nodes("prepaid"), "amount")
    # both sides rounded to cents, as the binding computes them: a payable amount with a third decimal can match
    return rounded(due - (n.dec("BT-114") or 0)) == rounded(gross - (n.dec("BT-113") or 0) + third)


def _tmp2(n: Node) -> bool:
    """The external document's address is a URL; UBL tests every external reference, so one without URI fails."""
    uris = n.raw("BT-124")  # as they are: a leading blank fails the pattern
    if n.doc.syntax == "ubl" and len(uris) < len(n.vals("X-external-ref")):
        return False
    return all(_URL.match(t) for t in uris)


def _tmp3(n: Node) -> bool:
    """With a base quantity on both the gross and the net price, both are the same text (as the official rule
    compares them: '1.000' is not '1.0000') and, if both carry a unit, the same unit."""
    g_basis = [el for g in n.children("gross_price") for el in g.elements("basis")]
    n_basis = [el for x in n.children("net_price") for el in x.elements("basis")]
    if not (g_basis and n_basis):
        return True
    if not any(text_of(a) == text_of(b) for a in g_basis for b in n_basis):
        return False
    g_units = [u for u in (el.get("unitCode") for el in g_basis) if u is not None]
    n_units = [u for u in (el.get("unitCode") for el in n_basis) if u is not None]
    return not (g_units and n_units) or any(a == b for a in g_units for b in n_units)


def _sub_lines_ok(n: Node) -> bool:
    """BR-DEX-02: a line's net amount equals the sum of its direct sub lines (recursively)."""
    from workflow.einvoice.rules.bindings import NS_UBL

    tag = f"{{{NS_UBL['cac']}}}SubInvoiceLine"
    amount = f"{{{NS_UBL['cbc']}}}LineExtensionAmount"
    for line in n.doc.nodes("line"):
        for el in [line.el, *line.el.iter(tag)]:
            subs = list(el.iterchildren(tag))
            if subs:
                own = to_decimal(el.findtext(amount))
                parts = [to_decimal(s.findtext(amount)) or Decimal(0) for s in subs]
                if own is None or own != sum(parts, Decimal(0)):  # xs:decimal, exact
                    return False
    return True


def _sub_lines_vat(n: Node) -> bool:
    from workflow.einvoice.rules.bindings import NS_UBL

    tag = f"{{{NS_UBL['cac']}}}SubInvoiceLine"
    cat = f"{{{NS_UBL['cac']}}}Item/{{{NS_UBL['cac']}}}ClassifiedTaxCategory"
    return all(len(s.findall(cat)) == 1 for s in n.el.iter(tag))


def _prepaid_currency(n: Node) -> bool:
    """XPath '=' of node sets: SOME paid amount's currencyID equals the document currency code as written
    (untrimmed: 'EUR ' is no 'EUR')."""
    codes = n.doc.top.raw("BT-5")
    return any(el.get("currencyID") in codes for el in n.elements("amount"))


RULES: tuple[Rule, ...] = (
    Rule("BR-DE-1", "doc", group("payment"), "BG-16"),
    Rule("BR-DE-15", "doc", filled("BT-10"), "BT-10"),
    Rule("BR-DE-16", "doc", _de16, "BT-31"),
    Rule("BR-DE-17", "doc", lambda n: n.text("BT-3") in codelist("XR_invoice-type-codes-BR-DE-17"), "BT-3"),
    Rule("BR-DE-18", "doc", _skonto, "BT-20"),
    Rule(
        "BR-DE-21",
        "doc",
        lambda n: any(t == XR_ID or t.startswith(XR_ID + "#") for t in n.texts("BT-24")),
        "BT-24",
    ),
    Rule("BR-DE-22", "doc", _unique_filenames, "BT-125"),
    Rule("BR-DE-26", "doc", lambda n: n.text("BT-3") != "384" or bool(n.doc.nodes("preceding")), "BG-3"),
    Rule("BR-DE-30", "doc", _de30, "BT-90"),
    Rule("BR-DE-31", "doc", _de31, "BT-91"),
    Rule("BR-DE-TMP-32", "doc", _delivery_date, "BT-72"),
    Rule("BR-TMP-2", "attachment", _tmp2, "BT-124"),
    Rule("BR-DE-2", "seller_role", has("contact"), "BG-6"),
    Rule("BR-DE-3", "seller_address", filled("BT-37"), "BT-37"),
    Rule("BR-DE-4", "seller_address", filled("BT-38"), "BT-38"),
    Rule("BR-DE-5", "seller_contact", filled("BT-41"), "BT-41"),
    Rule("BR-DE-6", "seller_contact", filled("BT-42"), "BT-42"),
    Rule("BR-DE-7", "seller_contact", filled("BT-43"), "BT-43"),
    Rule(
        "BR-DE-27",
        "seller_contact",
        lambda n: _all_and_some(n.texts("BT-42"), lambda t: sum(ch.isdigit() for ch in t) >= 3),
        "BT-42",
    ),
    Rule(
        "BR-DE-28",
        "seller_contact",
        lambda n: _all_and_some(n.texts("BT-43"), lambda t: bool(_EMAIL.fullmatch(t))),
        "BT-43",
    ),
    Rule("BR-DE-8", "buyer_address", filled("BT-37"), "BT-52"),
    Rule("BR-DE-9", "buyer_address", filled("BT-38"), "BT-53"),
    Rule("BR-DE-10", "deliver_address", filled("BT-37"), "BT-77"),
    Rule("BR-DE-11", "deliver_address", filled("BT-38"), "BT-78"),
    Rule("BR-DE-14", "vat", has("BT-119"), "BT-119"),
    Rule(
        "BR-DE-19",
        "payment",
        lambda n: n.text("BT-81") != "58" or _all_and_some(n.texts(_IBAN[n.doc.syntax]), iban_ok),
        "BT-84",
        where=lambda n: _code_in(n, ("30", "58")),
    ),
    Rule(
        "BR-DE-23-a", "payment", lambda n: n.has("BG-17"), "BG-17", where=lambda n: _code_in(n, ("30", "58"))
    ),
    Rule(
        "BR-DE-23-b",
        "payment",
        _de23b,
        "BG-18",
        where=lambda n: _code_in(n, ("30", "58")),
    ),
    Rule(
        "BR-DE-24-a",
        "payment",
        lambda n: n.has("BG-18"),
        "BG-18",
        where=lambda n: _code_in(n, ("48", "54", "55")),
    ),
    Rule(
        "BR-DE-24-b",
        "payment",
        _de24b,
        "BG-17",
        where=lambda n: _code_in(n, ("48", "54", "55")),
    ),
    Rule(
        "BR-DE-20",
        "payment",
        lambda n: _all_and_some(n.texts("BT-91"), iban_ok),
        "BT-91",
        where=lambda n: _code_in(n, ("59",)),
    ),
    Rule(
        "BR-DE-25-a",
        "payment",
        _direct_debit_given,
        "BG-19",
        where=lambda n: _code_in(n, ("59",)),
    ),
    Rule(
        "BR-DE-25-b",
        "payment",
        _de25b,
        "BG-17",
        where=lambda n: _code_in(n, ("59",)),
    ),
    # CII BR-CO-27 shares its context (//ram:SpecifiedTradeSettlementPaymentMeans) with the earlier BR-49 rule of
    # the same pattern: Schematron gives each element to the first matching rule only, so it never fails
    Rule("BR-CO-27", "credit_transfer", lambda n: True, "BT-84", syntax="cii"),
    Rule("BR-TMP-3", "line", _tmp3, "BT-149", syntax="cii"),
    # CVD (clean vehicles) profile
    Rule("BR-DE-CVD-01", "doc", has("BT-12"), "BT-12"),
    Rule("BR-DE-CVD-02", "doc", has("BT-17"), "BT-17"),
    Rule("BR-DE-CVD-03", "doc", lambda n: any(_cvd_line(x) for x in n.doc.nodes("line")), "BT-158"),
    Rule(
        "BR-DE-CVD-06-a",
        "line",
        lambda n: n.texts("BT-160").count("cva") == 1,
        "BT-160",
        where=lambda n: "CVD" in n.texts("BT-158-1"),
    ),
    Rule(
        "BR-DE-CVD-06-b",
        "line",
        lambda n: n.texts("BT-158-1").count("CVD") == 1,
        "BT-158",
        where=lambda n: "cva" in n.texts("BT-160"),
    ),
    # Extension profile (UBL)
    Rule("BR-DEX-02", "doc", _sub_lines_ok, "BT-131", syntax="ubl"),
    Rule("BR-DEX-03", "doc", _sub_lines_vat, "BG-DEX-06", syntax="ubl"),
    Rule("BR-DEX-09", "totals", _br_dex_09, "BT-115", syntax="ubl"),
    Rule("BR-DEX-10", "prepaid", filled("type"), "BT-DEX-001", syntax="ubl"),
    Rule("BR-DEX-11", "prepaid", filled("amount"), "BT-DEX-002", syntax="ubl"),
    Rule("BR-DEX-12", "prepaid", filled("description"), "BT-DEX-003", syntax="ubl"),
    Rule("BR-DEX-13", "prepaid", max_decimals("amount"), "BT-DEX-002", syntax="ubl"),
    Rule("BR-DEX-14", "prepaid", _prepaid_currency, "BT-DEX-002", syntax="ubl"),
    Rule("BR-DEX-15", "line", lambda n: not n.has("X-parent-line"), "BG-DEX-01", syntax="cii"),
)
