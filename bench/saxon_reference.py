"""Side-by-side speed reference: the official Schematron rules on Saxon vs our validator, in one run.

Usage: python bench/saxon_reference.py [--rounds 3] [--warmup 4] [--no-xsd] [--shared PATH] [--limit N]

What is measured, on every well-formed UBL Invoice/CreditNote and CII file of shared/corpus/einvoice
(``expected.jsonl``: ``well_formed`` true; not-well-formed and DOCTYPE files are skipped):

- Saxon: ONE JVM (Saxon-HE 12.5, s9api) compiles the official CEN EN16931 1.3.15 and XRechnung Schematron
  2.5.0 XSLTs and loads the UBL 2.1 / CII D16B XML Schemas once; then per file and round it validates the bytes
  (held in memory) against the XML Schema with the JDK's validator (as KoSIT does; a schema-invalid file skips
  the Schematron step, as in KoSIT), parses them into a tree and runs the CEN and the XRechnung stylesheet of
  the file's syntax on it into an SVRL tree, and counts the failed asserts. One thread (serial GC). No KoSIT
  scenario/report logic, so this is still a LOWER BOUND of the official validator's cost; ``--no-xsd`` drops
  the schema step (XSLTs only, the figure earlier sessions reported).
- Ours: ``workflow.einvoice.validator.validate(data, extract=False)`` on the same bytes in this process.

After warm-up (Saxon: ``--warmup`` rounds for the JIT; ours: one round for the caches) the rounds alternate
(Saxon round, our round, ...), so drift of the machine's speed hits both alike. Printed per round and as
medians over rounds: invoices/s by wall clock and per CPU second (whole JVM incl. GC and JIT threads, resp.
this process), and the ratio ours/Saxon as the median of the per-round ratios (neighbouring rounds paired);
also for the subset with a matching scenario (files without one are rejected early by our validator but
fully run by the XSLTs).

The jars come from Maven Central through bench/saxon/pom.xml into bench/saxon/.libs (git-ignored); the XSLTs
(CEN EN16931 1.3.15, XRechnung Schematron 2.5.0: the versions in force) are extracted from their carrier jars
into a temporary directory at run time, never into the repo (bench/official_artefacts.py). A tiny Java driver is compiled with javac into the same temporary directory.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import official_artefacts as art
from workflow.einvoice.validator import validate

LIBS = art.LIBS
FAMILY = {"UBL-Invoice": "ubl", "UBL-CreditNote": "ubl", "CII": "cii"}

# Line protocol on stdin/stdout: "round" -> "<wall_ns> <cpu_ns> <wall_ns_matched> <failed_asserts> <errors>",
# "check <index>" -> the failed-assert ids of that file + " ok" (or "error <message>"), EOF ends.
DRIVER = r"""
import java.io.*;
import java.lang.management.ManagementFactory;
import java.nio.file.*;
import java.util.*;
import javax.xml.transform.stream.StreamSource;
import net.sf.saxon.s9api.*;
import net.sf.saxon.s9api.streams.Steps;
import javax.xml.XMLConstants;
import javax.xml.validation.*;
import org.xml.sax.SAXException;

public class SaxonDriver {
    static final String SVRL = "http://purl.oclc.org/dsdl/svrl";
    static final QName ID = new QName("id");
    static Map<String, Schema> xsd = new HashMap<>();  // empty: XSLT only (--no-xsd)

    public static void main(String[] a) throws Exception {
        Path dir = Paths.get(a[0]);
        Processor proc = new Processor(false);
        XsltCompiler comp = proc.newXsltCompiler();
        Map<String, XsltTransformer[]> byFamily = new HashMap<>();
        for (String fam : new String[] {"ubl", "cii"}) {
            byFamily.put(fam, new XsltTransformer[] {
                comp.compile(new StreamSource(dir.resolve("cen-" + fam + ".xslt").toFile())).load(),
                comp.compile(new StreamSource(dir.resolve("xr-" + fam + ".xslt").toFile())).load()});
        }
        if (Files.exists(dir.resolve("schemas.tsv"))) {
            SchemaFactory sf = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            for (String line : Files.readAllLines(dir.resolve("schemas.tsv"))) {
                String[] f = line.split("\t", 2);
                List<StreamSource> parts = new ArrayList<>();
                for (String p : f[1].split(";")) parts.add(new StreamSource(new File(p)));
                xsd.put(f[0], sf.newSchema(parts.toArray(new StreamSource[0])));
            }
        }
        List<String> fams = new ArrayList<>();
        List<Boolean> matched = new ArrayList<>();
        List<byte[]> blobs = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("files.tsv"))) {
            String[] f = line.split("\t", 4);
            fams.add(f[0]); matched.add(f[1].equals("1")); kinds.add(f[2]);
            blobs.add(Files.readAllBytes(Paths.get(f[3]))); ids.add(f[3]);
        }
        DocumentBuilder db = proc.newDocumentBuilder();
        XdmDestination dest = new XdmDestination();
        com.sun.management.OperatingSystemMXBean mx =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        PrintStream out = System.out;
        Set<Integer> told = new HashSet<>();
        out.println("ready " + blobs.size()); out.flush();
        String cmd;
        while ((cmd = in.readLine()) != null && !cmd.equals("quit")) {
            if (cmd.equals("round")) {
                long failed = 0, matchedNs = 0, errors = 0;
                long c0 = mx.getProcessCpuTime(), t0 = System.nanoTime();
                for (int i = 0; i < blobs.size(); i++) {
                    long f0 = System.nanoTime();
                    try {
                        failed += run(db, byFamily.get(fams.get(i)), dest, blobs.get(i), ids.get(i), kinds.get(i)).size();
                    } catch (SaxonApiException | RuntimeException e) {  // counted; reason told once per file
                        errors++;
                        if (told.add(i)) System.err.println("saxon error on " + ids.get(i) + ": " + e);
                    }
                    if (matched.get(i)) matchedNs += System.nanoTime() - f0;
                }
                long t1 = System.nanoTime(), c1 = mx.getProcessCpuTime();
                out.println((t1 - t0) + " " + (c1 - c0) + " " + matchedNs + " " + failed + " " + errors);
            } else if (cmd.startsWith("check ")) {
                int i = Integer.parseInt(cmd.substring(6));
                try {
                    List<String> got = run(db, byFamily.get(fams.get(i)), dest, blobs.get(i), ids.get(i), kinds.get(i));
                    out.println(String.join(" ", new TreeSet<>(got)) + " ok");
                } catch (SaxonApiException | RuntimeException e) {
                    out.println("error " + e.getMessage().replace('\n', ' '));
                }
            } else {
                out.println("error unknown command " + cmd);
            }
            out.flush();
        }
    }

    /** XML Schema first (if loaded; on a schema error the Schematron step is skipped, as in KoSIT, and "XSD" is
     *  returned); then parse once and run both stylesheets (CEN, XRechnung): the failed-assert ids of both SVRLs. */
    static List<String> run(
            DocumentBuilder db, XsltTransformer[] ts, XdmDestination dest, byte[] data, String id, String kind)
            throws SaxonApiException {
        Schema schema = xsd.get(kind);
        if (schema != null) {
            try {
                schema.newValidator().validate(new StreamSource(new ByteArrayInputStream(data)));
            } catch (SAXException e) {
                return List.of("XSD");
            } catch (IOException e) {
                throw new SaxonApiException(e);
            }
        }
        XdmNode doc = db.build(new StreamSource(new ByteArrayInputStream(data), id));
        List<String> failed = new ArrayList<>();
        for (XsltTransformer t : ts) {
            dest.reset();
            t.setInitialContextNode(doc);
            t.setDestination(dest);
            t.transform();
            dest.getXdmNode().select(Steps.descendant(SVRL, "failed-assert"))
                .forEach(n -> failed.add(n.getAttributeValue(ID)));
        }
        return failed;
    }
}
"""


@dataclass(frozen=True, slots=True)
class Sample:
    path: Path
    family: str  # "ubl" | "cii"
    kind: str  # "UBL-Invoice" | "UBL-CreditNote" | "CII" (which XML Schema)
    matched: bool  # the reference validator found a scenario (our validator then runs all layers)
    expected_fatal: tuple[str, ...]


def load_corpus(corpus: Path) -> list[Sample]:
    """The well-formed UBL/CII files of expected.jsonl (pure apart from reading the index)."""
    samples = []
    for line in (corpus / "expected.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row.get("well_formed") and row.get("syntax") in FAMILY:
            samples.append(
                Sample(
                    corpus / row["file"],
                    FAMILY[row["syntax"]],
                    row["syntax"],
                    row.get("scenario") is not None,
                    tuple(row.get("fatal") or ()),
                )
            )
    return samples


def prepare(work: Path, samples: list[Sample], with_xsd: bool) -> None:
    """Extract the four XSLTs (and the XML Schemas), write the file list and compile the Java driver."""
    art.extract_xslts(work)
    if with_xsd:
        art.write_schema_list(work)
    (work / "files.tsv").write_text(
        "".join(f"{s.family}\t{int(s.matched)}\t{s.kind}\t{s.path}\n" for s in samples), encoding="utf-8"
    )
    art.compile_java(work, "SaxonDriver", DRIVER)


class Saxon:
    """The JVM driver: one process, stylesheets compiled once, one command per line."""

    def __init__(self, work: Path, stderr: IO[bytes]) -> None:
        self.err_path = Path(stderr.name)
        self.errors = 0  # files Saxon failed on in the last round (reasons in the JVM's stderr)
        cp = os.pathsep.join([str(work), f"{LIBS}/*"])
        self.proc = subprocess.Popen(
            ["java", "-Xms512m", "-Xmx2g", "-XX:+UseSerialGC", "-cp", cp, "SaxonDriver", str(work)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
        )
        ready = self._read()
        if not ready.startswith("ready"):
            raise SystemExit(f"Saxon driver did not start ({ready!r}):\n{self._err_tail()}")

    def _read(self) -> str:
        assert self.proc.stdout is not None
        return self.proc.stdout.readline().strip()

    def _err_tail(self) -> str:
        return "\n".join(self.err_path.read_text(errors="replace").splitlines()[-30:])

    def ask(self, cmd: str) -> str:
        assert self.proc.stdin is not None
        try:
            self.proc.stdin.write(cmd + "\n")
            self.proc.stdin.flush()
        except BrokenPipeError:
            pass  # reported below with the JVM's own words
        reply = self._read()
        if not reply:
            raise SystemExit(f"Saxon driver died on {cmd!r}; its stderr ends:\n{self._err_tail()}")
        return reply

    def check(self, index: int) -> list[str]:
        """The failed-assert ids of both stylesheets on file ``index``; ["error", ...] if Saxon failed."""
        reply = self.ask(f"check {index}").split()
        return reply[:-1] if reply[-1] == "ok" else reply

    def round(self) -> tuple[float, float, float, int]:
        """Seconds: wall, JVM process CPU (GC, JIT too), wall on scenario-matched files; failed asserts."""
        wall, cpu, matched, failed, errors = self.ask("round").split()
        self.errors = int(errors)
        return int(wall) / 1e9, int(cpu) / 1e9, int(matched) / 1e9, int(failed)

    def close(self) -> None:
        if self.proc.poll() is None and self.proc.stdin is not None:
            self.proc.stdin.close()  # EOF ends the driver's loop
        self.proc.wait(timeout=30)


def ours_round(blobs: list[bytes], matched: list[bool]) -> tuple[float, float, float, int]:
    """Same tuple as ``Saxon.round``; the last field counts our rejections."""
    rejected, matched_s = 0, 0.0
    c0, t0 = time.process_time(), time.perf_counter()
    for data, m in zip(blobs, matched):
        f0 = time.perf_counter()
        rejected += not validate(data, extract=False).accept
        if m:
            matched_s += time.perf_counter() - f0
    return time.perf_counter() - t0, time.process_time() - c0, matched_s, rejected


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument(
        "--shared", type=Path, default=Path(os.environ.get("AKTENFLUSS_SHARED") or ROOT.parent / "shared")
    )
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--warmup", type=int, default=4, help="untimed Saxon rounds first (JIT); ours: 1")
    ap.add_argument("--no-xsd", action="store_true", help="Saxon side: Schematron XSLTs only, no XML Schema step")
    ap.add_argument("--limit", type=int, default=0, help="only the sanity file + N-1 others (smoke test)")
    args = ap.parse_args()
    samples = load_corpus(args.shared / "corpus" / "einvoice")
    if not samples:
        raise SystemExit(f"no well-formed files listed in {args.shared}/corpus/einvoice/expected.jsonl")
    # sanity probe: a file the reference rejects with Schematron errors must yield failed-assert ids here too
    probe_sample = next(s for s in samples if s.matched and s.expected_fatal)
    if args.limit > 0:
        samples = [probe_sample] + [s for s in samples if s is not probe_sample][: args.limit - 1]
    art.fetch_libs()
    blobs = [s.path.read_bytes() for s in samples]
    matched = [s.matched for s in samples]
    n, n_matched = len(samples), sum(matched)
    with tempfile.TemporaryDirectory(prefix="saxon-ref-") as tmp, open(Path(tmp) / "jvm.err", "wb") as err:
        work = Path(tmp)
        prepare(work, samples, not args.no_xsd)
        saxon = Saxon(work, err)
        try:
            probe = samples.index(probe_sample)
            got = set(saxon.check(probe))
            want = set(samples[probe].expected_fatal)
            print(
                f"sanity {samples[probe].path.name}: saxon failed-asserts={sorted(got)} "
                f"expected fatal={sorted(want)} {'OK' if want <= got and got else 'MISMATCH'}"
            )
            for _ in range(args.warmup):  # the JIT needs several rounds over these large stylesheets
                saxon.round()
            ours_round(blobs, matched)  # no JIT in CPython: one round fills the caches
            sx, us = [], []
            for r in range(args.rounds):
                sx.append(saxon.round())
                us.append(ours_round(blobs, matched))
                print(
                    f"round {r + 1}: saxon {n / sx[-1][0]:.1f}/s (cpu {n / sx[-1][1]:.1f}/s, "
                    f"failed_asserts={sx[-1][3]}, saxon_errors={saxon.errors})  ours {n / us[-1][0]:.1f}/s "
                    f"(cpu {n / us[-1][1]:.1f}/s, rejected={us[-1][3]})  ratio {sx[-1][0] / us[-1][0]:.1f}x "
                    f"loadavg_1min={os.getloadavg()[0]:.2f}",
                    flush=True,
                )
        finally:
            saxon.close()
        for line in saxon.err_path.read_text(errors="replace").splitlines():
            if line.startswith("saxon error"):  # files the XSLTs failed on: not validated, still timed
                print(line[:300])

    def med(rows: list[tuple[float, float, float, int]], field: int, count: int) -> float:
        return statistics.median(count / row[field] for row in rows)

    def ratios(field: int) -> list[float]:  # paired per round: Saxon's seconds / our seconds
        return sorted(s[field] / o[field] for s, o in zip(sx, us))

    print(
        f"files={n} (scenario matched: {n_matched}) rounds={args.rounds} "
        f"saxon_warmup={args.warmup} one thread each (medians over rounds)"
    )
    for label, field, count in (("all wall", 0, n), ("all cpu", 1, n), ("matched wall", 2, n_matched)):
        s, o = med(sx, field, count), med(us, field, count)
        r = ratios(field)
        print(
            f"{label:>12}: ours {o:7.1f} inv/s  saxon {s:6.1f} inv/s  ratio ours/saxon "
            f"median {statistics.median(r):4.1f}x (rounds {r[0]:.1f}-{r[-1]:.1f}x)"
        )
    print(
        "note: Saxon runs " + ("the Schematron XSLTs only" if args.no_xsd else "the XML Schema step, then")
        + " (CEN EN16931 1.3.15 + XRechnung Schematron 2.5.0, the versions of the corpus reference), no KoSIT "
        "report step: a lower bound of the official validator's cost. "
        "Ours runs parse, scenario, schema, syntax and semantic rules (extract=False)."
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
