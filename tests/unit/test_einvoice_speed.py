"""The shortcuts that make the validator fast keep its answers: shared child index, shared term caches,
byte-level base64 checks, the element-count bound, code-list dispatch by parent, no reference cycles."""

from __future__ import annotations

import gc
import re

import pytest
from lxml import etree

from tests.unit._einvoice_fixtures import fixture, variant
from workflow.einvoice import structure
from workflow.einvoice.detect import select_scenario, syntax_of
from workflow.einvoice.extract import invoice_from_document
from workflow.einvoice.rules import codelist_rules
from workflow.einvoice.rules.engine import Document
from workflow.einvoice.rules.paths import child_index, compile_path, select
from workflow.einvoice.rules.run import active_rules, run_semantic
from workflow.einvoice.structure import schema_check
from workflow.einvoice.structure.datatypes import is_base64
from workflow.einvoice.structure.paths import children_named
from workflow.einvoice.validator import validate
from workflow.einvoice.xmlsafe import XmlLimits, XmlTooLargeError, parse_xml

FILES = ("xr_ubl_minimal.xml", "xr_cii_minimal.xml")
FAMILY = {"UBL-Invoice": "ubl", "UBL-CreditNote": "ubl", "CII": "cii"}


def _parsed(data: bytes) -> tuple[etree._Element, str, str]:
    root = parse_xml(data)
    syntax = str(syntax_of(root))
    return root, syntax, FAMILY[syntax]


def _lazy_index(root: etree._Element) -> dict:
    index: dict = {}
    for el in root.iter(etree.Element):
        child_index(el, index)
    return index


@pytest.mark.parametrize("name", FILES)
def test_schema_walk_fills_the_same_child_index_the_rules_build_lazily(name: str) -> None:
    root, syntax, _ = _parsed(fixture(name))
    index: dict = {}
    model = structure.structure_model(FAMILY[syntax])
    root_type = structure._family(syntax)[1]
    # the Python walker (``check_schema`` takes the libxml2 fast path on valid documents, leaving the index empty)
    assert schema_check.check_structure(root, model, root_type, index) == []
    lazy = _lazy_index(root)
    assert index  # the walk did fill it
    for el, kids in index.items():
        assert kids == lazy[el], f"children of {el.tag} differ"


def test_child_index_skips_comments_and_keeps_document_order() -> None:
    root = etree.fromstring(b"<r><a>1</a><!--c--><b/><a>2</a><?pi x?></r>")
    kids = child_index(root, {})
    assert list(kids) == ["a", "b"]
    assert [e.text for e in kids["a"]] == ["1", "2"]
    doc = etree.fromstring(
        b'<p:r xmlns:p="urn:p"><p:a><p:b>1</p:b></p:a><!--c--><p:a><p:b>2</p:b><p:b>3</p:b></p:a></p:r>'
    )
    path = compile_path("p:a/p:b", {"p": "urn:p"})
    index: dict = {}
    assert [e.text for e in select(doc, path, index)] == ["1", "2", "3"]
    assert select(doc, path, index) == select(doc, path) == list(doc.iterfind("p:a/p:b", {"p": "urn:p"}))


@pytest.mark.parametrize("name", FILES)
def test_rules_on_a_document_warmed_by_the_model_find_the_same_as_on_a_fresh_one(name: str) -> None:
    if "ubl" in name:
        broken = variant(name, "<cbc:DocumentCurrencyCode>EUR", "<cbc:DocumentCurrencyCode>QQQ")
    else:
        broken = variant(name, "<ram:InvoiceCurrencyCode>EUR", "<ram:InvoiceCurrencyCode>QQQ")
    for data in (fixture(name), broken):
        root, syntax, family = _parsed(data)
        scenario = select_scenario(root, syntax_of(root))
        assert scenario is not None
        fresh = run_semantic(root, family, "", scenario)
        warm = Document(root, family, "", scenario.profile)
        structure.check_schema(root, syntax, index=warm.index)
        invoice_from_document(warm, "test")
        assert run_semantic(root, family, "", scenario, warm) == fresh
    assert any(f.rule_id.startswith("BR-CL") for f in run_semantic(*_semantic_args(broken)))


def _semantic_args(data: bytes) -> tuple:
    root, _, family = _parsed(data)
    scenario = select_scenario(root, syntax_of(root))
    return root, family, "", scenario


def test_node_children_are_the_document_nodes() -> None:
    root, _, family = _parsed(fixture("xr_ubl_minimal.xml"))
    doc = Document(root, family)
    lines = doc.nodes("line")
    assert lines
    assert doc.top.children("line") == lines
    assert all(a is b for a, b in zip(doc.top.children("line"), lines))


def _is_base64_reference(value: str) -> bool:
    compact = "".join(value.split())
    return re.match(r"[A-Za-z0-9+/=\s]*\Z", value) is not None and len(compact) % 4 == 0 \
        and "=" not in compact.rstrip("=")


@pytest.mark.parametrize("value", [
    "", " ", "abcd", "ab==", "abc=", "a===", "ab=c", "ab cd\n", "ab\tcd\r\n==", "ab\xa0cd", "ab\u2003cd",
    "ab\x1ccd", "abä=", "ab-d", "ab_d", "====", "\x0babcd", "QUJD" * 1000 + "\n", "QUJD\x00",
])
def test_is_base64_matches_the_regular_expression_definition(value: str) -> None:
    assert is_base64(value) is _is_base64_reference(value)


def test_element_count_is_still_enforced_at_the_smallest_size_that_can_exceed_it() -> None:
    limit = 20
    tight = b"<r>" + b"<x/>" * limit + b"</r>"  # limit + 1 elements in the fewest bytes
    with pytest.raises(XmlTooLargeError):
        parse_xml(tight, XmlLimits(max_elements=limit))
    parse_xml(b"<r>" + b"<x/>" * (limit - 1) + b"</r>", XmlLimits(max_elements=limit))


def test_children_named_matches_local_names_in_any_namespace() -> None:
    el = etree.fromstring(b'<a xmlns:p="urn:p"><p:b>1</p:b><b>2</b><!--c--><c/><p:b>3</p:b><?b x?></a>')
    assert [c.text for c in children_named(el, "b")] == ["1", "2", "3"]
    assert [c.tag for c in children_named(el, "*")] == ["{urn:p}b", "b", "c", "{urn:p}b"]
    assert children_named(el, "no-such") == []


def _chain_ok(el: etree._Element, chain: tuple[str, ...], anchored: bool, root: etree._Element) -> bool:
    """The tags from ``el`` upwards are ``chain``; anchored: the chain's top element is a child of ``root``."""
    cur = el
    for tag in chain[1:]:
        cur = cur.getparent()
        if cur is None or cur.tag != tag:
            return False
    return not anchored or cur.getparent() is root


@pytest.mark.parametrize("name", FILES)
def test_code_list_dispatch_by_parent_finds_what_checking_every_entry_finds(name: str) -> None:
    bad = variant(name, "<cbc:IdentificationCode>DE", "<cbc:IdentificationCode>QQ") if "ubl" in name \
        else variant(name, "<ram:CountryID>DE", "<ram:CountryID>QQ")
    root, _, family = _parsed(bad)
    scenario = select_scenario(root, syntax_of(root))
    active = active_rules(scenario.name, family, scenario.profile, scenario.layers)
    got = [(r, el, v) for r, el, _, v in codelist_rules.evaluate_codes(root, family, active)]
    expected = []
    table = codelist_rules._compiled(family)
    for el in root.iter(etree.Element):
        for comp in table.get(el.tag, ()):
            r = comp.rule
            if r.rule_id not in active or not _chain_ok(el, comp.chain, comp.anchored, root):
                continue
            if r.exclude_inside and any(a.tag.rpartition("}")[2] in r.exclude_inside for a in el.iterancestors()):
                continue
            if r.where is not None and not r.where(el):
                continue
            value = el.text or "" if r.value == "text" else el.get(r.value[1:]) if r.value.startswith("@") \
                else None
            if r.value.startswith("child:"):
                child = el.find(comp.value_tag)
                value = None if child is None else child.text or ""
            if value is not None and not codelist_rules._ok(value, comp, el):
                expected.append((r.rule_id, el, value))
    assert any(v == "QQ" for _, _, v in got)
    assert sorted(got, key=repr) == sorted(expected, key=repr)


def test_validate_leaves_no_reference_cycles_behind() -> None:
    data = fixture("xr_ubl_minimal.xml")
    validate(data)  # warm-up: compiled paths and loaded data are cached on purpose
    gc.collect()
    enabled = gc.isenabled()
    gc.disable()
    try:
        report = validate(data)
        assert report.accept and report.invoice is not None
        assert gc.collect() == 0  # everything was freed by reference counting
    finally:
        if enabled:
            gc.enable()



def test_a_defect_in_the_schema_check_still_returns_the_model_with_a_reasoned_rejection() -> None:
    from unittest import mock

    data = fixture("xr_ubl_minimal.xml")
    with mock.patch.object(structure, "check_document", side_effect=RuntimeError("defect")):
        report = validate(data)
    assert not report.accept
    assert "interner Prüffehler (RuntimeError)" in report.reasons[0]
    assert report.invoice == validate(data).invoice  # the same model as without the defect


# --- one walk, cached paths: the syntax-rule walk's by-products and caches keep the answers -------------------

_EMPTY_XPATH = etree.XPath("/descendant::*[not(*)][not(normalize-space())]")


@pytest.mark.parametrize("xml", [
    b"<r><a/><b> </b><c>x</c><d><e/></d></r>",
    b"<r><a><!--c--></a><b><!--c-->x</b><c><?pi y?> \t\r\n</c><d>\xc2\xa0</d><e>\xe2\x80\x83</e></r>",
    b"<r><a><![CDATA[ ]]></a><b><![CDATA[x]]></b><c>&#13;</c><d>&#32;<!--c-->&#9;</d></r>",
    b"<r/>",
    b"<r> <a> <b/> </a> <c/> </r>",
])
def test_the_syntax_walk_hands_out_exactly_the_empty_elements_of_the_xpath(xml: bytes) -> None:
    from workflow.einvoice.structure.evaluate import evaluate
    from workflow.einvoice.structure.rules import load_rule_set

    root = etree.fromstring(xml)
    empty: list = []
    evaluate(root, load_rule_set("ubl"), {}, empty)
    assert empty == _EMPTY_XPATH(root)


@pytest.mark.parametrize("name", FILES)
def test_r008_is_the_same_with_the_walks_empty_elements_and_with_its_own_search(name: str) -> None:
    if "ubl" in name:
        data = variant(name, "<cbc:Note>Wartung der Heizungsanlage im Rathaus</cbc:Note>", "<cbc:Note> </cbc:Note>")
    else:
        data = variant(name, "<ram:LineID>1</ram:LineID>", "<ram:LineID> </ram:LineID>")
    for blob in (fixture(name), data):
        root, syntax, family = _parsed(blob)
        scenario = select_scenario(root, syntax_of(root))
        own = run_semantic(root, family, "", scenario)
        doc = Document(root, family, "", scenario.profile)
        doc.empty_elements = []
        structure.check_syntax_rules(root, syntax, {}, empty_elements=doc.empty_elements)
        assert run_semantic(root, family, "", scenario, doc) == own
        assert ("PEPPOL-EN16931-R008" in {f.rule_id for f in own}) is (blob is data)


def test_the_report_lists_semantic_findings_before_syntax_binding_findings() -> None:
    data = variant("xr_ubl_minimal.xml", "<cbc:ID>AF-2026-0042</cbc:ID>", "<cbc:ID>AF-2026-0042</cbc:ID><cbc:UUID>1</cbc:UUID>")
    data = data.replace(b"<cbc:DocumentCurrencyCode>EUR", b"<cbc:DocumentCurrencyCode>QQQ", 1)
    ids = [f.rule_id for f in validate(data).findings]
    assert "UBL-CR-005" in ids and any(i.startswith("BR-CL") for i in ids)
    syntax_rules = [i.startswith(("UBL-", "CII-")) for i in ids]
    assert syntax_rules == sorted(syntax_rules)  # all semantic findings first, as before the walk moved


def _fresh_rule_set(family: str):  # type: ignore[no-untyped-def]
    from workflow.einvoice.structure.rules import load_rule_set

    return load_rule_set.__wrapped__(family)  # own tag plans and path cache


@pytest.mark.parametrize("name", FILES)
def test_syntax_rules_find_the_same_when_no_path_is_cached(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from workflow.einvoice.structure import evaluate as walk

    if "ubl" in name:
        data = variant(name, "<cbc:ID>AF-2026-0042</cbc:ID>", "<cbc:ID>AF-2026-0042</cbc:ID><cbc:UUID>1</cbc:UUID>")
    else:
        data = variant(name, "<ram:ID>BU-77</ram:ID>", "<ram:ID>BU-77</ram:ID><ram:Name>X</ram:Name>")
    for blob in (fixture(name), data):
        root, _, family = _parsed(blob)
        cached = walk.evaluate(root, _fresh_rule_set(family), {})
        assert walk.evaluate(root, _fresh_rule_set(family), {}) == cached
        monkeypatch.setattr(walk, "_MAX_PATHS", 0)  # every path worked out anew, none kept
        uncached_rules = _fresh_rule_set(family)
        assert walk.evaluate(root, uncached_rules, {}) == cached
        assert walk._trie(uncached_rules).size == 0
        monkeypatch.undo()
    root, _, family = _parsed(data)
    assert {f.rule_id for f in walk.evaluate(root, _fresh_rule_set(family), {})} & {"UBL-CR-005", "CII-SR-013"}


@pytest.mark.parametrize("old, new", [
    ("<cbc:PayableAmount currencyID=\"EUR\">", "<cbc:PayableAmount>"),  # required attribute missing
    ("<cbc:IssueDate>2026-03-02</cbc:IssueDate>", "<cbc:IssueDate>2026-02-30</cbc:IssueDate>"),  # bad value
    ("<cbc:IssueDate>2026-03-02</cbc:IssueDate>", "<cbc:IssueDate>2026-03-02<!--c--></cbc:IssueDate>"),
    ("<cbc:IssueDate>2026-03-02</cbc:IssueDate>", "<cbc:IssueDate><cbc:X/></cbc:IssueDate>"),  # child in a leaf
])
def test_schema_errors_are_the_same_without_the_per_tag_step_cache(
    old: str, new: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from workflow.einvoice.structure import schema_check

    data = variant("xr_ubl_minimal.xml", old, new)
    root, syntax, _ = _parsed(data)
    cached = structure.check_schema(root, syntax)
    monkeypatch.setattr(schema_check, "_MAX_STEPS", 0)
    model = structure.structure_model.__wrapped__("ubl")  # a model with an empty step cache
    assert schema_check.check_structure(root, model, "Invoice") == cached
    assert not model.step_cache
    if "<!--c-->" not in new:
        assert cached


def test_the_chain_walker_follows_single_and_several_matches_like_the_general_walk() -> None:
    from workflow.einvoice.rules.paths import _walk

    doc = etree.fromstring(
        b'<p:r xmlns:p="urn:p"><p:a><p:b><p:c>1</p:c></p:b></p:a><p:a><p:b><p:c>2</p:c><p:c>3</p:c></p:b>'
        b'<p:b/><!--x--><p:b><p:c>4</p:c></p:b></p:a><p:d><p:b><p:c>5</p:c></p:b></p:d></p:r>'
    )
    for text in ("p:a/p:b/p:c", "p:a/p:b", "p:d/p:b/p:c", "p:a/p:x/p:c", "p:d/p:b/p:c/@q", "p:d/p:b", "p:a/p:x",
                 "p:x/p:b", "p:a/p:b/@q", "p:d/p:b/@q"):
        path = compile_path(text, {"p": "urn:p"})
        assert path.fast is not None
        index: dict = {}
        got = path.fast(doc, index)
        assert got == _walk([doc], path.alternatives[0], {})
        got.append("mutated")  # a caller's list is its own: the index stays as it was
        assert path.fast(doc, index) == _walk([doc], path.alternatives[0], {})


@pytest.mark.parametrize("name", FILES)
def test_code_list_candidates_collected_on_the_syntax_walk_find_what_the_own_search_finds(name: str) -> None:
    if "ubl" in name:
        bad = variant(name, "<cbc:IdentificationCode>DE", "<cbc:IdentificationCode>QQ")
        moved = variant(name, "<cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>", "")
        moved = moved.replace(b"<cbc:CityName>", b"<cbc:DocumentCurrencyCode>QQQ</cbc:DocumentCurrencyCode>"
                              b"<cbc:CityName>", 1)  # a currency code where no code-list entry looks
    else:
        bad = variant(name, "<ram:CountryID>DE", "<ram:CountryID>QQ")
        moved = variant(name, "<ram:TypeCode>380</ram:TypeCode>", "<ram:TypeCode>999</ram:TypeCode>")
    for data in (fixture(name), bad, moved):
        root, syntax, family = _parsed(data)
        active = {entry.rule_id for entry in codelist_rules.TABLE}
        own = list(codelist_rules.evaluate_codes(root, family, active))
        coded: list = []
        structure.check_syntax_rules(
            root, syntax, {}, select_by_path=codelist_rules.path_plan(family), selected=coded
        )
        assert list(codelist_rules.evaluate_codes(root, family, active, coded)) == own
        if data is bad:
            assert any(value == "QQ" for _, _, _, value in own)
    with pytest.raises(ValueError, match="together"):
        structure.check_syntax_rules(root, syntax, {}, selected=[])


# --- one walk for the schema check and the syntax rules ----------------------------------------------------------

def _scrambled(root: etree._Element) -> etree._Element:
    """Many schema errors in many aggregates: children reversed, copies and foreign elements added."""
    import copy

    root = copy.deepcopy(root)
    for el in list(root.iter(etree.Element)):
        kids = list(el)
        if len(kids) > 1:
            for kid in kids:
                el.remove(kid)
            for kid in reversed(kids):
                el.append(kid)
            el.append(copy.deepcopy(kids[0]))
            etree.SubElement(el, "{urn:x}Fremd")
    return root


@pytest.mark.parametrize("name", FILES)
@pytest.mark.parametrize("scramble", [False, True])
def test_one_walk_gives_what_the_schema_check_and_the_syntax_rules_give_on_their_own(
    name: str, scramble: bool
) -> None:
    root, syntax, family = _parsed(fixture(name))
    if scramble:
        root = _scrambled(root)
    empty: list = []
    coded: list = []
    index: dict = {}
    errors = structure.check_schema(root, syntax)
    findings = structure.check_syntax_rules(
        root, syntax, {}, empty_elements=empty, select_by_path=codelist_rules.path_plan(family), selected=coded
    )
    empty2: list = []
    coded2: list = []
    errors2, findings2 = structure.check_document(
        root, syntax, {}, index=index, empty_elements=empty2,
        select_by_path=codelist_rules.path_plan(family), selected=coded2,
    )
    assert (errors2, findings2, empty2, coded2) == (errors, findings, empty, coded)
    assert index  # the schema walk (or, on the fast path, the syntax-rule walk) filled the child index
    assert len(errors) >= 20 if scramble else not errors


# --- session 5: the parent-by-parent indexed walk, the schema-error shortcut, the existence tests -------------

_WALK_SAMPLES = (
    b"<r><a/><b> </b><c>x</c><d><e/></d></r>",
    b"<r><a><!--c--></a><b><!--c-->x</b><c><?pi y?> \t\r\n</c><d>\xc2\xa0</d><e>\xe2\x80\x83</e></r>",
    b"<r><a><![CDATA[ ]]></a><b><![CDATA[x]]></b><c>&#13;</c><d>&#32;<!--c-->&#9;</d></r>",
    b"<r/>",
    b"<r> <a> <b/> </a> <c/> </r>",
)


def _walk_results(root: etree._Element, family: str, indexed: bool) -> tuple:
    from workflow.einvoice.structure.evaluate import SyntaxWalk
    from workflow.einvoice.structure.rules import load_rule_set

    empty: list = []
    coded: list = []
    index: dict | None = {} if indexed else None
    walk = SyntaxWalk(load_rule_set(family), {}, empty, codelist_rules.path_plan(family), coded)
    walk.whole(root, index)
    return walk.finish(), empty, coded, index


@pytest.mark.parametrize("name", FILES)
@pytest.mark.parametrize("scramble", [False, True])
def test_the_indexed_walk_finds_what_the_plain_walk_finds_and_the_lazy_child_index(name: str, scramble: bool) -> None:
    root, _, family = _parsed(fixture(name))
    if scramble:
        root = _scrambled(root)
    findings, empty, coded, index = _walk_results(root, family, indexed=True)
    plain = _walk_results(root, family, indexed=False)
    assert (findings, empty, coded) == plain[:3]
    lazy = {el: kids for el, kids in _lazy_index(root).items() if kids}  # leaves get no entry on the walk
    assert index == lazy


@pytest.mark.parametrize("xml", _WALK_SAMPLES)
def test_the_indexed_walk_hands_out_the_empty_elements_of_the_xpath(xml: bytes) -> None:
    root = etree.fromstring(xml)
    _, empty, _, index = _walk_results(root, "ubl", indexed=True)
    assert empty == _EMPTY_XPATH(root)
    assert index == {el: kids for el, kids in _lazy_index(root).items() if kids}


@pytest.mark.parametrize("name", FILES)
@pytest.mark.parametrize("scramble", [False, True])
def test_without_rules_after_schema_errors_the_errors_stay_and_the_findings_go(name: str, scramble: bool) -> None:
    root, syntax, family = _parsed(fixture(name))
    if scramble:
        root = _scrambled(root)
    full = structure.check_document(root, syntax, {}, index={}, empty_elements=[],
                                    select_by_path=codelist_rules.path_plan(family), selected=[])
    index: dict = {}
    short = structure.check_document(root, syntax, {}, index=index, empty_elements=[],
                                     select_by_path=codelist_rules.path_plan(family), selected=[],
                                     rules_despite_schema_errors=False)
    assert short[0] == full[0]
    assert short[1] == ([] if full[0] else full[1])
    lazy = _lazy_index(root)
    assert index and all(kids == lazy[el] for el, kids in index.items())


def test_path_exists_is_child_values_not_empty() -> None:
    from workflow.einvoice.structure.paths import child_values, path_exists

    root = etree.fromstring(
        b'<r xmlns:a="urn:a"><a:x k="1"><y>t</y><y/></a:x><x><!--c--></x><z a:k=""/><w><v><u> </u></v></w></r>'
    )
    paths = ("x", "y", "x/y", "x/@k", "x/@j", "z/@k", "w/v/u", "w/v/t", "w/../x", "*", "*/y", ".", "..", "x/*",
             "*/*/u", "*/*/t", "w/*/u", "x/y/z")
    for el in root.iter(etree.Element):
        for path in paths:
            assert path_exists(el, path) is bool(child_values(el, path)), (el.tag, path)


def test_has_ancestor_named_is_the_local_name_loop() -> None:
    from workflow.einvoice.structure.paths import has_ancestor_named

    root = etree.fromstring(b'<r xmlns:a="urn:a"><a:s><t><u/></t></a:s><s><v/></s></r>')
    for el in root.iter(etree.Element):
        for name in ("r", "s", "t", "u", "v", "*", "x"):
            loop = any(etree.QName(a).localname == name for a in el.iterancestors())
            assert has_ancestor_named(el, name) is loop, (el.tag, name)


@pytest.mark.parametrize("value", [
    b"", b"QQ==", b"QUI=", b"QUJD", b"QQ", b"QQ=", b"Q", b"QQ===", b"QQ====", b"QUJD====", b"====", b"=QQ=",
    b"QQ==QQ==", b"QUJDRA==", b"QU JD", b"QUJD\n", b"QU-D", b"QU_D", b"QUJ=", b"QUJDRE", b"QUJDREU=", b"AA==",
    b"AB==", b"A===", b"QUJDR===",
])
def test_the_attachment_decoder_gives_what_b64decode_with_validation_gives(value: bytes) -> None:
    import base64
    import binascii

    from workflow.einvoice.extract import _decoded

    try:
        want = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        want = None
    assert _decoded(value) == want


def test_the_child_step_helpers_select_what_lxml_paths_select() -> None:
    from workflow.einvoice.rules.vat_rules import _below, _child, _child_text

    root = etree.fromstring(
        b'<r xmlns="urn:x"><a><b>1</b><b/><c>2</c></a><!--x--><a/><a><b>3<d/>4</b></a><e><a><b>5</b></a></e></r>'
    )
    x = "{urn:x}"
    for steps in ((f"{x}a", f"{x}b"), (f"{x}a",), (f"{x}e", f"{x}a", f"{x}b"), (f"{x}a", f"{x}z"), (f"{x}z", f"{x}b")):
        assert list(_below(root, steps)) == list(root.iterfind("/".join(steps)))
    for el in root.iter(etree.Element):
        for tag in (f"{x}a", f"{x}b", f"{x}c", f"{x}d", f"{x}z"):
            assert _child(el, tag) is el.find(tag)
            assert _child_text(el, tag) == el.findtext(tag)


@pytest.mark.parametrize("name", FILES)
def test_a_document_only_the_stricter_fast_path_rejects_still_gets_its_syntax_findings(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, syntax, family = _parsed(fixture(name))
    want = structure.check_document(root, syntax, {}, index={}, empty_elements=[],
                                    select_by_path=codelist_rules.path_plan(family), selected=[])
    monkeypatch.setattr(structure, "fast_valid", lambda *args, **kwargs: False)  # libxml2 says no, the walker yes
    empty: list = []
    coded: list = []
    got = structure.check_document(root, syntax, {}, index={}, empty_elements=empty,
                                   select_by_path=codelist_rules.path_plan(family), selected=coded,
                                   rules_despite_schema_errors=False)
    assert got == want and not got[0]
    assert empty == _EMPTY_XPATH(root) and coded


def _reference_test(el: etree._Element, pred, index: dict) -> bool:
    """The predicate test as first written (one ``any`` per comparison)."""
    from workflow.einvoice.rules.paths import _walk, norm, text_of, xs_boolean

    found = _walk([el], pred.path, index)
    if pred.op == "exists":
        return bool(found)
    if pred.op == "not":
        return not found
    if pred.op == "eq":
        return any(text_of(f) == pred.value for f in found)
    if pred.op == "ne":
        return any(text_of(f) != pred.value for f in found)
    if pred.op == "eq_upper":
        return any(text_of(f).upper() == pred.value for f in found)
    if pred.op == "ne_upper":
        return any(text_of(f).upper() != pred.value for f in found)
    if pred.op == "eq_norm":
        return any(norm(text_of(f)) == pred.value for f in found)
    if pred.op == "ne_norm":
        return any(norm(text_of(f)) != pred.value for f in found)
    if pred.op == "eq_upper_norm":
        return any(norm(text_of(f)).upper() == pred.value for f in found)
    if pred.op == "ne_upper_norm":
        return any(norm(text_of(f)).upper() != pred.value for f in found)
    if not found:
        return False
    return xs_boolean(text_of(found[0])) is (pred.op == "true")


def test_predicate_tests_agree_with_the_first_written_ones() -> None:
    from workflow.einvoice.rules.paths import _test

    doc = etree.fromstring(
        b'<p:r xmlns:p="urn:p"><p:c><p:s><p:i> vat </p:i></p:s><p:s><p:i>GST</p:i></p:s><p:f>true</p:f></p:c>'
        b'<p:c><p:s><p:i>VAT</p:i></p:s><p:f> 0 </p:f></p:c><p:c><p:s/><p:f>x</p:f></p:c><p:c/></p:r>'
    )
    preds = (
        "p:c[upper-case(p:s/p:i)='VAT']", "p:c[upper-case(p:s/p:i)!='VAT']", "p:c[p:s/p:i='VAT']",
        "p:c[p:s/p:i!='VAT']", "p:c[p:s/p:i='vat']", "p:c[p:s]", "p:c[not(p:s)]", "p:c[bool(p:f)=true]",
        "p:c[bool(p:f)=false]", "p:c[p:s][upper-case(p:s/p:i)='GST']", "p:c[p:s/p:i='']", "p:c[p:s/p:i!='']",
        "p:c[normalize-space(upper-case(p:s/p:i))='VAT']", "p:c[normalize-space(upper-case(p:s/p:i))!='VAT']",
        "p:c[normalize-space(p:s/p:i)='vat']", "p:c[normalize-space(p:s/p:i)!='vat']",
    )
    for text in preds:
        path = compile_path(text, {"p": "urn:p"})
        (steps,) = path.alternatives
        for el in doc.iter(etree.Element):
            for pred in steps[0].preds:
                assert _test(el, pred, {}) is _reference_test(el, pred, {}), (text, el.tag, pred.op)
