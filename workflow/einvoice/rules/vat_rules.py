"""The VAT-category rule families BR-S/Z/E/AE/IC/G/O/AF/AG/B-*, generated from one declaration per category.

Every family has the same shape (presence of a breakdown, seller/buyer identifiers, rate, taxable amount, tax
amount, exemption reason); the declaration says how each category fills it in.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Callable

from lxml import etree

from workflow.einvoice.rules.checks import double_negative_zero, rounded, within_slack
from workflow.einvoice.rules.engine import Check, CodeIn, Node, Rule, TermIs, to_decimal
from workflow.einvoice.rules.namespaces import NS_CII, NS_UBL
from workflow.einvoice.rules.paths import norm
from workflow.einvoice.treeops import children, first_child

RateTest = Callable[[Decimal | None, bool], bool]  # (rate, rate element present) -> ok


def _gt0(rate: Decimal | None, present: bool) -> bool:
    return rate is not None and rate > 0


def _ge0(rate: Decimal | None, present: bool) -> bool:
    return rate is not None and rate >= 0


def _eq0(rate: Decimal | None, present: bool) -> bool:
    return rate is not None and rate == 0


def _absent(rate: Decimal | None, present: bool) -> bool:
    return not present


def _seller_id(n: Node) -> bool:
    d = n.doc
    if d.syntax == "ubl":  # any tax id of the seller, whatever its scheme (PartyTaxScheme/CompanyID)
        return any(s.has("X-tax-ids") for s in d.nodes("seller")) or _taxrep_vat(n)
    return any(s.has("vat_id") or s.has("tax_no") for s in d.nodes("seller")) or _taxrep_vat(n)


def _seller_vat(n: Node) -> bool:
    return any(s.has("vat_id") for s in n.doc.nodes("seller")) or _taxrep_vat(n)


def _taxrep_vat(n: Node) -> bool:
    return any(t.has("vat_id") for t in n.doc.nodes("taxrep"))


def _buyer_vat(n: Node) -> bool:
    return any(b.has("vat_id") for b in n.doc.nodes("buyer"))


def _buyer_vat_or_legal(n: Node) -> bool:
    return any(b.has("vat_id") or b.has("legal_id") for b in n.doc.nodes("buyer"))


def _no_vat_ids(n: Node) -> bool:
    return not (any(s.has("vat_id") for s in n.doc.nodes("seller")) or _taxrep_vat(n) or _buyer_vat(n))


@dataclass(frozen=True, slots=True)
class Category:
    code: str  # BT-118 / BT-151 / BT-95 / BT-102 value
    prefix: str  # rule id prefix, e.g. "BR-S"
    breakdowns: str  # "one" (exactly one breakdown) or "some" (at least one)
    identifiers: Check  # what -02/-03/-04 require
    line_rate: RateTest  # -05
    ac_rate: RateTest  # -06 / -07
    per_rate: bool  # -08 sums per VAT rate (S, L, M) or over the whole category
    tax_zero: bool  # -09: tax amount must be 0 (else taxable x rate)
    reason: bool  # -10: exemption reason required (True) or forbidden (False)
    rate_cii: RateTest | None = None  # -05/-06/-07 where the CII binding states them differently

    def line_rate_for(self, syntax: str) -> RateTest:
        return self.rate_cii if syntax == "cii" and self.rate_cii is not None else self.line_rate

    def ac_rate_for(self, syntax: str) -> RateTest:
        return self.rate_cii if syntax == "cii" and self.rate_cii is not None else self.ac_rate


CATEGORIES: tuple[Category, ...] = (
    Category("S", "BR-S", "some", _seller_id, _gt0, _gt0, True, False, False),
    Category("Z", "BR-Z", "one", _seller_id, _eq0, _eq0, False, True, False),
    Category("E", "BR-E", "one", _seller_id, _eq0, _eq0, False, True, True),
    Category(
        "AE",
        "BR-AE",
        "one",
        lambda n: _seller_id(n) and _buyer_vat_or_legal(n),
        _eq0,
        _eq0,
        False,
        True,
        True,
    ),
    Category("K", "BR-IC", "one", lambda n: _seller_vat(n) and _buyer_vat(n), _eq0, _eq0, False, True, True),
    Category("G", "BR-G", "one", _seller_vat, _eq0, _eq0, False, True, True),
    Category("O", "BR-O", "one", _no_vat_ids, _absent, _absent, False, True, True),
    # IGIC/IPSI rates "0 (zero) or greater than zero"; the CII bindings of BR-AF-05/06/07 test "greater than 0"
    Category("L", "BR-AF", "some", _seller_id, _ge0, _ge0, True, False, False, rate_cii=_gt0),
    Category("M", "BR-AG", "some", _seller_id, _ge0, _ge0, True, False, False),
)


def used_categories(n: Node) -> frozenset[str | None]:
    """VAT category codes used by lines (BT-151), document allowances (BT-95) and charges (BT-102)."""
    d = n.doc
    found = d.memo.get("used_categories")
    if found is None:
        found = frozenset(
            {x.text("BT-151") for x in d.nodes("line")}
            | {x.text("category") for x in d.nodes("allowance")}
            | {x.text("category") for x in d.nodes("charge")}
        )
        d.memo["used_categories"] = found
    return found  # type: ignore[return-value]


def _uses(n: Node, code: str) -> bool:
    return code in used_categories(n)


_CAC, _CBC = NS_UBL["cac"], NS_UBL["cbc"]
_SUB_LINES = (f"{{{_CAC}}}SubInvoiceLine", f"{{{_CAC}}}SubCreditNoteLine")
# child steps (Clark names), followed with ``_below`` (what ``iterfind`` of the joined path selects, in the same
# order, without lxml's path machinery); ``_child`` / ``_child_text`` are ``find`` / ``findtext`` of one name
_SUB_CATEGORY = (f"{{{_CAC}}}Item", f"{{{_CAC}}}ClassifiedTaxCategory")
_SCHEME_ID = (f"{{{_CAC}}}TaxScheme", f"{{{_CBC}}}ID")


def _below(el: etree._Element, steps: tuple[str, ...], at: int = 0) -> list[etree._Element]:
    if at == len(steps) - 1:
        return children(el, steps[at])
    found: list[etree._Element] = []
    for child in children(el, steps[at]):
        found.extend(_below(child, steps, at + 1))
    return found


def _child(el: etree._Element, tag: str) -> etree._Element | None:
    return first_child(el, tag)


def _child_text(el: etree._Element, tag: str) -> str | None:
    child = first_child(el, tag)
    return None if child is None else child.text or ""


_CII_LINE_TAX = (f"{{{NS_CII['ram']}}}SpecifiedLineTradeSettlement", f"{{{NS_CII['ram']}}}ApplicableTradeTax")
_UBL_LINE_CATEGORY = (f"{{{_CAC}}}Item", f"{{{_CAC}}}ClassifiedTaxCategory")


# the UBL rate tests of these categories compare the untyped Percent ('(cbc:Percent) >= 0'); the others cast it
# to xs:decimal first (S: '> 0' fails on any zero anyway)
_UBL_UNTYPED_RATES = frozenset({"L", "M"})


def _untyped_rate(el: etree._Element | None, untyped: bool) -> Decimal | None:
    """The rate as the rate tests read it: an untyped negative zero with a fraction passes none of = 0, > 0,
    >= 0 (see ``double_negative_zero``), given here as no rate."""
    if el is None or (untyped and double_negative_zero(el.text)):
        return None
    return to_decimal(el.text)


def _ac_rate(n: Node, code: str) -> Decimal | None:
    untyped = n.doc.syntax == "cii" or code in _UBL_UNTYPED_RATES
    return None if untyped and any(double_negative_zero(r) for r in n.raw("rate")[:1]) else n.dec("rate")


def _line_vat_categories(n: Node) -> list[tuple[str, Decimal | None, bool]]:
    """(code, rate, rate present) of each VAT category of the line, as the -05 rules' contexts select them: UBL
    every ClassifiedTaxCategory of the scheme VAT (upper-cased), code whitespace-normalised; CII every line
    ApplicableTradeTax whose TypeCode upper-cased is VAT, code as it is."""
    key = ("line_vat_categories", n.el)
    found: list[tuple[str, Decimal | None, bool]] | None = n.doc.memo.get(key)  # type: ignore[assignment]
    if found is None:
        found = []
        if n.doc.syntax == "ubl":
            for cat in _below(n.el, _UBL_LINE_CATEGORY):
                if any(norm(s.text).upper() == "VAT" for s in _below(cat, _SCHEME_ID)):
                    rate = _child(cat, f"{{{_CBC}}}Percent")
                    code = norm(_child_text(cat, f"{{{_CBC}}}ID"))
                    found.append((code, _untyped_rate(rate, code in _UBL_UNTYPED_RATES), rate is not None))
        else:
            ram = NS_CII["ram"]
            for tax in _below(n.el, _CII_LINE_TAX):
                if (_child_text(tax, f"{{{ram}}}TypeCode") or "").upper() == "VAT":
                    rate = _child(tax, f"{{{ram}}}RateApplicablePercent")
                    code = _child_text(tax, f"{{{ram}}}CategoryCode") or ""
                    found.append((code, _untyped_rate(rate, True), rate is not None))
        n.doc.memo[key] = found
    return found


def _line_vat_codes(n: Node) -> frozenset[str]:
    """The codes of ``_line_vat_categories`` (asked once per category rule and line)."""
    key = ("line_vat_codes", n.el)
    found = n.doc.memo.get(key)
    if found is None:
        found = n.doc.memo[key] = frozenset(cat for cat, _, _ in _line_vat_categories(n))
    return found  # type: ignore[return-value]


def _sub_line_codes(line: Node, vat_only: bool) -> list[str]:
    """UBL (extension): the category codes of the line's sub lines at any depth; ``vat_only``: of the scheme VAT,
    a category without code as ''."""
    found: list[str] = []
    for sub in line.el.iter(*_SUB_LINES):
        for cat in _below(sub, _SUB_CATEGORY):
            code = _child_text(cat, f"{{{_CBC}}}ID")
            if vat_only:
                if not any(norm(s.text).upper() == "VAT" for s in _below(cat, _SCHEME_ID)):
                    continue
                found.append(norm(code) if code is not None else "")
            elif code is not None:
                found.append(norm(code))
    return found


def _line_or_sub_line_codes(n: Node) -> frozenset[str]:
    """UBL context filter of BR-x-02 (``CodeIn``): the codes of the line's categories (the binding tests the whole
    document for //cac:ClassifiedTaxCategory of the code, so also a line's second category counts) and of its sub
    lines' categories."""
    key = ("line_or_sub_line_codes", n.el)
    found = n.doc.memo.get(key)
    if found is None:
        found = n.doc.memo[key] = frozenset(n.texts("BT-151")).union(_sub_line_codes(n, vat_only=False))
    return found  # type: ignore[return-value]


def _code_counts(n: Node, vat_only: bool) -> dict[tuple[str, str | None], int]:
    """How often each category code occurs, per place: ``line`` (line VAT, BT-151), ``allowance`` / ``charge``
    (their tax categories, document and line level) and ``head`` (VAT breakdowns, BT-118); ``vat_only``: only
    tax categories of the scheme VAT (once per document); UBL then counts a category without code as code ''
    (the official tests compare normalize-space(cbc:ID), '' for a missing code)."""
    d = n.doc
    key = ("code_counts", vat_only)
    found = d.memo.get(key)
    if found is None:
        sfx = "-VAT" if vat_only else ""
        counts: dict[tuple[str, str | None], int] = {}

        uncoded = vat_only and d.syntax == "ubl"

        def add(place: str, codes: list[str]) -> None:
            for code in codes:
                counts[(place, code)] = counts.get((place, code), 0) + 1

        def codes(x: Node, term: str) -> list[str]:
            found = x.texts(term + sfx)
            return found + [""] * len(x.vals(term + sfx + "-noid")) if uncoded else found

        for x in d.nodes("line"):
            add("line", codes(x, "BT-151"))
            if d.syntax == "ubl":  # the official tests read //cac:ClassifiedTaxCategory: sub lines too
                add("line", _sub_line_codes(x, vat_only))
        for group, place in (
            ("allowance", "allowance"),
            ("line_allowance", "allowance"),
            ("charge", "charge"),
            ("line_charge", "charge"),
        ):
            for x in d.nodes(group):
                add(place, codes(x, "category"))
        for x in d.nodes("vat"):
            add("head", codes(x, "BT-118"))
        found = d.memo[key] = counts
    return found  # type: ignore[return-value]


def _cii_code_counts(n: Node) -> dict[tuple[str, str], int]:
    """CII: how many tax elements carry each category code, as the CII bindings of BR-x-01 and BR-O-11..14 count
    them: ``line`` (//SpecifiedLineTradeSettlement/ApplicableTradeTax), ``head``
    (//ApplicableHeaderTradeSettlement/ApplicableTradeTax) and ``ac`` (EVERY //CategoryTradeTax: of allowances and
    charges at both levels, also without a valid ChargeIndicator); codes as written ('[ram:CategoryCode='AE']')."""
    d = n.doc
    found = d.memo.get("cii_code_counts")
    if found is None:
        ram = NS_CII["ram"]
        code_tag = f"{{{ram}}}CategoryCode"
        places = {f"{{{ram}}}SpecifiedLineTradeSettlement": "line", f"{{{ram}}}ApplicableHeaderTradeSettlement": "head"}
        counts: dict[tuple[str, str], int] = {}

        def add(place: str, tax: etree._Element) -> None:
            for code in {"".join(c.itertext()) for c in children(tax, code_tag)}:
                counts[(place, code)] = counts.get((place, code), 0) + 1

        for tax in d.root.iter(f"{{{ram}}}ApplicableTradeTax"):
            parent = tax.getparent()
            place = places.get(parent.tag) if parent is not None else None
            if place is not None:
                add(place, tax)
        for tax in d.root.iter(f"{{{ram}}}CategoryTradeTax"):
            add("ac", tax)
        found = d.memo["cii_code_counts"] = counts
    return found  # type: ignore[return-value]


def _presence(c: Category) -> Check:
    """BR-x-01, as each binding states it: UBL ties use and breakdown both ways (S without the VAT scheme filter;
    the single-breakdown categories count a breakdown as a use); CII counts the ApplicableTradeTax elements of
    lines and breakdowns and the allowances' and charges' tax categories together."""
    code = c.code

    def check(n: Node) -> bool:
        if n.doc.syntax == "ubl":
            k = _code_counts(n, vat_only=code != "S")
            uses = sum(k.get((place, code), 0) for place in ("line", "allowance", "charge"))
            head = k.get(("head", code), 0)
            if c.breakdowns == "some":
                # BR-AF-01: a used L asks for an L breakdown of any tax scheme
                head_for_use = _code_counts(n, vat_only=False).get(("head", code), 0) if code == "L" else head
                return (uses > 0 and head_for_use > 0) or (uses == 0 and head == 0)
            return head == 1 or (uses == 0 and head == 0)
        counts = _cii_code_counts(n)
        lines, head, acs = counts.get(("line", code), 0), counts.get(("head", code), 0), counts.get(("ac", code), 0)
        if c.breakdowns == "some":
            return (lines + head >= 2 or lines == 0) and (acs + head >= 2 or acs == 0)
        if head == 1:
            return lines > 0 or acs > 0
        return head == 0 and (code == "O" or (lines == 0 and acs == 0))

    return check


def _only_o(*places: str, cii_places: tuple[str, ...] | None = None) -> Check:
    """BR-O-11..14: no tax category other than 'O' at these places (UBL: of the scheme VAT). The CII binding
    tests all ApplicableTradeTax (lines and breakdowns) for BR-O-11/12 and all CategoryTradeTax for BR-O-13/14."""

    def check(n: Node) -> bool:
        if n.doc.syntax == "cii" and cii_places is not None:
            return not any(place in cii_places and code != "O" for (place, code) in _cii_code_counts(n))
        return not any(place in places and code != "O" for (place, code) in _code_counts(n, vat_only=True))

    return check


_ANY = object()  # no rate condition


def _in_category(x: Node, code_term: str, rate_term: str, code: str, rate: object) -> bool:
    """The -08 sums' selection of a line or allowance/charge: SOME of its categories has the code and SOME has the
    rate (the bindings compare node sets: '[cac:Item/cac:ClassifiedTaxCategory/normalize-space(cbc:ID)='S']
    [cac:Item/cac:ClassifiedTaxCategory/xs:decimal(cbc:Percent) = $rate]', CII alike without normalising the code).
    Different from the first category's values only where a line carries several (an error of its own)."""
    codes = x.texts(code_term) if x.doc.syntax == "ubl" else x.raw(code_term)
    if code not in codes:
        return False
    return rate is _ANY or (rate is not None and rate in x.decs(rate_term))


def _taxable_sum(n: Node, code: str, rate: Decimal | None, per_rate: bool) -> tuple[Decimal, bool]:
    """Σ line net + Σ charges - Σ allowances of the category (and rate); second value: anything matched."""
    d = n.doc

    want = rate if per_rate else _ANY
    lines = [x for x in d.nodes("line") if _in_category(x, "BT-151", "BT-152", code, want)]
    charges = [x for x in d.nodes("charge") if _in_category(x, "category", "rate", code, want)]
    allowances = [x for x in d.nodes("allowance") if _in_category(x, "category", "rate", code, want)]
    parts = (
        sum((x.dec("BT-131") or Decimal(0) for x in lines), Decimal(0)),
        sum((x.dec("amount") or Decimal(0) for x in charges), Decimal(0)),
        sum((x.dec("amount") or Decimal(0) for x in allowances), Decimal(0)),
    )
    if d.syntax == "cii":  # the CII bindings round each of the three sums to cents
        parts = tuple(rounded(p) for p in parts)  # type: ignore[assignment]
    # the UBL bindings compare the exact sum
    return parts[0] + parts[1] - parts[2], bool(lines or charges or allowances)


def _within_one(syntax: str, base: Decimal, expected: Decimal) -> bool:
    """``base - 1 < expected < base + 1`` as the bindings compute it: ``base ± 1`` is an xs:double (the untyped
    amount plus an integer); UBL casts it back to xs:decimal (its exact binary value: 1391.94 + 1 lies a little
    above 1392.94, so a sum of 1392.94 passes), CII compares it with the sum as doubles."""
    b = float(base)
    if syntax == "ubl":
        return Decimal(b - 1) < expected < Decimal(b + 1)
    return b - 1 < float(expected) < b + 1


def _ubl_s_taxable_ok(n: Node, rate: Decimal | None, base: Decimal | None) -> bool:
    """UBL BR-S-08 has an Invoice and a CreditNote branch; each asks for a line of the document's own kind or an
    allowance/charge of the rate, so in the other kind's branch the allowances/charges alone (lines summing to
    nothing) may match the taxable amount."""
    if base is None:
        return False
    expected, found = _taxable_sum(n, "S", rate, True)
    if found and _within_one("ubl", base, expected):
        return True
    d = n.doc
    acs = [
        (x, sign)
        for group, sign in (("charge", 1), ("allowance", -1))
        for x in d.nodes(group)
        if _in_category(x, "category", "rate", "S", rate)
    ]
    ac_only = sum((sign * (x.dec("amount") or Decimal(0)) for x, sign in acs), Decimal(0))
    return bool(acs) and _within_one("ubl", base, ac_only)


# BR-x-08 (taxable amount = sum of the category's lines, charges and allowances) with a slack of one unit (strictly
# less), where the official binding states one; elsewhere exact
_TAXABLE_SLACK = frozenset({("ubl", "S"), ("ubl", "L"), ("ubl", "M")} | {("cii", k) for k in ("Z", "E", "AE", "K", "G")})
# the CII binding of BR-AF/AG-08 reads the rate from the settlement (never there) and BR-AF/AG-09 is true(): both
# cannot fail
_NEVER_FAILS_08_09 = frozenset({("cii", "L"), ("cii", "M")})


def _rules_for(c: Category) -> list[Rule]:
    code, p = c.code, c.prefix
    # allowances/charges of the category with the tax type VAT (the -03/04/06/07 contexts of both bindings)
    is_cat_ac = TermIs("category-VAT", code)
    # the breakdown rules' contexts take breakdowns of the tax type VAT only, except the CII ones of S and Z
    is_cat_vat = TermIs("BT-118-VAT", code)
    is_cat_any = TermIs("BT-118", code)
    # SOME VAT category (tax type VAT) of the line has the code: the -05 contexts (and CII's -02) are the
    # categories themselves, so a line's second category counts as well as its first
    is_cat_line_vat = CodeIn(_line_vat_codes, code)

    def taxable(n: Node) -> bool:
        syntax = n.doc.syntax
        if (syntax, code) in _NEVER_FAILS_08_09:
            return True
        if c.per_rate and not n.has("BT-119"):
            return True  # "for each rate ...": nothing to check without a rate
        base = n.dec("BT-116")
        if (syntax, code) == ("ubl", "S"):
            return _ubl_s_taxable_ok(n, n.dec("BT-119"), base)
        expected, _ = _taxable_sum(n, code, n.dec("BT-119"), c.per_rate)
        if (syntax, code) in _TAXABLE_SLACK:
            return base is not None and _within_one(syntax, base, expected)
        if syntax == "cii" and any(double_negative_zero(r) for r in n.raw("BT-116")[:1]):
            return False  # CII compares the untyped amount: '-0.00' equals no sum (not even 0)
        return base == expected

    def tax(n: Node) -> bool:
        if (n.doc.syntax, code) in _NEVER_FAILS_08_09:
            return True
        amount = n.dec("BT-117")
        if c.tax_zero:  # CII compares the untyped amount ('-0.00' is no zero there), UBL its xs:decimal
            if n.doc.syntax == "cii" and any(double_negative_zero(r) for r in n.raw("BT-117")[:1]):
                return False
            return amount is not None and amount == 0
        base, rate = n.dec("BT-116"), n.dec("BT-119")
        if amount is None or base is None or rate is None:
            return False
        # official: |tax amount| against |taxable amount| x rate, strictly less than one unit apart
        return within_slack(abs(amount), rounded(abs(base) * rate / 100), Decimal(1))

    def reason(n: Node) -> bool:
        given = n.has("BT-120") or n.has("BT-121")
        return given if c.reason else not given

    def identifiers_at(place: str) -> Check:
        """-02/-03/-04: the UBL binding asks the identifiers only if some line (allowance, charge) has a category
        of the code and of the scheme VAT; BR-S-02 also fails when lines use 'S' but none of the scheme VAT."""

        def check(n: Node) -> bool:
            if n.doc.syntax == "ubl" and not _code_counts(n, vat_only=True).get((place, code), 0):
                return not (place == "line" and code == "S")
            return c.identifiers(n)

        return check

    rules = [
        Rule(f"{p}-01", "doc", _presence(c), "BT-118"),
        Rule(f"{p}-02", "line", identifiers_at("line"), "BT-31", syntax="ubl",
             where=CodeIn(_line_or_sub_line_codes, code)),
        Rule(f"{p}-02", "line", identifiers_at("line"), "BT-31", syntax="cii", where=is_cat_line_vat),
        Rule(f"{p}-03", "allowance", identifiers_at("allowance"), "BT-31", where=is_cat_ac),
        Rule(f"{p}-04", "charge", identifiers_at("charge"), "BT-31", where=is_cat_ac),
        # lines with a VAT category of the code; every VAT category of the line with the code is checked
        Rule(
            f"{p}-05",
            "line",
            lambda n: all(
                c.line_rate_for(n.doc.syntax)(rate, present)
                for cat, rate, present in _line_vat_categories(n)
                if cat == code
            ),
            "BT-152",
            where=is_cat_line_vat,
        ),
        Rule(
            f"{p}-06",
            "allowance",
            lambda n: c.ac_rate_for(n.doc.syntax)(_ac_rate(n, code), n.has("rate")),
            "BT-96",
            where=is_cat_ac,
        ),
        Rule(
            f"{p}-07",
            "charge",
            lambda n: c.ac_rate_for(n.doc.syntax)(_ac_rate(n, code), n.has("rate")),
            "BT-103",
            where=is_cat_ac,
        ),
    ]
    breakdown_rules = ((f"{p}-08", taxable, "BT-116"), (f"{p}-09", tax, "BT-117"), (f"{p}-10", reason, "BT-120"))
    for rule_id, check, term in breakdown_rules:
        if code in ("S", "Z"):
            rules.append(Rule(rule_id, "vat", check, term, syntax="ubl", where=is_cat_vat))
            rules.append(Rule(rule_id, "vat", check, term, syntax="cii", where=is_cat_any))
        else:
            rules.append(Rule(rule_id, "vat", check, term, where=is_cat_vat))
    if code == "K":
        rules += [
            Rule(
                "BR-IC-11",
                "vat",
                lambda n: any(d.has("BT-72") for d in n.doc.nodes("delivery")) or bool(n.doc.nodes("period")),
                "BT-72",
                where=is_cat_vat,
            ),
            Rule(
                "BR-IC-12",
                "vat",
                lambda n: any(a.has("BT-40") for a in n.doc.nodes("deliver_address")),
                "BT-80",
                where=is_cat_vat,
            ),
        ]
    if code == "O":
        rules += [
            Rule("BR-O-11", "vat", _only_o("head", cii_places=("line", "head")), "BG-23", where=is_cat_vat),
            Rule("BR-O-12", "vat", _only_o("line", cii_places=("line", "head")), "BT-151", where=is_cat_vat),
            Rule("BR-O-13", "vat", _only_o("allowance", cii_places=("ac",)), "BT-95", where=is_cat_vat),
            Rule("BR-O-14", "vat", _only_o("charge", cii_places=("ac",)), "BT-102", where=is_cat_vat),
        ]
    return rules


_RAM = NS_CII["ram"]
_UBL_CATEGORY_IDS = (f"{{{_CAC}}}TaxCategory", f"{{{_CAC}}}ClassifiedTaxCategory")


def _split_payment_facts(n: Node) -> tuple[bool, bool, bool, bool]:
    """The facts BR-B-01/02 read, as their bindings state them (exact text, anywhere in the document): B used for
    BR-B-01, every country code IT, B used for BR-B-02, S used for BR-B-02.

    UBL: BR-B-01 reads every TaxCategory/ClassifiedTaxCategory code and every IdentificationCode; BR-B-02 the
    breakdowns, document allowances/charges and line categories (its S side never reads a breakdown). CII: every
    CategoryCode and every CountryID."""
    d = n.doc
    found = d.memo.get("split_payment")
    if found is None:
        root = d.root
        if d.syntax == "cii":
            codes = {el.text or "" for el in root.iter(f"{{{_RAM}}}CategoryCode")}
            if "B" not in codes:
                found = (False, True, False, False)
            else:
                all_it = all((el.text or "") == "IT" for el in root.iter(f"{{{_RAM}}}CountryID"))
                found = (True, all_it, True, "S" in codes)
        else:
            ident = f"{{{_CBC}}}ID"
            anywhere = {_child_text(c, ident) for c in root.iter(*_UBL_CATEGORY_IDS)}
            if "B" not in anywhere:  # nor at the places BR-B-02 reads
                found = (False, True, False, False)
            else:
                all_it = all((el.text or "") == "IT" for el in root.iter(f"{{{_CBC}}}IdentificationCode"))
                lines = {_child_text(c, ident) for c in root.iter(f"{{{_CAC}}}ClassifiedTaxCategory")}
                subtotals = (f"{{{_CAC}}}TaxTotal", f"{{{_CAC}}}TaxSubtotal", f"{{{_CAC}}}TaxCategory")
                breakdown = {_child_text(c, ident) for c in _below(root, subtotals)}
                doc_ac = (f"{{{_CAC}}}AllowanceCharge", f"{{{_CAC}}}TaxCategory")
                charges = {_child_text(c, ident) for c in _below(root, doc_ac)}
                found = (True, all_it, "B" in breakdown | charges | lines, "S" in charges | lines)
        d.memo["split_payment"] = found
    return found  # type: ignore[return-value]


def _split_payment_domestic(n: Node) -> bool:
    used, all_it, _, _ = _split_payment_facts(n)
    return not used or all_it


def _split_payment_no_standard(n: Node) -> bool:
    _, _, used, standard = _split_payment_facts(n)
    return not (used and standard)


RULES: tuple[Rule, ...] = tuple(r for c in CATEGORIES for r in _rules_for(c)) + (
    Rule("BR-B-01", "doc", _split_payment_domestic, "BT-151"),
    Rule("BR-B-02", "doc", _split_payment_no_standard, "BT-151"),
)
