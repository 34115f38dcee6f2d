"""Differential check of our e-invoice validator against the official artefacts on many mutated invoices.

Usage: python bench/einvoice_differential.py [--n 2000] [--seed 1] [--changes K|A-B] [--targeted P] [--lexical P]
                                             [--shared PATH] [--out DIR] [--corpus-only]

The shared corpus holds 333 files with the official verdicts. Unseen files of the same kinds judge the validator,
so this bench makes many more: it takes every accepted corpus invoice (our own fixtures when ../shared is absent is
not supported: the corpus is the seed) and applies one random, syntax-agnostic mutation (drop an element, empty or
change a value, swap a code, shift an amount or a date, duplicate an element, change an attribute). ``--changes 3`` (or a range, ``2-4``) applies several changes to one mutant, as real
senders' errors often come together; ``--targeted P`` draws that share of the changes from kinds that model
typical sender errors (line and document allowances/charges, sub-lines, a line moved to another VAT category with
its breakdown, payment means groups, date formats, decimals, one-cent rounding, swapped seller/buyer fields, a
missing or malformed Leitweg-ID, wrong code-list values, notes, summation order, unusual but allowed insertions);
``--lexical P`` that share from changes of how a value is written, where XPath's comparison rules decide (blanks
around codes and amounts, '-0.00', a third decimal, '+12.00', lower-case codes, an element repeated with another
value: node sets compare existentially, untyped values as written or as xs:double).
The defaults (one change, none targeted) draw exactly the mutants of the first version for a seed. Each mutant
is judged twice, in the same run:

- the reference: one JVM with the official artefacts in the versions KoSIT's XRechnung configuration 2026-01-31
  runs (fetched by mvn into bench/saxon/.libs, unpacked into a temporary directory, never into the repo, see
  bench/official_artefacts.py): XML Schema validation (JDK's validator; on schema errors the Schematron step is
  skipped, as in KoSIT), then the CEN EN16931 1.3.15 and XRechnung 2.5.0 Schematron XSLTs that the scenario lists,
  on Saxon-HE. Each failed assert's flag is mapped to a level and the scenario's customLevel overrides are applied
  (from shared/reference/einvoice/scenarios.json), exactly as the KoSIT acceptance rule reads them;
- ours: ``workflow.einvoice.validator.validate``.

The scenario is ours (the mutations never touch the specification identifier). Printed: agreement on accept, on
the set of error ids and on the set of warning ids, then every disagreement grouped by rule id with one example
mutation. Mutants on which the official XSLTs abort (a repeated element read as one value) have no official
rule ids: KoSIT records a processing error and does not accept them; they are counted apart, and every one that
we accept is listed as a disagreement; ``--out DIR`` keeps the disagreeing files with a JSON note each. ``--corpus-only`` first checks the
reference itself against expected.jsonl (must agree on every file, or the reference is not the official one).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import official_artefacts as art
from workflow.einvoice.validator import validate

DRIVER = r"""
import java.io.*;
import java.nio.file.*;
import java.util.*;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.*;
import net.sf.saxon.s9api.*;
import net.sf.saxon.s9api.streams.Steps;
import org.xml.sax.*;

public class OfficialOracle {
    static final String SVRL = "http://purl.oclc.org/dsdl/svrl";

    public static void main(String[] a) throws Exception {
        Path dir = Paths.get(a[0]);
        Processor proc = new Processor(false);
        XsltCompiler comp = proc.newXsltCompiler();
        Map<String, XsltExecutable> xslt = new HashMap<>();
        for (String role : new String[] {"cen-ubl", "cen-cii", "xr-ubl", "xr-cii"})
            xslt.put(role, comp.compile(new StreamSource(dir.resolve(role + ".xslt").toFile())));
        SchemaFactory sf = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        Map<String, Schema> xsd = new HashMap<>();
        for (String line : Files.readAllLines(dir.resolve("schemas.tsv"))) {
            String[] f = line.split("\t", 2);
            List<StreamSource> parts = new ArrayList<>();
            for (String p : f[1].split(";")) parts.add(new StreamSource(new File(p)));
            xsd.put(f[0], sf.newSchema(parts.toArray(new StreamSource[0])));
        }
        DocumentBuilder db = proc.newDocumentBuilder();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        PrintStream out = System.out;
        out.println("ready"); out.flush();
        String cmd;
        while ((cmd = in.readLine()) != null) {
            String[] f = cmd.split("\t", 3);  // kind, roles (comma separated), path
            try {
                byte[] data = Files.readAllBytes(Paths.get(f[2]));
                List<String> xsdErrors = new ArrayList<>();
                Validator v = xsd.get(f[0]).newValidator();
                v.setErrorHandler(new ErrorHandler() {
                    public void warning(SAXParseException e) {}
                    public void error(SAXParseException e) { xsdErrors.add(e.getMessage()); }
                    public void fatalError(SAXParseException e) { xsdErrors.add(e.getMessage()); }
                });
                try { v.validate(new StreamSource(new ByteArrayInputStream(data))); }
                catch (SAXException e) { xsdErrors.add(e.getMessage()); }
                StringBuilder sb = new StringBuilder("ok xsd=" + xsdErrors.size());
                if (xsdErrors.isEmpty() && !f[1].isEmpty()) {
                    XdmNode doc = db.build(new StreamSource(new ByteArrayInputStream(data), f[2]));
                    for (String role : f[1].split(",")) {
                        XdmDestination dest = new XdmDestination();
                        XsltTransformer t = xslt.get(role).load();
                        t.setInitialContextNode(doc);
                        t.setDestination(dest);
                        t.transform();
                        for (XdmNode n : dest.getXdmNode().select(Steps.descendant(SVRL, "failed-assert")).asList())
                            sb.append(' ').append(n.getAttributeValue(new QName("id"))).append(':')
                              .append(n.getAttributeValue(new QName("flag")));
                        for (XdmNode n : dest.getXdmNode().select(Steps.descendant(SVRL, "successful-report")).asList())
                            sb.append(' ').append(n.getAttributeValue(new QName("id"))).append(':')
                              .append(n.getAttributeValue(new QName("flag")));
                    }
                } else if (!xsdErrors.isEmpty()) {
                    sb.append(" | ").append(xsdErrors.get(0).replace('\n', ' '));
                }
                out.println(sb);
            } catch (Exception e) {
                out.println("error " + String.valueOf(e.getMessage()).replace('\n', ' '));
            }
            out.flush();
        }
    }
}
"""

FAMILY = {"UBL-Invoice": "ubl", "UBL-CreditNote": "ubl", "CII": "cii"}
LEVELS = {
    "fatal": "error",
    "error": "error",
    "warning": "warning",
    "warn": "warning",
    "information": "information",
    "info": "information",
}
SPEC_ID_TAGS = ("CustomizationID", "GuidelineSpecifiedDocumentContextParameter", "ProfileID")


@dataclass(frozen=True, slots=True)
class Verdict:
    accept: bool
    xsd_ok: bool
    errors: frozenset[str]
    warnings: frozenset[str]
    note: str = ""


class Oracle:
    """The official artefacts in one JVM; ``judge`` returns the KoSIT verdict of one file."""

    def __init__(self, work: Path, shared: Path) -> None:
        art.extract_xslts(work)
        art.write_schema_list(work)
        art.compile_java(work, "OfficialOracle", DRIVER)
        self.scenarios = {
            s["name"]: s
            for s in json.loads(
                (shared / "reference" / "einvoice" / "scenarios.json").read_text(encoding="utf-8")
            )["scenarios"]
        }
        self.err = open(work / "jvm.err", "wb")  # noqa: SIM115 - lives as long as the JVM, closed in close()
        self.proc = subprocess.Popen(
            ["java", "-Xmx2g", "-XX:+UseSerialGC", "-cp", art.classpath(work), "OfficialOracle", str(work)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.err,
            text=True,
        )
        assert self.proc.stdout is not None
        if self.proc.stdout.readline().strip() != "ready":
            self.err.flush()
            tail = (work / "jvm.err").read_text(errors="replace").splitlines()[:12]
            raise SystemExit("reference JVM did not start:\n" + "\n".join(tail))

    def judge(self, path: Path, kind: str, scenario_name: str) -> Verdict:
        scen = self.scenarios[scenario_name]
        roles = ",".join(("cen-" if "EN16931-" in s else "xr-") + scen["syntax"] for s in scen["schematron"])
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(f"{kind}\t{roles}\t{path}\n")
        self.proc.stdin.flush()
        reply = self.proc.stdout.readline().strip()
        if not reply.startswith("ok "):
            raise RuntimeError(f"reference failed on {path}: {reply}")
        head, _, xsd_msg = reply.partition(" | ")
        parts = head.split()
        xsd_ok = parts[1] == "xsd=0"
        errors, warnings = set(), set()
        custom = scen.get("custom_levels") or {}
        for item in parts[2:]:
            rid, _, flag = item.rpartition(":")
            level = custom.get(rid) or LEVELS.get(flag, "error")
            (errors if level == "error" else warnings if level == "warning" else set()).add(rid)
        return Verdict(xsd_ok and not errors, xsd_ok, frozenset(errors), frozenset(warnings), xsd_msg)

    def close(self) -> None:
        if self.proc.stdin is not None:
            self.proc.stdin.close()
        self.proc.wait(timeout=30)
        self.err.close()


def ours(data: bytes) -> tuple[str | None, Verdict]:
    r = validate(data, extract=False)
    xsd_ok = not getattr(r, "xsd_errors", ())
    return r.scenario, Verdict(r.accept, xsd_ok, frozenset(r.errors), frozenset(r.warnings))


# --- mutations: one random, syntax-agnostic change --------------------------------------------------------------

CODES = [
    "S",
    "Z",
    "E",
    "AE",
    "K",
    "G",
    "O",
    "L",
    "M",
    "B",
    "XX",
    "380",
    "381",
    "384",
    "389",
    "326",
    "751",
    "58",
    "59",
    "30",
    "31",
    "42",
    "1",
    "97",
    "EUR",
    "USD",
    "DE",
    "FR",
    "ZZ",
    "C62",
    "H87",
    "XPP",
    "0088",
    "0204",
    "9930",
    "EM",
    "VAT",
    "FC",
    "95",
    "AAB",
    "ZZZ",
    "",
    " ",
]


def _leaves(root: etree._Element) -> list[etree._Element]:
    return [
        e
        for e in root.iter()
        if isinstance(e.tag, str)
        and len(e) == 0
        and e is not root
        and etree.QName(e).localname not in SPEC_ID_TAGS
    ]


def _elements(root: etree._Element) -> list[etree._Element]:
    return [
        e
        for e in root.iter()
        if isinstance(e.tag, str) and e is not root and etree.QName(e).localname not in SPEC_ID_TAGS
    ]


def _change_value(text: str, rnd: random.Random) -> str:
    t = text.strip()
    try:
        d = Decimal(t)
        if t and t[0].isdigit() or t.startswith("-"):
            step = rnd.choice([Decimal("0.01"), Decimal(1), Decimal("-0.01"), Decimal(100), Decimal("0.001")])
            return rnd.choice([str(d + step), str(-d), "0", "0.00", str(d * 2), f"{d:.3f}", t + "0"])
    except InvalidOperation:
        pass
    if len(t) in (8, 10) and t[:4].isdigit():  # dates 20250101 / 2025-01-01
        return rnd.choice(
            [
                "2019-13-01",
                "20251301",
                "2030-01-01",
                "1999-01-01",
                t.replace("-", ""),
                t[:4] + "-" + t[4:6] + "-" + t[6:] if len(t) == 8 else t,
            ]
        )
    if len(t) <= 4:
        return rnd.choice(CODES)
    return rnd.choice(["", "x", t.upper(), t[: len(t) // 2], t + " " + t, "DE123", "not an id"])


def _basic(root: etree._Element, rnd: random.Random) -> str | None:
    """One random, syntax-agnostic change of ``root`` in place; its description, or None when none applies."""
    kind = rnd.choice(["drop", "drop", "value", "value", "value", "attr", "dup", "empty"])
    if kind == "drop":
        el = rnd.choice(_elements(root))
        where = root.getroottree().getpath(el)
        el.getparent().remove(el)
        how = f"drop {where}"
    elif kind == "dup":
        el = rnd.choice(_elements(root))
        where = root.getroottree().getpath(el)
        el.addnext(etree.fromstring(etree.tostring(el)))
        how = f"duplicate {where}"
    elif kind == "attr":
        cands = [e for e in _leaves(root) if e.attrib]
        if not cands:
            return None
        el = rnd.choice(cands)
        name = rnd.choice(sorted(el.attrib))
        new = rnd.choice(CODES + [None])
        where = root.getroottree().getpath(el)
        if new is None:
            del el.attrib[name]
            how = f"drop @{name} of {where}"
        else:
            el.set(name, new)
            how = f"@{name} of {where} := {new!r}"
    else:
        cands = [e for e in _leaves(root) if (e.text or "").strip()]
        el = rnd.choice(cands)
        old = el.text or ""
        el.text = "" if kind == "empty" else _change_value(old, rnd)
        how = f"{root.getroottree().getpath(el)}: {old.strip()!r} -> {el.text!r}"
    return how


def _lexical(root: etree._Element, rnd: random.Random) -> str | None:
    """One change of how a value is WRITTEN, where XPath's rules decide (node sets compare existentially, untyped
    values compare as written or as xs:double): a code or amount padded with blanks, a negative zero with a
    fraction, a third decimal, an explicit plus sign, a lower-case code, an element repeated with another value."""
    cands = [e for e in _leaves(root) if (e.text or "").strip()]
    if not cands:
        return None
    el = rnd.choice(cands)
    where = root.getroottree().getpath(el)
    old = (el.text or "").strip()
    numeric = True
    try:
        Decimal(old)
    except InvalidOperation:
        numeric = False
    kind = rnd.choice(["pad", "pad", "repeat", "repeat", "negzero", "decimals", "plus", "lower"])
    if kind == "repeat":
        copy = etree.fromstring(etree.tostring(el))
        copy.tail = el.tail
        copy.text = _change_value(old, rnd) if rnd.random() < 0.7 else old
        el.addnext(copy)
        return f"repeat {where} as {copy.text!r}"
    if kind == "pad":
        el.text = rnd.choice([" ", "\n  ", "\t"]) + old if rnd.random() < 0.5 else old + rnd.choice([" ", "\n"])
    elif kind == "negzero" and numeric:
        el.text = rnd.choice(["-0.00", "-0.0", "-0"])
    elif kind == "decimals" and numeric:
        el.text = f"{Decimal(old):.3f}"[:-1] + rnd.choice("19")
    elif kind == "plus" and numeric and not old.startswith("-"):
        el.text = "+" + old
    elif kind == "lower" and not numeric and len(old) <= 4 and old.lower() != old:
        el.text = old.lower()
    else:
        return None
    return f"{kind} {where}: {old!r} -> {el.text!r}"


def mutate(
    data: bytes,
    rnd: random.Random,
    changes: tuple[int, int] = (1, 1),
    targeted: float = 0.0,
    lexical: float = 0.0,
) -> tuple[bytes, str] | None:
    """``changes`` (a range, drawn per mutant) changes at once, each targeted with probability ``targeted``
    (or, with probability ``lexical``, a change of how a value is written; 0 draws no extra random numbers).

    With the defaults (one change, none targeted) the random stream is the one of the first version of this
    bench: a seed gives the same mutants as before.
    """
    root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    k = changes[0] if changes[0] == changes[1] else rnd.randint(*changes)
    done: list[str] = []
    for _ in range(k * 3):  # a change that does not apply is drawn again, up to three times per change
        if len(done) == k:
            break
        if lexical > 0 and rnd.random() < lexical:
            how = _lexical(root, rnd)
        elif targeted > 0 and rnd.random() < targeted:
            how = rnd.choice(TARGETED)(root, rnd)
        else:
            how = _basic(root, rnd)
        if how is not None:
            done.append(how)
        elif k == 1 and not targeted and not lexical:
            return None  # the first version gave up at once
    if not done:
        return None
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8"), " ; ".join(done)


# --- targeted mutations: typical sender errors, aware of the syntax ---------------------------------------------

NS = {
    "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
    "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
    "rsm": "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100",
    "ram": "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100",
    "udt": "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100",
    "qdt": "urn:un:unece:uncefact:data:standard:QualifiedDataType:100",
}
CENT = Decimal("0.01")

# child orders of the schema types the targeted mutations insert into (only the names they meet)
ORDER = {
    "ubl-root": "UBLExtensions UBLVersionID CustomizationID ProfileID ProfileExecutionID ID CopyIndicator UUID "
    "IssueDate IssueTime DueDate InvoiceTypeCode CreditNoteTypeCode Note TaxPointDate DocumentCurrencyCode "
    "TaxCurrencyCode PricingCurrencyCode PaymentCurrencyCode PaymentAlternativeCurrencyCode AccountingCostCode "
    "AccountingCost LineCountNumeric BuyerReference InvoicePeriod DiscrepancyResponse OrderReference "
    "BillingReference DespatchDocumentReference ReceiptDocumentReference StatementDocumentReference "
    "OriginatorDocumentReference ContractDocumentReference AdditionalDocumentReference ProjectReference "
    "Signature AccountingSupplierParty AccountingCustomerParty PayeeParty BuyerCustomerParty "
    "SellerSupplierParty TaxRepresentativeParty Delivery DeliveryTerms PaymentMeans PaymentTerms "
    "PrepaidPayment AllowanceCharge TaxExchangeRate PricingExchangeRate PaymentExchangeRate "
    "PaymentAlternativeExchangeRate TaxTotal WithholdingTaxTotal LegalMonetaryTotal InvoiceLine CreditNoteLine",
    "ubl-line": "UBLExtensions ID UUID Note InvoicedQuantity CreditedQuantity LineExtensionAmount TaxPointDate "
    "AccountingCostCode AccountingCost PaymentPurposeCode FreeOfChargeIndicator InvoicePeriod DiscrepancyResponse "
    "OrderLineReference DespatchLineReference ReceiptLineReference BillingReference DocumentReference "
    "PricingReference OriginatorParty Delivery PaymentTerms AllowanceCharge TaxTotal WithholdingTaxTotal Item "
    "Price DeliveryTerms SubInvoiceLine SubCreditNoteLine ItemPriceExtension",
    "ubl-total": "LineExtensionAmount TaxExclusiveAmount TaxInclusiveAmount AllowanceTotalAmount "
    "ChargeTotalAmount PrepaidAmount PayableRoundingAmount PayableAmount PayableAlternativeAmount",
    "ubl-means": "ID PaymentMeansCode PaymentDueDate PaymentChannelCode InstructionID InstructionNote PaymentID "
    "CardAccount PayerFinancialAccount PayeeFinancialAccount CreditAccount PaymentMandate TradeFinancing",
    "ubl-taxcat": "ID Name Percent BaseUnitMeasure PerUnitAmount TaxExemptionReasonCode TaxExemptionReason "
    "TierRange TierRatePercent TaxScheme",
    "cii-header": "CreditorReferenceID PaymentReference TaxCurrencyCode InvoiceCurrencyCode InvoiceIssuerReference "
    "InvoicerTradeParty InvoiceeTradeParty PayeeTradeParty PayerTradeParty TaxApplicableTradeCurrencyExchange "
    "SpecifiedTradeSettlementPaymentMeans ApplicableTradeTax BillingSpecifiedPeriod SpecifiedTradeAllowanceCharge "
    "SpecifiedLogisticsServiceCharge SpecifiedTradePaymentTerms SpecifiedTradeSettlementHeaderMonetarySummation "
    "InvoiceReferencedDocument ReceivableSpecifiedTradeAccountingAccount SpecifiedAdvancePayment",
    "cii-line": "ApplicableTradeTax BillingSpecifiedPeriod SpecifiedTradeAllowanceCharge "
    "SpecifiedTradeSettlementLineMonetarySummation InvoiceReferencedDocument AdditionalReferencedDocument "
    "ReceivableSpecifiedTradeAccountingAccount",
    "cii-sum": "LineTotalAmount ChargeTotalAmount AllowanceTotalAmount TaxBasisTotalAmount TaxTotalAmount "
    "RoundingAmount GrandTotalAmount TotalPrepaidAmount DuePayableAmount",
    "cii-tax": "CalculatedAmount TypeCode ExemptionReason BasisAmount LineTotalBasisAmount "
    "AllowanceChargeBasisAmount CategoryCode ExemptionReasonCode TaxPointDate DueDateTypeCode RateApplicablePercent",
    "cii-lined": "LineID ParentLineID LineStatusCode LineStatusReasonCode IncludedNote",
    "cii-means": "TypeCode Information ApplicableTradeSettlementFinancialCard PayerPartyDebtorFinancialAccount "
    "PayeePartyCreditorFinancialAccount PayeeSpecifiedCreditorFinancialInstitution",
}
ORDER_INDEX = {k: {name: i for i, name in enumerate(v.split())} for k, v in ORDER.items()}


def _x(node: etree._Element, xp: str) -> list:
    return node.xpath(xp, namespaces=NS)


def _ln(el: etree._Element) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def _put(parent: etree._Element, new: etree._Element, order: str) -> etree._Element:
    """Insert ``new`` into ``parent`` at its place in the schema order (after the last child not behind it)."""
    idx = ORDER_INDEX[order]
    mine = idx.get(_ln(new), len(idx))
    anchor = None
    for child in parent:
        if isinstance(child.tag, str) and idx.get(_ln(child), len(idx)) <= mine:
            anchor = child
    if anchor is None:
        parent.insert(0, new)
    else:
        anchor.addnext(new)
    return new


def _el(ns: str, name: str, text: str | None = None, **attrs: str) -> etree._Element:
    e = etree.Element(f"{{{NS[ns]}}}{name}", **attrs)
    e.text = text
    return e


def _tree(
    ns: str, name: str, *children: etree._Element, text: str | None = None, **attrs: str
) -> etree._Element:
    e = _el(ns, name, text, **attrs)
    for c in children:
        e.append(c)
    return e


def _dec(el: etree._Element | None) -> Decimal | None:
    if el is None:
        return None
    try:
        return Decimal((el.text or "").strip())
    except InvalidOperation:
        return None


def _money(d: Decimal) -> str:
    return str(d.quantize(CENT))


def _shift(el: etree._Element | None, delta: Decimal) -> None:
    d = _dec(el)
    if el is not None and d is not None:
        el.text = _money(d + delta)


def _is_ubl(root: etree._Element) -> bool:
    return _ln(root) in ("Invoice", "CreditNote")


def _lines(root: etree._Element) -> list[etree._Element]:
    if _is_ubl(root):
        return _x(root, "cac:InvoiceLine | cac:CreditNoteLine")
    return _x(root, "rsm:SupplyChainTradeTransaction/ram:IncludedSupplyChainTradeLineItem")


def _cur(root: etree._Element) -> str:
    got = _x(root, "string(cbc:DocumentCurrencyCode | //ram:InvoiceCurrencyCode)")
    return got.strip() or "EUR"


def _line_net(line: etree._Element) -> Decimal | None:
    got = _x(
        line,
        "cbc:LineExtensionAmount | .//ram:SpecifiedTradeSettlementLineMonetarySummation/ram:LineTotalAmount",
    )
    return _dec(got[0]) if got else None


def _where(root: etree._Element, el: etree._Element) -> str:
    return root.getroottree().getpath(el)


def t_line_ac(root: etree._Element, rnd: random.Random) -> str | None:
    """Line allowances/charges (BR-41..44, BR-CO-7/8 line variants): a net-zero pair, or one with a sender error."""
    lines = _lines(root)
    if not lines:
        return None
    line = rnd.choice(lines)
    ubl = _is_ubl(root)
    net = _line_net(line) or Decimal(100)
    pct = rnd.choice([Decimal(5), Decimal(10), Decimal("2.5"), Decimal(3)])
    amount = (abs(net) * pct / 100).quantize(CENT) or CENT
    flaw = rnd.choice(
        [
            "none",
            "none",
            "single",
            "off-by-cent",
            "no-reason",
            "bad-code",
            "code-for-other-kind",
            "no-base",
            "base-no-percent",
            "three-decimals",
            "negative",
            "no-indicator",
        ]
    )
    made = []
    for charge in [True, False] if flaw != "single" else [rnd.choice([True, False])]:
        code = "FC" if charge else "95"
        if flaw == "bad-code":
            code = rnd.choice(["ZZZ", "999", "fc", ""])
        elif flaw == "code-for-other-kind":
            code = "95" if charge else "FC"
        amt = amount + (CENT if flaw == "off-by-cent" and charge else 0)
        amt_text = f"{amt:.3f}" if flaw == "three-decimals" else _money(-amt if flaw == "negative" else amt)
        ind = "true" if charge else "false"
        if ubl:
            cur = _cur(root)
            kids = [_el("cbc", "ChargeIndicator", ind)]
            if flaw != "no-reason":
                kids += [
                    _el("cbc", "AllowanceChargeReasonCode", code),
                    _el("cbc", "AllowanceChargeReason", "Fracht" if charge else "Rabatt"),
                ]
            if flaw != "no-base":
                kids.append(_el("cbc", "MultiplierFactorNumeric", str(pct)))
            kids.append(_el("cbc", "Amount", amt_text, currencyID=cur))
            kids.append(_el("cbc", "BaseAmount", _money(abs(net)), currencyID=cur))
            if flaw == "base-no-percent":
                kids = [k for k in kids if _ln(k) != "MultiplierFactorNumeric"]
            if flaw == "no-indicator":
                kids = kids[1:]
            ac = _put(line, _tree("cac", "AllowanceCharge", *kids), "ubl-line")
        else:
            kids = [_tree("ram", "ChargeIndicator", _el("udt", "Indicator", ind))]
            if flaw != "no-base":
                kids.append(_el("ram", "CalculationPercent", str(pct)))
            kids.append(_el("ram", "BasisAmount", _money(abs(net))))
            if flaw == "base-no-percent":
                kids = [k for k in kids if _ln(k) != "CalculationPercent"]
            kids.append(_el("ram", "ActualAmount", amt_text))
            if flaw != "no-reason":
                kids += [
                    _el("ram", "ReasonCode", code),
                    _el("ram", "Reason", "Fracht" if charge else "Rabatt"),
                ]
            if flaw == "no-indicator":
                kids = kids[1:]
            sett = _x(line, "ram:SpecifiedLineTradeSettlement")
            if not sett:
                return None
            ac = _put(sett[0], _tree("ram", "SpecifiedTradeAllowanceCharge", *kids), "cii-line")
        made.append(ac)
    return f"line allowance/charge ({flaw}) in {_where(root, line)}"


def t_doc_ac(root: etree._Element, rnd: random.Random) -> str | None:
    """Document level allowance + charge of one amount with reason codes (totals kept), or one with an error."""
    ubl = _is_ubl(root)
    amount = rnd.choice([Decimal("10.00"), Decimal("0.01"), Decimal("123.45")])
    flaw = rnd.choice(
        [
            "none",
            "none",
            "no-totals",
            "no-category",
            "other-rate",
            "no-reason",
            "bad-code",
            "single",
            "totals-off-by-cent",
        ]
    )
    kinds = [True, False] if flaw != "single" else [rnd.choice([True, False])]
    if ubl:
        cats = _x(root, "cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory")
        total = _x(root, "cac:LegalMonetaryTotal")
        if not cats or not total:
            return None
        cur = _cur(root)
        for charge in kinds:
            cat = _tree(
                "cac",
                "TaxCategory",
                *[
                    etree.fromstring(etree.tostring(c))
                    for c in cats[0]
                    if _ln(c) in ("ID", "Percent", "TaxScheme")
                ],
            )
            if flaw == "other-rate":
                for p in _x(cat, "cbc:Percent"):
                    p.text = "16"
            kids = [_el("cbc", "ChargeIndicator", "true" if charge else "false")]
            if flaw != "no-reason":
                kids += [
                    _el(
                        "cbc",
                        "AllowanceChargeReasonCode",
                        rnd.choice(["ZZZ", "AAA"]) if flaw == "bad-code" else ("FC" if charge else "95"),
                    ),
                    _el("cbc", "AllowanceChargeReason", "Fracht" if charge else "Rabatt"),
                ]
            kids.append(_el("cbc", "Amount", _money(amount), currencyID=cur))
            if flaw != "no-category":
                kids.append(cat)
            _put(root, _tree("cac", "AllowanceCharge", *kids), "ubl-root")
            if flaw != "no-totals":
                name = "ChargeTotalAmount" if charge else "AllowanceTotalAmount"
                got = _x(total[0], f"cbc:{name}")
                delta = amount + (CENT if flaw == "totals-off-by-cent" else 0)
                if got:
                    _shift(got[0], delta)
                else:
                    _put(total[0], _el("cbc", name, _money(delta), currencyID=cur), "ubl-total")
    else:
        sett = _x(root, "rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeSettlement")
        if not sett:
            return None
        taxes = _x(sett[0], "ram:ApplicableTradeTax")
        summ = _x(sett[0], "ram:SpecifiedTradeSettlementHeaderMonetarySummation")
        if not taxes or not summ:
            return None
        for charge in kinds:
            tax = _tree(
                "ram",
                "CategoryTradeTax",
                *[
                    etree.fromstring(etree.tostring(c))
                    for c in taxes[0]
                    if _ln(c) in ("TypeCode", "CategoryCode", "RateApplicablePercent")
                ],
            )
            if flaw == "other-rate":
                for p in _x(tax, "ram:RateApplicablePercent"):
                    p.text = "16"
            kids = [
                _tree("ram", "ChargeIndicator", _el("udt", "Indicator", "true" if charge else "false")),
                _el("ram", "ActualAmount", _money(amount)),
            ]
            if flaw != "no-reason":
                kids += [
                    _el(
                        "ram",
                        "ReasonCode",
                        rnd.choice(["ZZZ", "AAA"]) if flaw == "bad-code" else ("FC" if charge else "95"),
                    ),
                    _el("ram", "Reason", "Fracht" if charge else "Rabatt"),
                ]
            if flaw != "no-category":
                kids.append(tax)
            _put(sett[0], _tree("ram", "SpecifiedTradeAllowanceCharge", *kids), "cii-header")
            if flaw != "no-totals":
                name = "ChargeTotalAmount" if charge else "AllowanceTotalAmount"
                got = _x(summ[0], f"ram:{name}")
                delta = amount + (CENT if flaw == "totals-off-by-cent" else 0)
                if got:
                    _shift(got[0], delta)
                else:
                    _put(summ[0], _el("ram", name, _money(delta)), "cii-sum")
    return f"document allowance/charge ({flaw}, {amount})"


def t_subline(root: etree._Element, rnd: random.Random) -> str | None:
    """Sub-lines (XRechnung extension): a line split into one or two sub-lines, amounts summing up or not."""
    lines = _lines(root)
    if not lines:
        return None
    line = rnd.choice(lines)
    k = rnd.choice([1, 2])
    flaw = rnd.choice(["none", "none", "sum-off", "same-id", "no-amount"])
    net = _line_net(line) or Decimal(0)
    parts = [(net / k).quantize(CENT)] * (k - 1)
    parts.append(net - sum(parts, Decimal(0)) + (CENT if flaw == "sum-off" else 0))
    lid = _x(line, "string(cbc:ID | ram:AssociatedDocumentLineDocument/ram:LineID)").strip()
    if _is_ubl(root):
        sub_name = "SubInvoiceLine" if _ln(line) == "InvoiceLine" else "SubCreditNoteLine"
        for i, part in enumerate(parts, 1):
            sub = etree.fromstring(etree.tostring(line))
            sub.tag = f"{{{NS['cac']}}}{sub_name}"
            for s in _x(sub, "cac:SubInvoiceLine | cac:SubCreditNoteLine"):
                sub.remove(s)
            for e in _x(sub, "cbc:ID"):
                e.text = lid if flaw == "same-id" else f"{lid}.{i}"
            for e in _x(sub, "cbc:LineExtensionAmount"):
                if flaw == "no-amount":
                    sub.remove(e)
                else:
                    e.text = _money(part)
            _put(line, sub, "ubl-line")
    else:
        doc = _x(line, "ram:AssociatedDocumentLineDocument")
        if not doc:
            return None
        if not _x(doc[0], "ram:LineStatusReasonCode"):
            _put(doc[0], _el("ram", "LineStatusReasonCode", "GROUP"), "cii-lined")
        anchor = line
        for i, part in enumerate(parts, 1):
            sub = etree.fromstring(etree.tostring(line))
            sdoc = _x(sub, "ram:AssociatedDocumentLineDocument")[0]
            for e in _x(sdoc, "ram:LineID"):
                e.text = lid if flaw == "same-id" else f"{lid}.{i}"
            for e in _x(sdoc, "ram:LineStatusReasonCode"):
                e.text = "DETAIL"
            _put(sdoc, _el("ram", "ParentLineID", lid), "cii-lined")
            for e in _x(sub, ".//ram:SpecifiedTradeSettlementLineMonetarySummation/ram:LineTotalAmount"):
                if flaw == "no-amount":
                    e.getparent().remove(e)
                else:
                    e.text = _money(part)
            anchor.addnext(sub)
            anchor = sub
    return f"{k} sub-line(s) ({flaw}) of line {lid!r}"


EXEMPT = {
    "E": ("VATEX-EU-79-C", "Steuerbefreit"),
    "AE": ("VATEX-EU-AE", "Reverse charge"),
    "K": ("VATEX-EU-IC", "Innergemeinschaftliche Lieferung"),
    "G": ("VATEX-EU-G", "Ausfuhr"),
    "O": ("VATEX-EU-O", "Nicht steuerbar"),
    "Z": ("", ""),
    "L": ("", ""),
    "M": ("", ""),
}


def t_vat_category(root: etree._Element, rnd: random.Random) -> str | None:
    """One line moves to another VAT category with its own breakdown (sums and totals kept), or with an error."""
    lines = _lines(root)
    if not lines:
        return None
    line = rnd.choice(lines)
    new = rnd.choice(sorted(EXEMPT))
    flaw = rnd.choice(
        [
            "none",
            "none",
            "no-reason",
            "rate",
            "tax-not-recomputed",
            "no-breakdown",
            "reason-code-only",
            "reason-text-only",
            "wrong-reason-code",
            "line-only",
        ]
    )
    code, text = EXEMPT[new]
    rate = Decimal(rnd.choice(["7", "19"])) if flaw == "rate" else (Decimal(0) if new != "O" else None)
    if new in ("L", "M"):
        rate = Decimal(rnd.choice(["3", "7"])) if flaw != "rate" else Decimal(0)
    if flaw == "no-reason" or not code:
        code, text = "", ""
    elif flaw == "reason-code-only":
        text = ""
    elif flaw == "reason-text-only":
        code = ""
    elif flaw == "wrong-reason-code":
        code = rnd.choice(["VATEX-EU-XX", "vatex-eu-ic", "VATEX-EU-AE "])
    ubl = _is_ubl(root)
    if ubl:
        lcat = _x(line, "cac:Item/cac:ClassifiedTaxCategory")
        net = _dec((_x(line, "cbc:LineExtensionAmount") or [None])[0])
        if not lcat or net is None:
            return None
        old_id = _x(lcat[0], "string(cbc:ID)").strip()
        old_rate = _dec((_x(lcat[0], "cbc:Percent") or [None])[0])
        for e in _x(lcat[0], "cbc:ID"):
            e.text = new
        for e in _x(lcat[0], "cbc:Percent | cbc:TaxExemptionReasonCode | cbc:TaxExemptionReason"):
            lcat[0].remove(e)
        if rate is not None:
            _put(lcat[0], _el("cbc", "Percent", str(rate)), "ubl-taxcat")
        if flaw == "line-only":
            return f"line {_where(root, line)} category {old_id} -> {new} ({flaw})"
        tt = _x(root, "cac:TaxTotal[cac:TaxSubtotal]")
        if not tt:
            return None
        cur = _cur(root)
        subs = _x(tt[0], "cac:TaxSubtotal")
        old = [
            s
            for s in subs
            if _x(s, "string(cac:TaxCategory/cbc:ID)").strip() == old_id
            and _dec((_x(s, "cac:TaxCategory/cbc:Percent") or [None])[0]) == old_rate
        ]
        delta_tax = Decimal(0)
        if old and _x(old[0], "cbc:TaxableAmount") and _x(old[0], "cbc:TaxAmount"):
            taxable_el = (_x(old[0], "cbc:TaxableAmount") or [None])[0]
            tax_el = (_x(old[0], "cbc:TaxAmount") or [None])[0]
            taxable = (_dec(taxable_el) or Decimal(0)) - net
            before = _dec(tax_el) or Decimal(0)
            taxable_el.text = _money(taxable)
            if flaw != "tax-not-recomputed":
                after = (taxable * (old_rate or 0) / 100).quantize(CENT)
                tax_el.text = _money(after)
                delta_tax = after - before
            if taxable == 0 and rnd.random() < 0.7:
                tt[0].remove(old[0])
        if flaw != "no-breakdown":
            new_tax = (net * (rate or 0) / 100).quantize(CENT) if new in ("L", "M") else Decimal(0)
            delta_tax += new_tax
            cat = [_el("cbc", "ID", new)]
            if rate is not None:
                cat.append(_el("cbc", "Percent", str(rate)))
            if code:
                cat.append(_el("cbc", "TaxExemptionReasonCode", code))
            if text:
                cat.append(_el("cbc", "TaxExemptionReason", text))
            cat.append(_tree("cac", "TaxScheme", _el("cbc", "ID", "VAT")))
            sub = _tree(
                "cac",
                "TaxSubtotal",
                _el("cbc", "TaxableAmount", _money(net), currencyID=cur),
                _el("cbc", "TaxAmount", _money(new_tax), currencyID=cur),
                _tree("cac", "TaxCategory", *cat),
            )
            tt[0].append(sub)
        _shift((_x(tt[0], "cbc:TaxAmount") or [None])[0], delta_tax)
        for name in ("TaxInclusiveAmount", "PayableAmount"):
            for e in _x(root, f"cac:LegalMonetaryTotal/cbc:{name}"):
                _shift(e, delta_tax)
    else:
        ltax = _x(line, "ram:SpecifiedLineTradeSettlement/ram:ApplicableTradeTax")
        net = _dec(
            (_x(line, ".//ram:SpecifiedTradeSettlementLineMonetarySummation/ram:LineTotalAmount") or [None])[
                0
            ]
        )
        sett = _x(root, "rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeSettlement")
        if not ltax or net is None or not sett:
            return None
        old_id = _x(ltax[0], "string(ram:CategoryCode)").strip()
        old_rate = _dec((_x(ltax[0], "ram:RateApplicablePercent") or [None])[0])
        for e in _x(ltax[0], "ram:CategoryCode"):
            e.text = new
        for e in _x(ltax[0], "ram:RateApplicablePercent | ram:ExemptionReason | ram:ExemptionReasonCode"):
            ltax[0].remove(e)
        if rate is not None:
            _put(ltax[0], _el("ram", "RateApplicablePercent", str(rate)), "cii-tax")
        if flaw == "line-only":
            return f"line {_where(root, line)} category {old_id} -> {new} ({flaw})"
        taxes = _x(sett[0], "ram:ApplicableTradeTax")
        old = [
            t
            for t in taxes
            if _x(t, "string(ram:CategoryCode)").strip() == old_id
            and _dec((_x(t, "ram:RateApplicablePercent") or [None])[0]) == old_rate
        ]
        delta_tax = Decimal(0)
        if old and _x(old[0], "ram:BasisAmount") and _x(old[0], "ram:CalculatedAmount"):
            basis_el = (_x(old[0], "ram:BasisAmount") or [None])[0]
            tax_el = (_x(old[0], "ram:CalculatedAmount") or [None])[0]
            taxable = (_dec(basis_el) or Decimal(0)) - net
            before = _dec(tax_el) or Decimal(0)
            basis_el.text = _money(taxable)
            if flaw != "tax-not-recomputed":
                after = (taxable * (old_rate or 0) / 100).quantize(CENT)
                tax_el.text = _money(after)
                delta_tax = after - before
            if taxable == 0 and rnd.random() < 0.7:
                sett[0].remove(old[0])
        if flaw != "no-breakdown":
            new_tax = (net * (rate or 0) / 100).quantize(CENT) if new in ("L", "M") else Decimal(0)
            delta_tax += new_tax
            kids = [_el("ram", "CalculatedAmount", _money(new_tax)), _el("ram", "TypeCode", "VAT")]
            if text:
                kids.append(_el("ram", "ExemptionReason", text))
            kids += [_el("ram", "BasisAmount", _money(net)), _el("ram", "CategoryCode", new)]
            if code:
                kids.append(_el("ram", "ExemptionReasonCode", code))
            if rate is not None:
                kids.append(_el("ram", "RateApplicablePercent", str(rate)))
            _put(sett[0], _tree("ram", "ApplicableTradeTax", *kids), "cii-header")
        summ = "ram:SpecifiedTradeSettlementHeaderMonetarySummation"
        cur = _cur(root)
        for e in _x(sett[0], f"{summ}/ram:TaxTotalAmount"):
            if e.get("currencyID", cur) == cur:
                _shift(e, delta_tax)
        for name in ("GrandTotalAmount", "DuePayableAmount"):
            for e in _x(sett[0], f"{summ}/ram:{name}"):
                _shift(e, delta_tax)
    return f"line {_where(root, line)} category {old_id} -> {new} rate {rate} ({flaw})"


def t_payment(root: etree._Element, rnd: random.Random) -> str | None:
    """Payment means: codes, IBAN, card and direct-debit groups."""
    ubl = _is_ubl(root)
    means = _x(root, "cac:PaymentMeans" if ubl else "//ram:SpecifiedTradeSettlementPaymentMeans")
    if not means:
        return None
    pm = rnd.choice(means)
    what = rnd.choice(["code", "code", "iban", "card", "mandate", "drop-account", "dup-means"])
    if what == "code":
        new = rnd.choice(
            ["30", "58", "59", "48", "54", "55", "57", "49", "1", "10", "42", "97", "ZZZ", "31", "99"]
        )
        for e in _x(pm, "cbc:PaymentMeansCode | ram:TypeCode"):
            e.text = new
        return f"payment means code := {new}"
    if what == "iban":
        ids = _x(pm, "cac:PayeeFinancialAccount/cbc:ID | ram:PayeePartyCreditorFinancialAccount/ram:IBANID")
        if not ids:
            return None
        old = (ids[0].text or "").strip()
        new = rnd.choice(
            [
                old.lower(),
                " ".join(old[i : i + 4] for i in range(0, len(old), 4)),
                old[:2] + "00" + old[4:],
                old[:-1] + str((int(old[-1]) + 1) % 10) if old[-1:].isdigit() else old + "1",
                "DE",
                "123456789",
            ]
        )
        ids[0].text = new
        return f"IBAN {old!r} -> {new!r}"
    if what == "card":
        pan = rnd.choice(["1234", "************1234", "4111111111111111", ""])
        if ubl:
            card = _tree(
                "cac",
                "CardAccount",
                _el("cbc", "PrimaryAccountNumberID", pan),
                _el("cbc", "NetworkID", rnd.choice(["VISA", "MC", ""])),
                _el("cbc", "HolderName", "Max M"),
            )
            _put(pm, card, "ubl-means")
        else:
            card = _tree(
                "ram",
                "ApplicableTradeSettlementFinancialCard",
                _el("ram", "ID", pan),
                _el("ram", "CardholderName", "Max M"),
            )
            _put(pm, card, "cii-means")
        if rnd.random() < 0.5:
            for e in _x(pm, "cbc:PaymentMeansCode | ram:TypeCode"):
                e.text = rnd.choice(["48", "54", "55"])
        return f"card {pan!r} added"
    if what == "mandate":
        acc = rnd.choice(["DE75512108001245126199", "DE00512108001245126199", ""])
        if ubl:
            _put(
                pm,
                _tree(
                    "cac",
                    "PaymentMandate",
                    _el("cbc", "ID", rnd.choice(["M-1", ""])),
                    _tree("cac", "PayerFinancialAccount", _el("cbc", "ID", acc)),
                ),
                "ubl-means",
            )
        else:
            _put(pm, _tree("ram", "PayerPartyDebtorFinancialAccount", _el("ram", "IBANID", acc)), "cii-means")
            terms = _x(root, "//ram:ApplicableHeaderTradeSettlement/ram:SpecifiedTradePaymentTerms")
            if terms and rnd.random() < 0.6:
                terms[0].append(_el("ram", "DirectDebitMandateID", "M-1"))
        if rnd.random() < 0.6:
            for e in _x(pm, "cbc:PaymentMeansCode | ram:TypeCode"):
                e.text = "59"
        return f"direct debit account {acc!r} added"
    if what == "drop-account":
        got = _x(pm, "cac:PayeeFinancialAccount | ram:PayeePartyCreditorFinancialAccount")
        if not got:
            return None
        pm.remove(got[0])
        return "payee account dropped"
    copy = etree.fromstring(etree.tostring(pm))
    for e in _x(copy, "cbc:PaymentMeansCode | ram:TypeCode"):
        e.text = rnd.choice(["30", "58", "59", "1"])
    pm.addnext(copy)
    return "second payment means"


DATE_XP = {
    True: "//cbc:IssueDate | //cbc:DueDate | //cbc:TaxPointDate | //cbc:StartDate | //cbc:EndDate"
    " | //cbc:ActualDeliveryDate | //cbc:PaymentDueDate",
    False: "//udt:DateTimeString | //qdt:DateTimeString",
}


def t_date(root: etree._Element, rnd: random.Random) -> str | None:
    """Dates in wrong formats, impossible dates, CII format attributes."""
    ubl = _is_ubl(root)
    dates = _x(root, DATE_XP[ubl])
    if not dates:
        return None
    el = rnd.choice(dates)
    old = (el.text or "").strip()
    if ubl or rnd.random() < 0.5:
        ymd = old.replace("-", "")
        y, m, d = ymd[:4], ymd[4:6], ymd[6:8]
        if not (y + m + d).isdigit():  # an earlier change already broke it
            y, m, d = "2026", "03", "05"
        new = rnd.choice(
            [
                f"{d}.{m}.{y}",
                f"{y}/{m}/{d}",
                f"{y}-{m}-{d}T10:00:00",
                f"{y}-{int(m or 1)}-{int(d or 1)}",
                f"{y}{m}{d}",
                f"{y}-{m}-{d}",
                f"{y}-02-30",
                f"{y}-{m}-{d}Z",
                f"{y}{m}",
                f" {old}",
            ]
        )
        el.text = new
        return f"date {_where(root, el)}: {old!r} -> {new!r}"
    new_fmt = rnd.choice(["610", "616", "", "203", None])
    if new_fmt is None:
        el.attrib.pop("format", None)
    else:
        el.set("format", new_fmt)
    if new_fmt == "610" and rnd.random() < 0.5:
        el.text = old[:6]
    return f"date format of {_where(root, el)} := {new_fmt!r} ({el.text!r})"


AMOUNT_XP = {
    True: "//cbc:*[contains(local-name(), 'Amount') or local-name() = 'PriceAmount']",
    False: "//ram:*[contains(local-name(), 'Amount') and not(*)]",
}
QTY_XP = {
    True: "//cbc:InvoicedQuantity | //cbc:CreditedQuantity | //cbc:BaseQuantity | //cbc:MultiplierFactorNumeric"
    " | //cbc:Percent",
    False: "//ram:BilledQuantity | //ram:BasisQuantity | //ram:RateApplicablePercent | //ram:CalculationPercent",
}


def t_decimals(root: etree._Element, rnd: random.Random) -> str | None:
    """Too many decimals, decimal comma, thousands separators on amounts; long quantities and percents."""
    ubl = _is_ubl(root)
    pick = _x(root, AMOUNT_XP[ubl] if rnd.random() < 0.7 else QTY_XP[ubl])
    pick = [e for e in pick if _dec(e) is not None]
    if not pick:
        return None
    el = rnd.choice(pick)
    d = _dec(el)
    assert d is not None
    new = rnd.choice(
        [
            f"{d:.3f}",
            f"{d:.4f}",
            f"{d + Decimal('0.001'):.3f}",
            f"{d:.2f}".replace(".", ","),
            f"{d:,.2f}",
            f"{d:.6f}",
            f"+{d:.2f}",
            f"{d:.1f}",
            f"{d:.0f}",
            f"{d:.2f} ",
        ]
    )
    old = el.text
    el.text = new
    return f"decimals {_where(root, el)}: {old!r} -> {new!r}"


def t_rounding(root: etree._Element, rnd: random.Random) -> str | None:
    """An amount off by one cent; sometimes a line and the sum of line amounts together."""
    ubl = _is_ubl(root)
    step = rnd.choice([CENT, -CENT])
    if rnd.random() < 0.4:
        lines = _lines(root)
        if not lines:
            return None
        line = rnd.choice(lines)
        la = _x(
            line,
            "cbc:LineExtensionAmount | .//ram:SpecifiedTradeSettlementLineMonetarySummation/ram:LineTotalAmount",
        )
        tot = _x(
            root,
            "cac:LegalMonetaryTotal/cbc:LineExtensionAmount"
            " | //ram:SpecifiedTradeSettlementHeaderMonetarySummation/ram:LineTotalAmount",
        )
        for e in la[:1] + tot[:1]:
            _shift(e, step)
        return f"line {_where(root, line)} and the line total {step:+}"
    pick = [e for e in _x(root, AMOUNT_XP[ubl]) if _dec(e) is not None]
    if not pick:
        return None
    el = rnd.choice(pick)
    _shift(el, step)
    return f"rounding {_where(root, el)} {step:+}"


def t_swap_parties(root: etree._Element, rnd: random.Random) -> str | None:
    """Seller and buyer fields swapped (names, addresses, tax ids, whole parties)."""
    if _is_ubl(root):
        s = _x(root, "cac:AccountingSupplierParty/cac:Party")
        b = _x(root, "cac:AccountingCustomerParty/cac:Party")
        parts = [
            "cac:PartyName",
            "cac:PostalAddress",
            "cac:PartyTaxScheme",
            "cac:PartyLegalEntity",
            "cac:Contact",
            "cbc:EndpointID",
            "cac:PartyIdentification",
        ]
    else:
        s = _x(root, "//ram:SellerTradeParty")
        b = _x(root, "//ram:BuyerTradeParty")
        parts = [
            "ram:Name",
            "ram:PostalTradeAddress",
            "ram:SpecifiedTaxRegistration",
            "ram:SpecifiedLegalOrganization",
            "ram:DefinedTradeContact",
            "ram:URIUniversalCommunication",
            "ram:ID",
        ]
    if not s or not b:
        return None
    part = rnd.choice(parts + ["all"])
    if part == "all":
        sp, bp = s[0], b[0]
        tmp = list(sp)
        for c in list(sp):
            sp.remove(c)
        for c in list(bp):
            sp.append(c)
        for c in tmp:
            bp.append(c)
        return "seller and buyer parties swapped"
    se, be = _x(s[0], part), _x(b[0], part)
    if se and be:
        a, c = se[0], be[0]
        ta, tc = etree.fromstring(etree.tostring(a)), etree.fromstring(etree.tostring(c))
        a.getparent().replace(a, tc)
        c.getparent().replace(c, ta)
        return f"seller/buyer {part} swapped"
    if se:  # only the seller has it: the sender put it on the buyer instead
        el = se[0]
        s[0].remove(el)
        anchor = _x(b[0], parts[0])
        (anchor[0].addnext(el) if anchor else b[0].insert(0, el))
        return f"seller's {part} moved to the buyer"
    return None


def t_buyer_reference(root: etree._Element, rnd: random.Random) -> str | None:
    """Leitweg-ID / buyer reference missing, empty or malformed."""
    refs = _x(root, "cbc:BuyerReference | //ram:ApplicableHeaderTradeAgreement/ram:BuyerReference")
    if not refs:
        return None
    el = refs[0]
    old = (el.text or "").strip()
    what = rnd.choice(["drop", "drop", "empty", "n/a", "checksum", "lower", "spaces", "order-ref"])
    if what == "drop":
        el.getparent().remove(el)
    elif what == "empty":
        el.text = ""
    elif what == "n/a":
        el.text = rnd.choice(["n/a", "-", "0"])
    elif what == "checksum":
        el.text = old[:-1] + ("0" if old[-1:] != "0" else "1")
    elif what == "lower":
        el.text = old.lower() + "-x"
    elif what == "spaces":
        el.text = " " + old.replace("-", " ") + " "
    else:
        el.getparent().remove(el)
        if _is_ubl(root) and not _x(root, "cac:OrderReference"):
            _put(root, _tree("cac", "OrderReference", _el("cbc", "ID", old)), "ubl-root")
    return f"buyer reference {what} ({old!r})"


CODE_FIELDS = {
    "currency": (
        "cbc:DocumentCurrencyCode | cbc:TaxCurrencyCode | //ram:InvoiceCurrencyCode | //ram:TaxCurrencyCode",
        ["EURO", "eur", "DEM", "XXX", "USD", "€", "EUR "],
    ),
    "country": (
        "//cbc:IdentificationCode | //ram:CountryID | //cbc:CountrySubentityCode",
        ["GER", "de", "UK", "EL", "XK", "ZZ", "D"],
    ),
    "unit": (
        (
            "//cbc:InvoicedQuantity | //cbc:CreditedQuantity | //cbc:BaseQuantity | //ram:BilledQuantity"
            " | //ram:BasisQuantity"
        ),
        ["PCE", "STK", "c62", "H87 ", "ZZ", "XPP", "LTR", ""],
    ),
    "tax category": (
        "//cac:ClassifiedTaxCategory/cbc:ID | //cac:TaxCategory/cbc:ID | //ram:CategoryCode",
        ["s", "VAT", "19", "Z", "E", "B", "L", "M", "AA"],
    ),
    "eas": (
        "//cbc:EndpointID | //ram:URIUniversalCommunication/ram:URIID",
        ["GLN", "9999", "EM", "em", "0088", "0204", "9930", "0060", ""],
    ),
    "type code": (
        "cbc:InvoiceTypeCode | cbc:CreditNoteTypeCode | rsm:ExchangedDocument/ram:TypeCode",
        ["380", "381", "384", "389", "326", "751", "875", "876", "877", "71", "123", "0"],
    ),
    "allowance reason": (
        "//cbc:AllowanceChargeReasonCode | //ram:SpecifiedTradeAllowanceCharge/ram:ReasonCode",
        ["95", "FC", "ZZZ", "AAA", "100", "102", "999", "ABL"],
    ),
    "tax scheme": (
        "//cac:TaxScheme/cbc:ID | //ram:ApplicableTradeTax/ram:TypeCode",
        ["VA", "vat", "GST", "IVA"],
    ),
    "mime": (
        "//cbc:EmbeddedDocumentBinaryObject | //ram:AttachmentBinaryObject",
        ["application/xml", "image/gif", "text/plain", "application/pdf "],
    ),
}


def t_codes(root: etree._Element, rnd: random.Random) -> str | None:
    """Wrong code-list values: currency, country, unit, tax category, EAS scheme, type codes."""
    field = rnd.choice(sorted(CODE_FIELDS))
    xp, values = CODE_FIELDS[field]
    got = _x(root, xp)
    if not got:
        return None
    el = rnd.choice(got)
    new = rnd.choice(values)
    attr = {"unit": "unitCode", "eas": "schemeID", "mime": "mimeCode"}.get(field)
    if field == "currency" and rnd.random() < 0.4:
        amounts = [e for e in _x(root, "//*[@currencyID]")]
        if not amounts:
            return None
        el, attr = rnd.choice(amounts), "currencyID"
    if attr:
        old = el.get(attr)
        el.set(attr, new)
    else:
        old = el.text
        el.text = new
    return f"{field} {_where(root, el)}{'/@' + attr if attr else ''}: {old!r} -> {new!r}"


def t_notes(root: etree._Element, rnd: random.Random) -> str | None:
    """Notes with subject codes (CII IncludedNote, UBL '#XXX#' prefix), empty notes, duplicates."""
    code = rnd.choice(["AAI", "REG", "ABL", "TXD", "SUR", "XXX", "", "aai"])
    content = rnd.choice(["Es gelten unsere AGB.", "", " "])
    if _is_ubl(root):
        note = _el("cbc", "Note", f"#{code}#{content}" if code else content)
        _put(root, note, "ubl-root")
        if rnd.random() < 0.3:
            note.addnext(etree.fromstring(etree.tostring(note)))
        return f"note {note.text!r}"
    doc = _x(root, "rsm:ExchangedDocument")
    if not doc:
        return None
    kids = [_el("ram", "Content", content)] if content or rnd.random() < 0.5 else []
    if code:
        kids.append(_el("ram", "SubjectCode", code))
    note = _tree("ram", "IncludedNote", *kids)
    doc[0].append(note)
    if rnd.random() < 0.3:
        note.addnext(etree.fromstring(etree.tostring(note)))
    return f"included note code {code!r} content {content!r}"


def t_summation(root: etree._Element, rnd: random.Random) -> str | None:
    """Monetary summation: element order swapped, a total dropped, currency attributes on the wrong totals."""
    summ = _x(root, "cac:LegalMonetaryTotal | //ram:SpecifiedTradeSettlementHeaderMonetarySummation")
    if not summ or len(summ[0]) < 2:
        return None
    s = summ[0]
    kids = [k for k in s if isinstance(k.tag, str)]
    what = rnd.choice(["swap", "drop", "currency", "tax-currency"])
    if what == "swap":
        i = rnd.randrange(len(kids) - 1)
        kids[i].addprevious(kids[i + 1])
        return f"summation {_ln(kids[i])} and {_ln(kids[i + 1])} swapped"
    if what == "drop":
        el = rnd.choice(kids)
        s.remove(el)
        return f"summation {_ln(el)} dropped"
    if what == "currency":
        el = rnd.choice(kids)
        new = rnd.choice(["USD", "EUR", None])
        if new is None:
            el.attrib.pop("currencyID", None)
        else:
            el.set("currencyID", new)
        return f"summation {_ln(el)} currencyID := {new!r}"
    if _is_ubl(root):
        tt = _x(root, "cac:TaxTotal")
        if not tt:
            return None
        copy = _tree(
            "cac", "TaxTotal", _el("cbc", "TaxAmount", "12.34", currencyID=rnd.choice(["USD", "EUR"]))
        )
        tt[-1].addnext(copy)
        return "second tax total in another currency"
    tax = _x(s, "ram:TaxTotalAmount")
    if not tax:
        return None
    copy = etree.fromstring(etree.tostring(tax[0]))
    copy.set("currencyID", rnd.choice(["USD", "EUR"]))
    tax[0].addnext(copy)
    return "second TaxTotalAmount"


def t_insert(root: etree._Element, rnd: random.Random) -> str | None:
    """Copy an element into an allowed but unusual place: a second invoice period, a period/note on a line."""
    ubl = _is_ubl(root)
    what = rnd.choice(["period", "line-period", "line-note", "reversed-period"])
    y = _x(root, "string(cbc:IssueDate | rsm:ExchangedDocument/ram:IssueDateTime/udt:DateTimeString)").strip()
    y = y.replace("-", "")[:4] or "2024"
    start, end = (f"{y}-01-01", f"{y}-01-31") if what != "reversed-period" else (f"{y}-02-01", f"{y}-01-01")
    lines = _lines(root)
    if what in ("line-period", "line-note") and not lines:
        return None
    line = rnd.choice(lines) if lines else None
    if ubl:
        if what == "line-note":
            assert line is not None
            _put(line, _el("cbc", "Note", "Zeilenhinweis"), "ubl-line")
            return f"note on {_where(root, line)}"
        per = _tree("cac", "InvoicePeriod", _el("cbc", "StartDate", start), _el("cbc", "EndDate", end))
        if what == "line-period":
            assert line is not None
            _put(line, per, "ubl-line")
            return f"invoice period on {_where(root, line)}"
        _put(root, per, "ubl-root")
        return f"{what} {start}..{end}"
    s, e = start.replace("-", ""), end.replace("-", "")
    per = _tree(
        "ram",
        "BillingSpecifiedPeriod",
        _tree("ram", "StartDateTime", _el("udt", "DateTimeString", s, format="102")),
        _tree("ram", "EndDateTime", _el("udt", "DateTimeString", e, format="102")),
    )
    if what == "line-note":
        assert line is not None
        doc = _x(line, "ram:AssociatedDocumentLineDocument")
        if not doc:
            return None
        _put(doc[0], _tree("ram", "IncludedNote", _el("ram", "Content", "Zeilenhinweis")), "cii-lined")
        return f"note on {_where(root, line)}"
    if what == "line-period":
        assert line is not None
        sett = _x(line, "ram:SpecifiedLineTradeSettlement")
        if not sett:
            return None
        _put(sett[0], per, "cii-line")
        return f"billing period on {_where(root, line)}"
    sett = _x(root, "rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeSettlement")
    if not sett:
        return None
    _put(sett[0], per, "cii-header")
    return f"{what} {s}..{e}"


# (source path, target parent path, schema order of the target) for copies into allowed but unusual places
COPIES = {
    True: [
        ("cac:AccountingSupplierParty/cac:Party/cac:Contact", "cac:AccountingCustomerParty/cac:Party", None),
        (
            "cac:AccountingSupplierParty/cac:Party/cac:PartyIdentification",
            "cac:AccountingCustomerParty/cac:Party",
            None,
        ),
        ("cac:Delivery", "cac:InvoiceLine | cac:CreditNoteLine", "ubl-line"),
        ("cac:AdditionalDocumentReference", ".", "ubl-root"),
        ("cac:OrderReference", ".", "ubl-root"),
        ("cac:PaymentTerms", ".", "ubl-root"),
    ],
    False: [
        ("//ram:SellerTradeParty/ram:DefinedTradeContact", "//ram:BuyerTradeParty", None),
        ("//ram:SellerTradeParty/ram:SpecifiedLegalOrganization", "//ram:BuyerTradeParty", None),
        (
            "//ram:ApplicableHeaderTradeAgreement/ram:AdditionalReferencedDocument",
            "//ram:ApplicableHeaderTradeAgreement",
            None,
        ),
        (
            "//ram:ApplicableHeaderTradeSettlement/ram:SpecifiedTradePaymentTerms",
            "//ram:ApplicableHeaderTradeSettlement",
            "cii-header",
        ),
        ("rsm:ExchangedDocument/ram:IncludedNote", "rsm:ExchangedDocument", None),
    ],
}


def t_copy(root: etree._Element, rnd: random.Random) -> str | None:
    """Copy an element into an allowed but unusual place: the seller's contact or id to the buyer, the delivery
    onto a line, a second document reference, order reference, payment terms or note."""
    ubl = _is_ubl(root)
    src_xp, dst_xp, order = rnd.choice(COPIES[ubl])
    src, dst = _x(root, src_xp), _x(root, dst_xp)
    if not src or not dst:
        return None
    el, parent = rnd.choice(src), rnd.choice(dst)
    copy = etree.fromstring(etree.tostring(el))
    if order is not None:
        _put(parent, copy, order)
    else:
        same = [c for c in parent if _ln(c) == _ln(el)]
        (same[-1].addnext(copy) if same else parent.append(copy))
    return f"copy {_where(root, el)} into {_where(root, parent)}"


TARGETED = [
    t_line_ac,
    t_line_ac,
    t_doc_ac,
    t_subline,
    t_vat_category,
    t_vat_category,
    t_payment,
    t_date,
    t_decimals,
    t_rounding,
    t_rounding,
    t_swap_parties,
    t_buyer_reference,
    t_codes,
    t_codes,
    t_notes,
    t_summation,
    t_insert,
    t_copy,
]


# --- run ---------------------------------------------------------------------------------------------------------


def corpus_rows(shared: Path) -> list[dict]:
    lines = (shared / "corpus" / "einvoice" / "expected.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def check_reference(oracle: Oracle, shared: Path) -> int:
    """The reference must reproduce expected.jsonl on every scenario-matched corpus file."""
    bad = 0
    n = 0
    for row in corpus_rows(shared):
        if not row.get("scenario") or not row.get("well_formed"):
            continue
        n += 1
        v = oracle.judge(shared / "corpus" / "einvoice" / row["file"], row["syntax"], row["scenario"])
        want_err = set(row["errors"])
        if v.accept != row["accept"] or set(v.errors) != want_err or v.xsd_ok != bool(row.get("xsd_ok")):
            bad += 1
            print(
                f"REFERENCE MISMATCH {row['file']}: accept {v.accept}/{row['accept']} xsd {v.xsd_ok}/"
                f"{row.get('xsd_ok')} errors +{sorted(v.errors - want_err)} -{sorted(want_err - v.errors)}"
            )
    print(f"reference vs expected.jsonl: {n - bad}/{n} scenario-matched corpus files agree")
    return bad


def add_shared_option(ap: argparse.ArgumentParser) -> None:
    """``--shared PATH``: the shared folder (default $AKTENFLUSS_SHARED or ../shared beside the checkout)."""
    ap.add_argument(
        "--shared", type=Path, default=Path(os.environ.get("AKTENFLUSS_SHARED") or ROOT.parent / "shared")
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_shared_option(ap)
    ap.add_argument("--n", type=int, default=2000, help="mutants to judge")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--changes", default="1", help="changes per mutant: K or a range A-B (drawn per mutant)")
    ap.add_argument(
        "--targeted",
        type=float,
        default=0.0,
        help="share of changes drawn from the targeted sender-error kinds (0: the syntax-agnostic ones only)",
    )
    ap.add_argument(
        "--lexical",
        type=float,
        default=0.0,
        help="share of changes that alter how a value is written (blanks, -0.00, repeats, ...; 0: none)",
    )
    ap.add_argument("--out", type=Path, help="keep disagreeing mutants here")
    ap.add_argument("--corpus-only", action="store_true", help="only check the reference against the corpus")
    args = ap.parse_args()
    lo, _, hi = args.changes.partition("-")
    changes = (int(lo), int(hi or lo))
    if not (args.shared / "corpus" / "einvoice" / "expected.jsonl").exists():
        raise SystemExit(f"no corpus at {args.shared}/corpus/einvoice: pass --shared")
    art.fetch_libs()
    bases = [r for r in corpus_rows(args.shared) if r["accept"]]
    with tempfile.TemporaryDirectory(prefix="einv-diff-") as tmp:
        work = Path(tmp)
        oracle = Oracle(work, args.shared)
        try:
            if check_reference(oracle, args.shared) or args.corpus_only:
                return 1 if not args.corpus_only else 0
            rnd = random.Random(args.seed)
            stats: Counter[str] = Counter()
            by_rule: dict[str, list[str]] = defaultdict(list)
            if args.out:
                args.out.mkdir(parents=True, exist_ok=True)
            judged = 0
            while judged < args.n:
                row = rnd.choice(bases)
                base = (args.shared / "corpus" / "einvoice" / row["file"]).read_bytes()
                made = mutate(base, rnd, changes, args.targeted, args.lexical)
                if made is None:
                    continue
                data, how = made
                scenario, us = ours(data)
                if scenario is None:
                    stats["no scenario (skipped)"] += 1
                    continue
                path = work / "m.xml"
                path.write_bytes(data)
                try:
                    ref = oracle.judge(path, row["syntax"], scenario)
                except RuntimeError as exc:  # the XSLTs themselves fail (e.g. a duplicated single element)
                    # KoSIT: a processing error, no accept recommendation -> not acceptable; no rule ids to compare
                    stats["reference XSLT failed"] += 1
                    stats["  ... of these ours accepted"] += us.accept
                    if us.accept:
                        by_rule["reference aborted (not acceptable), ours accepted"].append(
                            f"{row['file']}: {how}: {str(exc)[-160:]}"
                        )
                    continue
                judged += 1
                stats["xsd invalid (reference)"] += not ref.xsd_ok
                same_accept = us.accept == ref.accept
                same_err = us.errors == ref.errors
                same_warn = us.warnings == ref.warnings if ref.xsd_ok else True
                stats["accept agrees"] += same_accept
                stats["errors agree"] += same_err
                stats["warnings agree"] += same_warn
                if same_accept and same_err and same_warn:
                    continue
                if us.xsd_ok != ref.xsd_ok:
                    key = f"xsd ours={us.xsd_ok} ref={ref.xsd_ok}"
                else:
                    diff = sorted((us.errors ^ ref.errors) | (us.warnings ^ ref.warnings))
                    key = " ".join(f"{'+' if r in us.errors | us.warnings else '-'}{r}" for r in diff)
                by_rule[key].append(
                    f"{row['file']}: {how}" + (f" [ref xsd: {ref.note[:160]}]" if ref.note else "")
                )
                if args.out:
                    name = f"d{judged:05d}.xml"
                    (args.out / name).write_bytes(data)
                    (args.out / f"{name}.json").write_text(
                        json.dumps(
                            {
                                "base": row["file"],
                                "mutation": how,
                                "scenario": scenario,
                                "ours": {
                                    "accept": us.accept,
                                    "xsd_ok": us.xsd_ok,
                                    "errors": sorted(us.errors),
                                    "warnings": sorted(us.warnings),
                                },
                                "reference": {
                                    "accept": ref.accept,
                                    "xsd_ok": ref.xsd_ok,
                                    "errors": sorted(ref.errors),
                                    "warnings": sorted(ref.warnings),
                                    "xsd": ref.note,
                                },
                            },
                            indent=1,
                        ),
                        encoding="utf-8",
                    )
        finally:
            oracle.close()
    n = judged
    print(
        f"mutants judged: {n} (seed {args.seed}, changes {args.changes}, targeted {args.targeted}, "
        f"lexical {args.lexical});"
        f" reference found {stats['xsd invalid (reference)']} schema-invalid;"
        f" skipped without scenario: {stats['no scenario (skipped)']}"
    )
    aborted = stats["reference XSLT failed"]
    print(
        f"  reference XSLTs aborted (KoSIT: processing error, not acceptable; not among the judged): {aborted}, "
        f"ours rejected {aborted - stats['  ... of these ours accepted']}/{aborted}"
    )
    for what in ("accept agrees", "errors agree", "warnings agree"):
        print(f"  {what}: {stats[what]}/{n} = {100 * stats[what] / max(n, 1):.2f} %")
    for key, examples in sorted(by_rule.items(), key=lambda kv: -len(kv[1])):
        print(f"{len(examples):5d}  {key}\n         e.g. {examples[0][:300]}")
    return 0 if len(by_rule) == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
