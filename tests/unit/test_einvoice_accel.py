"""The optional compiled e-invoice engine (``workflow.einvoice.accel``): used only while current, same reports."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.unit._einvoice_fixtures import FIXTURES, with_changes
from workflow.einvoice import accel
from workflow.einvoice.validator import validate

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "einvoice"


def test_a_build_is_current_only_for_the_same_sources(tmp_path: Path) -> None:
    manifest = accel.fingerprint(accel.modules())
    (tmp_path / accel.MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    assert accel.is_current(tmp_path)
    edited = dict(manifest, **{"workflow.einvoice.rules.engine": "0" * 64})  # a source changed since the build
    (tmp_path / accel.MANIFEST).write_text(json.dumps(edited), encoding="utf-8")
    assert not accel.is_current(tmp_path)
    other_options = dict(manifest, recipe="0" * 64)  # the build recipe (accel.py, its compiler options) changed
    (tmp_path / accel.MANIFEST).write_text(json.dumps(other_options), encoding="utf-8")
    assert not accel.is_current(tmp_path)
    other_python = dict(manifest, python="cpython-99")
    (tmp_path / accel.MANIFEST).write_text(json.dumps(other_python), encoding="utf-8")
    assert not accel.is_current(tmp_path)
    (tmp_path / accel.MANIFEST).write_text("{not json", encoding="utf-8")
    assert not accel.is_current(tmp_path)
    assert not accel.is_current(tmp_path / "missing")


def test_an_edited_declaration_file_makes_the_build_stale(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    declarations = tmp_path / "engine.pxd"  # stands for the engine's .pxd (typed state for the compiled build)
    declarations.write_text("cdef class Node:\n    cdef public dict _cache\n", encoding="utf-8")
    real = accel._declarations
    monkeypatch.setattr(accel, "_declarations",
                        lambda module: declarations if module == "workflow.einvoice.rules.engine" else real(module))
    build = tmp_path / "build"
    build.mkdir()
    manifest = accel.fingerprint(accel.modules())
    assert "workflow.einvoice.rules.engine.pxd" in manifest
    (build / accel.MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    assert accel.is_current(build)
    declarations.write_text("cdef class Node:\n    cdef public object _cache\n", encoding="utf-8")  # edited
    assert not accel.is_current(build)
    declarations.unlink()  # removed: the build was made with it
    assert not accel.is_current(build)


def test_every_declaration_file_belongs_to_a_compiled_module_and_counts() -> None:
    """A .pxd next to a module that is not compiled would never be read; each one there is in the fingerprint."""
    manifest = accel.fingerprint(accel.modules())
    folder = accel.ROOT / "workflow" / "einvoice"
    found = sorted(folder.rglob("*.pxd"))
    assert found  # the hot modules carry declarations
    for path in found:
        module = ".".join(path.relative_to(accel.ROOT).with_suffix("").parts)
        assert module in accel.modules(), path
        assert manifest[module + ".pxd"] == hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_module_written_for_the_compiled_build_counts_with_lxml() -> None:
    """``treeops`` is compiled from its ``.pyx`` (lxml's C API): its hash and lxml's version are in the manifest,
    so an edited ``.pyx`` or another lxml makes the build stale."""
    manifest = accel.fingerprint(accel.modules())
    pyx = accel.ROOT / "workflow" / "einvoice" / "treeops.pyx"
    assert accel._compiled_source("workflow.einvoice.treeops") == pyx
    assert accel._compiled_source("workflow.einvoice.validator").suffix == ".py"
    assert manifest["workflow.einvoice.treeops.pyx"] == hashlib.sha256(pyx.read_bytes()).hexdigest()
    from lxml import etree

    assert manifest["lxml"].startswith(".".join(map(str, etree.LXML_VERSION)))
    for path in sorted((accel.ROOT / "workflow" / "einvoice").rglob("*.pyx")):  # each .pyx has its Python twin
        assert path.with_suffix(".py").is_file(), path


def test_the_modules_run_without_cython(tmp_path: Path) -> None:
    """Cython is optional (extra "accel"): without it the pure-Python modules take the no-op decorators."""
    script = (
        "import sys\n"
        "sys.modules['cython'] = None  # import cython raises ImportError, as without the package\n"
        "from workflow.einvoice import _cython\n"
        "from workflow.einvoice.rules import paths\n"
        "assert paths.__file__.endswith('.py') and paths.cython is _cython, paths.cython\n"
        "from tests.unit.test_einvoice_accel import _report\n"
        "from tests.unit._einvoice_fixtures import fixture\n"
        "print(_report(fixture('xr_ubl_minimal.xml')))\n"
    )
    env = dict(os.environ, **{accel.ENV: "0"})
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, cwd=accel.ROOT,
                         check=True, timeout=300)
    from tests.unit._einvoice_fixtures import fixture

    assert out.stdout.strip() == _report(fixture("xr_ubl_minimal.xml"))


def test_only_the_listed_packages_get_the_compiled_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(accel, "enabled", lambda: True)
    assert accel.search_path("workflow.einvoice.rules") == [str(accel.ACCEL_DIR / "workflow" / "einvoice" / "rules")]
    assert accel.search_path("workflow.paperinvoice") == []
    monkeypatch.setattr(accel, "enabled", lambda: False)
    assert accel.search_path("workflow.einvoice.rules") == []


def test_the_switch_turns_it_off(monkeypatch: pytest.MonkeyPatch) -> None:
    accel.enabled.cache_clear()
    try:
        monkeypatch.setenv(accel.ENV, "0")
        assert not accel.enabled()
        assert accel.status().startswith("pure")
    finally:
        accel.enabled.cache_clear()


def test_the_command_line_says_which_modules_run(monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    from workflow.cli import main

    monkeypatch.setenv(accel.ENV, "0")
    assert main(["accel", "status"]) == 0
    assert capsys.readouterr().out.strip() == f"pure ({accel.ENV}=0)"
    with pytest.raises(SystemExit) as usage:
        main(["accel", "clean"])
    assert usage.value.code == 2


def test_the_compiled_modules_are_the_validators_own() -> None:
    names = accel.modules()
    assert "workflow.einvoice.rules.engine" in names and "workflow.einvoice.structure.evaluate" in names
    assert "workflow.einvoice.data_files" not in names  # finds its data next to its own file
    assert "workflow.einvoice.accel" not in names
    assert all(accel.ROOT.joinpath(*n.split(".")).with_suffix(".py").is_file() for n in names)


def _documents() -> list[bytes]:
    docs = [p.read_bytes() for p in sorted(FIXTURES.glob("*.xml"))]
    docs.append(with_changes("xr_ubl_minimal.xml", [(">238.00</cbc:PayableAmount>", ">239.00</cbc:PayableAmount>")]))
    docs.append(with_changes("xr_cii_minimal.xml", [("<ram:TypeCode>380</ram:TypeCode>", "<ram:TypeCode>999</ram:TypeCode>")]))
    docs += _edge_cases()
    if SHARED.is_dir():
        docs += [p.read_bytes() for p in sorted(SHARED.rglob("*.xml"))[::7]]
    return docs


def _edge_cases() -> list[bytes]:
    """Values the typed code paths of the compiled build (``.pxd``) read: absent, empty, blank, huge numbers,
    non-ASCII and whitespace-only texts, an element where a value is expected, an unknown element."""
    ubl, cii = "xr_ubl_minimal.xml", "xr_cii_minimal.xml"
    payable = ">238.00</cbc:PayableAmount>"
    return [
        with_changes(ubl, [(payable, ">99999999999999999999999999999999999999.999</cbc:PayableAmount>")]),
        with_changes(ubl, [(payable, "></cbc:PayableAmount>")]),
        with_changes(ubl, [(payable, ">\u00a0238.00 </cbc:PayableAmount>")]),
        with_changes(ubl, [(payable, ">2\u06638.00</cbc:PayableAmount>")]),  # an Arabic-Indic digit
        with_changes(ubl, [("<cbc:ID>AF-2026-0042</cbc:ID>", "<cbc:ID> \t\n </cbc:ID>")]),
        with_changes(ubl, [("<cbc:ID>AF-2026-0042</cbc:ID>", "<cbc:ID>Ä\u2003Ö  \u00a0ß\U0001F600</cbc:ID>")]),
        with_changes(ubl, [("<cbc:Name>Frau Kessel</cbc:Name>", "<cbc:Name/>")]),
        with_changes(ubl, [("<cbc:Name>Frau Kessel</cbc:Name>", "<cbc:Name><cbc:ID>x</cbc:ID></cbc:Name>")]),
        with_changes(ubl, [("<cbc:Note>Wartung der Heizungsanlage im Rathaus</cbc:Note>",
                            "<cbc:Note>Wartung<!-- c -->\u00a0im Rathaus</cbc:Note><cbc:Unknown>1</cbc:Unknown>")]),
        with_changes(ubl, [('<cbc:InvoicedQuantity unitCode="HUR">10</cbc:InvoicedQuantity>',
                            '<cbc:InvoicedQuantity unitCode="">1e400</cbc:InvoicedQuantity>')]),
        with_changes(cii, [("<ram:DuePayableAmount>85.60</ram:DuePayableAmount>",
                            "<ram:DuePayableAmount>-0.00</ram:DuePayableAmount>")]),
        with_changes(cii, [("<ram:Name>Buchhandlung Beispiel e.K.</ram:Name>", "<ram:Name>  Bücher\r\n Ü </ram:Name>")]),
        with_changes(cii, [("<ram:Name>Stadt Beispielstadt</ram:Name>", "<ram:Name/>")]),
    ]


def test_the_edge_cases_are_read_as_given() -> None:
    """The variants above are well-formed and each gives a report (whichever engine runs here)."""
    for data in _edge_cases():
        report = validate(data)
        assert report.scenario and report.internal_error is None, report.reasons


def _report(data: bytes) -> str:
    r = validate(data)
    return repr((r.syntax, r.scenario, r.accept, r.errors, r.warnings, r.reasons, r.findings, r.xsd_errors, r.invoice))


def test_compiled_and_pure_modules_give_the_same_reports(tmp_path: Path) -> None:
    if not accel.enabled():
        pytest.skip(f"no current compiled build here ({accel.status()}): nothing to compare")
    docs = _documents()
    for i, data in enumerate(docs):
        (tmp_path / f"{i:04d}.xml").write_bytes(data)
    script = (
        "import sys, json, pathlib\n"
        "from tests.unit.test_einvoice_accel import _report\n"
        "import workflow.einvoice.rules.engine as e\n"
        "assert e.__file__.endswith('.py'), e.__file__\n"
        "files = sorted(pathlib.Path(sys.argv[1]).glob('*.xml'))\n"
        "print(json.dumps([_report(f.read_bytes()) for f in files]))\n"
    )
    env = dict(os.environ, **{accel.ENV: "0"})
    out = subprocess.run([sys.executable, "-c", script, str(tmp_path)], capture_output=True, text=True, env=env,
                         cwd=accel.ROOT, check=True, timeout=600)
    pure = json.loads(out.stdout)
    from workflow.einvoice.rules import engine

    assert not engine.__file__.endswith(".py")  # this process runs the compiled modules
    compiled = [_report(data) for data in docs]
    assert len(pure) == len(compiled) == len(docs)
    assert [i for i, (a, b) in enumerate(zip(pure, compiled, strict=True)) if a != b] == []
