"""Differential check of our e-invoice validator against the official artefacts on many mutated invoices.

Usage: python bench/einvoice_differential.py [--n 2000] [--seed 1] [--shared PATH] [--out DIR] [--corpus-only]

The shared corpus holds 333 files with the official verdicts. Unseen files of the same kinds judge the validator,
so this bench makes many more: it takes every accepted corpus invoice (our own fixtures when ../shared is absent is
not supported: the corpus is the seed) and applies one random, syntax-agnostic mutation (drop an element, empty or
change a value, swap a code, shift an amount or a date, duplicate an element, change an attribute). Each mutant
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
mutation; ``--out DIR`` keeps the disagreeing files with a JSON note each. ``--corpus-only`` first checks the
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


def mutate(data: bytes, rnd: random.Random) -> tuple[bytes, str] | None:
    root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
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
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8"), how


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


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument(
        "--shared", type=Path, default=Path(os.environ.get("AKTENFLUSS_SHARED") or ROOT.parent / "shared")
    )
    ap.add_argument("--n", type=int, default=2000, help="mutants to judge")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", type=Path, help="keep disagreeing mutants here")
    ap.add_argument("--corpus-only", action="store_true", help="only check the reference against the corpus")
    args = ap.parse_args()
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
                made = mutate(base, rnd)
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
                    stats["reference XSLT failed (skipped)"] += 1
                    stats["  ... of these ours accepted"] += us.accept
                    print(f"skipped: {row['file']}: {how}: {str(exc)[-160:]}")
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
        f"mutants judged: {n} (seed {args.seed}); reference found {stats['xsd invalid (reference)']} schema-invalid;"
        f" skipped without scenario: {stats['no scenario (skipped)']}; skipped because the reference XSLTs failed: "
        f"{stats['reference XSLT failed (skipped)']} (ours accepted {stats['  ... of these ours accepted']} of them)"
    )
    for what in ("accept agrees", "errors agree", "warnings agree"):
        print(f"  {what}: {stats[what]}/{n} = {100 * stats[what] / max(n, 1):.2f} %")
    for key, examples in sorted(by_rule.items(), key=lambda kv: -len(kv[1])):
        print(f"{len(examples):5d}  {key}\n         e.g. {examples[0][:300]}")
    return 0 if len(by_rule) == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
