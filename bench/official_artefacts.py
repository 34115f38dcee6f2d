"""The official validation artefacts, for the reference benches only: fetched from Maven Central at run time into
bench/saxon/.libs (git-ignored) and unpacked into a temporary directory, never into the repo.

Versions are the ones the KoSIT XRechnung configuration of 2026-01-31 runs (see bench/saxon/pom.xml):
CEN EN16931 Schematron 1.3.15, XRechnung Schematron 2.5.0 (XRechnung 3.0.2), UBL 2.1 and CII D16B schemas.
"""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
POM = ROOT / "bench" / "saxon" / "pom.xml"
LIBS = ROOT / "bench" / "saxon" / ".libs"

# role -> (jar name prefix, path inside the jar)
XSLTS = {
    "cen-ubl": ("phive-rules-en16931-", "external/schematron/1.3.15/ubl/EN16931-UBL-validation.xslt"),
    "cen-cii": ("phive-rules-en16931-", "external/schematron/1.3.15/cii/EN16931-CII-validation.xslt"),
    "xr-ubl": ("phive-rules-xrechnung-", "external/schematron/3.0.2/XRechnung-UBL-validation.xslt"),
    "xr-cii": ("phive-rules-xrechnung-", "external/schematron/3.0.2/XRechnung-CII-validation.xslt"),
}
SCHEMA_TREES = {  # jar prefix -> folder inside the jar that holds a self-contained schema tree
    "ph-ubl21-": "external/schemas/ubl21/",
    "ph-cii-d16b-": "external/schemas/d16b/",
}
IMPORTED = {  # jar prefix -> schema that UBL imports by namespace only (no schemaLocation): loaded first
    "ph-xsds-ccts-cct-schemamodule-": "schemas/CCTS_CCT_SchemaModule.xsd",
    "ph-xsds-xmldsig-": "schemas/xmldsig-core-schema.xsd",
    "ph-xsds-xades132-": "schemas/XAdES01903v132-201601.xsd",
    "ph-xsds-xades141-": "schemas/XAdES01903v141-201601.xsd",
}
MAIN_SCHEMAS = {  # document kind -> main schema below the unpacked trees
    "UBL-Invoice": "ubl21/maindoc/UBL-Invoice-2.1.xsd",
    "UBL-CreditNote": "ubl21/maindoc/UBL-CreditNote-2.1.xsd",
    "CII": "d16b/data/standard/CrossIndustryInvoice_100pD16B.xsd",
}
NEEDED = (
    "Saxon-HE-",
    "phive-rules-en16931-",
    "phive-rules-xrechnung-",
    "ph-ubl21-",
    "ph-cii-d16b-",
    *IMPORTED,
)


def _jar(prefix: str) -> Path:
    found = sorted(LIBS.glob(f"{prefix}*.jar"))
    if not found:
        raise SystemExit(f"{prefix}*.jar missing in {LIBS}: run fetch_libs() (needs mvn and Maven Central)")
    return found[-1]


def fetch_libs() -> None:
    """Fetch Saxon and the artefact jars into bench/saxon/.libs if any is missing."""
    if all(list(LIBS.glob(f"{p}*.jar")) for p in NEEDED):
        return
    if shutil.which("mvn") is None:
        raise SystemExit("mvn not found: install Maven (apt-get install maven) to fetch the reference jars")
    cmd = [
        "mvn",
        "-B",
        "-q",
        "-Dstyle.color=never",
        "-f",
        str(POM),
        "dependency:copy-dependencies",
        "-DincludeScope=runtime",
        f"-DoutputDirectory={LIBS}",
    ]  # absolute: mvn resolves relative to the pom
    if subprocess.run(cmd, check=False).returncode != 0:
        raise SystemExit(f"fetching the jars failed: {' '.join(cmd)} (is Maven Central reachable?)")


def extract_xslts(work: Path) -> dict[str, Path]:
    """Write the four compiled Schematron XSLTs to ``work/<role>.xslt``."""
    out = {}
    for role, (prefix, member) in XSLTS.items():
        with zipfile.ZipFile(_jar(prefix)) as z:
            out[role] = work / f"{role}.xslt"
            out[role].write_bytes(z.read(member))
    return out


def extract_schemas(work: Path) -> dict[str, list[Path]]:
    """Unpack the UBL 2.1 and CII D16B schema trees below ``work/schemas``. Returns kind -> the schemas to load
    together, in order: first those UBL imports by namespace only, then the main schema."""
    base = work / "schemas"
    imported = []
    for prefix, member in IMPORTED.items():
        with zipfile.ZipFile(_jar(prefix)) as z:
            imported.append(base / "imported" / Path(member).name)
            imported[-1].parent.mkdir(parents=True, exist_ok=True)
            imported[-1].write_bytes(z.read(member))
    for prefix, folder in SCHEMA_TREES.items():
        with zipfile.ZipFile(_jar(prefix)) as z:
            for member in z.namelist():
                if member.startswith(folder) and member.endswith(".xsd"):
                    target = base / member.removeprefix("external/schemas/")
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(z.read(member))
    return {
        kind: ([*imported] if kind.startswith("UBL") else []) + [base / rel]
        for kind, rel in MAIN_SCHEMAS.items()
    }


def write_schema_list(work: Path) -> None:
    """Unpack the schemas and list them in ``work/schemas.tsv`` (kind TAB schemas joined by ';', in load order),
    the form the Java drivers read."""
    schemas = extract_schemas(work)
    (work / "schemas.tsv").write_text(
        "".join(f"{k}\t{';'.join(map(str, ps))}\n" for k, ps in schemas.items()), encoding="utf-8")


def classpath(work: Path) -> str:
    return f"{work}:{LIBS}/*"


def compile_java(work: Path, name: str, source: str) -> None:
    (work / f"{name}.java").write_text(source, encoding="utf-8")
    javac = subprocess.run(
        ["javac", "-cp", f"{LIBS}/*", "-d", str(work), str(work / f"{name}.java")],
        check=False,
        capture_output=True,
        text=True,
    )
    if javac.returncode != 0:
        raise SystemExit(f"javac failed (JDK 17+ needed):\n{javac.stderr}")
