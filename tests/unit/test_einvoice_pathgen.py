"""The generated binding-path walkers (``rules.pathgen``) select what the interpreted walk (``paths._walk``)
selects, in the same order: every binding path of both syntaxes, at every place its group sits, on our fixtures,
on the shared corpus (when present) and on mutants of them that change what the predicates read."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest
from lxml import etree

from tests.unit._einvoice_fixtures import FIXTURES
from workflow.einvoice.rules.bindings import bindings
from workflow.einvoice.rules.paths import CompiledPath, compile_path, interpreted_walker, walker

SHARED = Path(os.environ.get("AKTENFLUSS_SHARED") or Path(__file__).resolve().parents[2].parent / "shared")
CORPUS = SHARED / "corpus" / "einvoice"

# texts and attribute values the binding predicates compare with (and near misses)
_VALUES = ("VAT", "vat", " VAT ", "", "GST", "true", "false", "1", "0", " true", "x", "130", "50", "SEPA", "sepa")


def _syntax(root: etree._Element) -> str:
    return "cii" if "CrossIndustryInvoice" in root.tag else "ubl"


def _documents(part: int | None = None) -> list[bytes]:
    """Our fixtures (always, whole) and every 4th shared corpus file when present; ``part`` (0-3) takes a quarter
    of the corpus files, so the parametrised tests share the corpus but each still has our fixtures."""
    docs = [p.read_bytes() for p in sorted(FIXTURES.glob("*.xml"))]
    if CORPUS.is_dir():
        corpus = [p.read_bytes() for p in sorted(CORPUS.rglob("*.xml"))[::4]]
        docs += corpus if part is None else corpus[part::4]
    return docs


def _mutants(root: etree._Element, seed: int, count: int = 4) -> list[etree._Element]:
    """Copies of ``root`` with some leaves' texts and attributes set to the compared values, some elements
    dropped and some doubled."""
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        copy = etree.fromstring(etree.tostring(root))
        elements = list(copy.iter(etree.Element))[1:]
        for el in rng.sample(elements, min(len(elements), 40)):
            if el.getparent() is None:
                continue  # dropped with an ancestor already
            action = rng.random()
            if action < 0.55 and not len(el):
                el.text = rng.choice(_VALUES)
            elif action < 0.7:
                el.set(rng.choice(("schemeID", "unitCode", "listID")), rng.choice(_VALUES))
            elif action < 0.85:
                el.getparent().remove(el)
            else:
                el.addnext(etree.fromstring(etree.tostring(el)))
        out.append(copy)
    return out


def _paths(syntax: str) -> list[tuple[str, str, CompiledPath]]:
    table, ns = bindings(syntax)
    found = []
    for group, (_, group_path, terms) in table.items():
        found.append((group, "", compile_path(group_path, ns)))
        found += [(group, term, compile_path(path, ns)) for term, path in terms.items()]
    return found


def _group_elements(root: etree._Element, syntax: str) -> dict[str, list[etree._Element]]:
    """Each group's elements, found with the interpreted walk from the document element down."""
    table, ns = bindings(syntax)
    found: dict[str, list[etree._Element]] = {}

    def of(group: str) -> list[etree._Element]:
        if group not in found:
            parent, path, _ = table[group]
            above = [root] if parent is None else of(parent)
            walk = interpreted_walker(compile_path(path, ns))
            found[group] = [e for el in above for e in walk(el, {}) if not isinstance(e, str)]
        return found[group]

    for group in table:
        of(group)
    return found


def _compare(root: etree._Element) -> int:
    syntax = _syntax(root)
    places = _group_elements(root, syntax)
    generated_index: dict = {}
    checked = 0
    for group, term, path in _paths(syntax):
        if path.fast is not None:
            continue  # plain chains keep their closures (see test_einvoice_speed)
        generated, interpreted = walker(path), interpreted_walker(path)
        for el in [root, *(places[group] if term else places[table_parent(syntax, group)])]:
            want = interpreted(el, {})
            got = generated(el, generated_index)  # one index per document, as the engine shares it
            assert got == want, (syntax, group, term, path.source, el.tag)
            got.append("mutated")  # a caller's list is its own
            assert generated(el, generated_index) == want
            checked += 1
    return checked


def table_parent(syntax: str, group: str) -> str:
    parent = bindings(syntax)[0][group][0]
    return parent if parent is not None else group


def test_paths_with_predicates_alternatives_or_self_steps_are_generated() -> None:
    for syntax in ("ubl", "cii"):
        shapes = [p for _, _, p in _paths(syntax) if p.fast is None]
        assert shapes, syntax
        for path in shapes:
            assert walker(path).__code__.co_filename.startswith("<binding path"), path.source


@pytest.mark.parametrize("number", range(4))
def test_generated_walkers_select_what_the_interpreted_walk_selects(number: int) -> None:
    docs = _documents(number)
    checked = 0
    for i, data in enumerate(docs):
        try:
            root = etree.fromstring(data)
        except etree.XMLSyntaxError:
            continue  # not well-formed corpus entries
        if not any(k in root.tag for k in ("Invoice", "CreditNote", "CrossIndustryInvoice")):
            continue
        for doc in [root, *_mutants(root, seed=number * 1000 + i)]:
            checked += _compare(doc)
    assert checked > 0


def test_a_generated_predicate_reads_like_the_interpreted_one_on_handmade_cases() -> None:
    ns = {"p": "urn:p"}
    doc = etree.fromstring(
        b'<p:r xmlns:p="urn:p"><p:a><p:k>1</p:k><p:s><p:i> vat </p:i></p:s><p:v>x</p:v></p:a>'
        b'<p:a><p:k>false</p:k><p:s><p:i>GST</p:i><p:i>Vat</p:i></p:s><p:v q="SEPA">y</p:v></p:a>'
        b'<p:a><p:k>true </p:k><p:v q="sepa">z</p:v></p:a><p:a><!--c--><p:k>0</p:k><p:s/></p:a></p:r>'
    )
    for text in (
        "p:a[bool(p:k)=true]/p:v",
        "p:a[bool(p:k)=false]/p:v",
        "p:a[upper-case(p:s/p:i)='VAT']/p:v",
        "p:a[upper-case(p:s/p:i)!='VAT']/p:v/@q",
        "p:a[p:s/p:i='GST'][not(p:v/@q)]",
        "p:a[p:s]/p:v[@q='SEPA']|p:a/p:v[@q!='SEPA']",
        ".[p:a]",
        ".",
        "p:a/p:s[p:i]|p:a[not(p:s)]/p:k",
    ):
        path = compile_path(text, ns)
        assert path.fast is None, text
        for el in [doc, *doc]:
            if isinstance(el.tag, str):
                assert walker(path)(el, {}) == interpreted_walker(path)(el, {}), text
