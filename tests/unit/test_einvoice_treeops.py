"""``workflow.einvoice.treeops``: the compiled primitives (``treeops.pyx``, lxml's C API) give exactly what the
pure-Python module gives, on edge documents and on the corpus; and the pure module is what lxml itself says."""

from __future__ import annotations

import base64
import binascii
import importlib.util
import random
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from lxml import etree

from workflow.einvoice import accel, treeops
from workflow.einvoice.structure.datatypes import collapse_space
from workflow.einvoice.xmlsafe import DoctypeNotAllowedError, parse_xml

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "einvoice"
_SOURCE = accel.ROOT / "workflow" / "einvoice" / "treeops.py"

# documents whose shapes the C walks must read as lxml does: comments and processing instructions between and
# inside elements, namespaced and plain attributes, default and prefixed namespaces (the same local name in two),
# elements without namespace, deep nesting, empty elements, mixed content, CDATA, character references, UBL
# extension content with foreign elements, non-ASCII names
EDGE_DOCUMENTS = [
    b"<a xmlns='urn:a' xmlns:b='urn:b'><!-- c --><x/><?pi x?><b:x/><x>t<y/>u</x><!--d--><x b:att='1' plain='2'/></a>",
    b"<a xmlns='urn:a'><x>1<!-- split -->2</x><x><![CDATA[<x/>]]></x><x>&#65;&amp;</x><x/></a>",
    b"<a><x/><y><x/></y><x xmlns='urn:a'/><x xmlns=''/></a>",
    b"<r xmlns='urn:a'>" + b"<d>" * 60 + b"<x>deep</x>" + b"</d>" * 60 + b"</r>",
    b"<Invoice xmlns='urn:oasis:names:specification:ubl:schema:xsd:Invoice-2'"
    b" xmlns:ext='urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2'"
    b" xmlns:cbc='urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2'>"
    b"<ext:UBLExtensions><ext:UBLExtension><ext:ExtensionContent><foreign xmlns='urn:f'><cbc:ID>1</cbc:ID>"
    b"</foreign></ext:ExtensionContent></ext:UBLExtension></ext:UBLExtensions><cbc:ID>2</cbc:ID>"
    b"<cbc:ID/><cbc:Note>mixed <b>bold</b> text</cbc:Note></Invoice>",
    "<ä xmlns='urn:x'><ö>1</ö><ö a='ü'/><ß/></ä>".encode(),
]


def _compiled() -> ModuleType | None:
    """The compiled module of a current build (None: not built here)."""
    if not accel.is_current():
        return None
    found = list((accel.ACCEL_DIR / "workflow" / "einvoice").glob("treeops.*.so"))
    if not found:
        return None
    spec = importlib.util.spec_from_file_location("compiled_treeops.treeops", found[0])
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def _pure() -> ModuleType:
    spec = importlib.util.spec_from_file_location("pure_treeops.treeops", _SOURCE)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def _roots() -> Iterator[etree._Element]:
    for data in EDGE_DOCUMENTS:
        yield etree.fromstring(data)
    if SHARED.is_dir():
        for path in sorted(SHARED.rglob("*.xml"))[::9]:
            yield etree.fromstring(path.read_bytes())


def _tags(root: etree._Element) -> list[str]:
    """The Clark names of the document, their any-namespace forms and tags the C path leaves to lxml."""
    clark = sorted({e.tag for e in root.iter(etree.Element)})
    return clark + sorted({"{*}" + etree.QName(t).localname for t in clark}) + ["x", "{}x", "{*}*", "{urn:none}x"]


def _compare(module: ModuleType, reference: ModuleType) -> int:
    rnd = random.Random(20261123)
    compared = 0
    for root in _roots():
        tags = _tags(root)
        for element in root.iter():  # comments and processing instructions too: they have no children
            for tag in tags if len(tags) < 40 else rnd.sample(tags, 40):
                assert module.children(element, tag) == reference.children(element, tag), tag
                assert module.first_child(element, tag) is reference.first_child(element, tag), tag
                compared += 1
            for _ in range(6):
                chain = tuple(rnd.choice(tags) for _ in range(rnd.randrange(1, 4)))
                assert module.has_chain(element, chain) == reference.has_chain(element, chain), chain
            path = []  # a chain that exists: the tags down to a random descendant
            below = element
            while len(below) and rnd.random() < 0.8:
                kids = [c for c in below if isinstance(c.tag, str)]
                if not kids:
                    break
                below = rnd.choice(kids)
                path.append(below.tag if rnd.random() < 0.5 else "{*}" + etree.QName(below).localname)
            if path:
                assert module.has_chain(element, tuple(path)) is reference.has_chain(element, tuple(path)) is True
    return compared


def _same_walk(module: ModuleType, reference: ModuleType, top: etree._Element) -> None:
    mine: dict = {}
    theirs: dict = {}
    elements, tags, shapes = module.indexed_descendants(top, mine)
    expected = reference.indexed_descendants(top, theirs)
    assert len(elements) == len(expected[0]) and all(a is b for a, b in zip(elements, expected[0]))
    assert tags == expected[1] == [e.tag for e in elements]
    assert shapes == expected[2]
    assert list(mine) == list(theirs)  # the same parents, in the same order
    for parent, kids in mine.items():
        assert list(kids) == list(theirs[parent])
        for tag, found in kids.items():
            assert len(found) == len(theirs[parent][tag]) and all(a is b for a, b in zip(found, theirs[parent][tag]))


def test_the_walk_lists_what_lxml_iterates() -> None:
    """The pure walk: every element below the top in document order, its tag, its depth, its attributes."""
    root = etree.fromstring(EDGE_DOCUMENTS[0])
    index: dict = {}
    elements, tags, shapes = treeops.indexed_descendants(root, index)
    assert elements == list(root.iter(etree.Element))[1:]
    assert tags == ["{urn:a}x", "{urn:b}x", "{urn:a}x", "{urn:a}y", "{urn:a}x"]
    assert shapes == [2, 2, 2, 4, 3]  # depth 1, 1, 1, 2 (the y), 1 with attributes
    assert list(index) == [root, elements[2]] and list(index[root]) == ["{urn:a}x", "{urn:b}x"]
    deep = etree.fromstring(EDGE_DOCUMENTS[3])
    assert max(treeops.indexed_descendants(deep, {})[2]) == 61 * 2


def test_compiled_walk_equals_the_pure_one() -> None:
    compiled = _compiled()
    if compiled is None:
        pytest.skip(f"no current compiled build here ({accel.status()})")
    pure = _pure()
    rnd = random.Random(11)
    tops = 0
    for root in _roots():
        inner = list(root.iter(etree.Element))
        for top in [root] + rnd.sample(inner, min(4, len(inner))):
            _same_walk(compiled, pure, top)
            tops += 1
    assert tops > 20


def test_the_pure_module_is_lxml_itself() -> None:
    root = etree.fromstring(EDGE_DOCUMENTS[0])
    assert [e.tag for e in treeops.children(root, "{*}x")] == ["{urn:a}x", "{urn:b}x", "{urn:a}x", "{urn:a}x"]
    assert [e.tag for e in treeops.children(root, "{urn:b}x")] == ["{urn:b}x"]
    assert treeops.first_child(root, "{urn:a}y") is None
    assert treeops.has_chain(root, ("{urn:a}x", "{*}y")) and not treeops.has_chain(root, ("{urn:b}x", "{*}y"))


def test_compiled_walks_equal_the_pure_ones() -> None:
    compiled = _compiled()
    if compiled is None:
        pytest.skip(f"no current compiled build here ({accel.status()})")
    assert compiled.COMPILED and not _pure().COMPILED
    assert _compare(compiled, _pure()) > 1000


def _base64_values() -> Iterator[str]:
    rnd = random.Random(7)
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    yield from ("", "QQ==", "QR==", "QUI=", "QUJD", "QUJD=", "=QUJ", "Q===", "QQ=A", "QUJD QUJD", "QUJD\n", "Ä===")
    for _ in range(20000):
        value = base64.b64encode(rnd.randbytes(rnd.randrange(40))).decode()
        if rnd.random() < 0.5 and value:  # one character replaced: padding, whitespace, non-alphabet, non-ASCII
            at = rnd.randrange(len(value))
            value = value[:at] + rnd.choice("=\n \t!-_é") + value[at + 1:]
        if rnd.random() < 0.2:
            value = "".join(rnd.choice(alphabet + "=") for _ in range(rnd.randrange(13)))
        yield value


def test_base64_as_binascii_decodes_it() -> None:
    compiled = _compiled()
    modules = [treeops] + ([compiled] if compiled is not None else [])
    for value in _base64_values():
        try:
            expected: bytes | None = binascii.a2b_base64(value, strict_mode=True) if value.isascii() else None
        except binascii.Error:
            expected = None
        for module in modules:
            assert module.strict_base64(value) == expected, (module, value)
    if compiled is not None:  # a large attachment goes the four-character way
        data = random.Random(3).randbytes(300_001)
        assert compiled.strict_base64(base64.b64encode(data).decode()) == data


def test_a_doctype_after_a_comment_is_still_refused() -> None:
    """``_has_doctype`` looks for "<!" first; a comment or a UTF-16 document still reaches the full check."""
    for data in (b"<!-- c --><!DOCTYPE a><a/>", "<!DOCTYPE a><a/>".encode("utf-16-le"),
                 "<!DOCTYPE a><a/>".encode("utf-16-be"), b"<?xml version='1.0'?>\n<!ENTITY x 'y'><a/>"):
        with pytest.raises(DoctypeNotAllowedError):
            parse_xml(data)
    assert parse_xml(b"<!-- c --><a/>").tag == "a"


def test_depth_and_normalised_texts_as_the_pure_module_reads_them() -> None:
    compiled = _compiled()
    modules = [treeops] + ([compiled] if compiled is not None else [])
    for levels in (0, 1, 2, 3, 60, 61, 62, 64):
        for data in EDGE_DOCUMENTS + [b"<a/>", b"<!-- c --><a><!-- c --><b><?p?></b></a>"]:
            root = etree.fromstring(data)
            expected = _pure().deeper_than(root, levels)
            for module in modules:
                assert module.deeper_than(root, levels) is expected, (levels, data[:40])
                inner = next(root.iter(etree.Element))  # any element stands for its document
                assert module.deeper_than(inner, levels) is expected
    texts = ["", " ", "a", "a b", " a", "a ", "a  b", "a\tb", "a\nb", "a\rb", "a\u00a0b", "\u00a0", "Ä b", "a\x0bb",
             "a\x1fb", "a\x85b", "a\u2003b", "\U0001F600 x", "x" * 300, "x " * 50, "x " * 50 + "y"]
    for text in texts:
        # the contract ``rules.paths.norm`` relies on: True only where its slow way leaves the text as it is
        expected = _pure().normalized(text)
        slow = " ".join(text.split()) if text.isascii() else collapse_space(text)
        assert not expected or slow == text
        for module in modules:
            assert module.normalized(text) is expected, repr(text)


def test_elements_with_an_attribute_as_the_xpath_finds_them() -> None:
    compiled = _compiled()
    pure = _pure()
    documents = [b"<a xmlns:p='urn:p' x='1'><b p:x='2'/><c x='3' p:x='4'/><!-- x='5' --><d><e x=''/></d></a>"]
    documents += EDGE_DOCUMENTS
    if SHARED.is_dir():
        documents += [path.read_bytes() for path in sorted(SHARED.rglob("*.xml"))[::11]]
    found = 0
    for data in documents:
        try:
            root = etree.fromstring(data)
        except etree.XMLSyntaxError:
            continue  # the corpus holds broken files on purpose
        for name in ("x", "att", "plain", "currencyID", "unitCode", "schemeID", "listID", "mimeCode", "lang"):
            expected = root.xpath(f"//@{name}/..")
            for module in [pure] + ([compiled] if compiled is not None else []):
                for start in (root, next(iter(reversed(list(root.iter(etree.Element)))))):  # the whole document
                    got = module.with_attribute(start, name)
                    assert len(got) == len(expected) and all(a is b for a, b in zip(got, expected)), name
            found += len(expected)
    assert found > 3
    first = pure.with_attribute(etree.fromstring(documents[0]), "x")
    assert [e.tag for e in first] == ["a", "c", "e"]  # a namespaced p:x is another attribute


def test_slots_set_as_their_descriptors_set_them() -> None:
    import dataclasses

    from schemas.invoice import Address

    slots = tuple(Address.__dict__[f.name] for f in dataclasses.fields(Address))
    for module in [_pure()] + ([_compiled()] if _compiled() is not None else []):
        made = object.__new__(Address)
        module.set_slots(made, slots, list("abcdefg"))
        assert made == Address(*"abcdefg")
        with pytest.raises(ValueError):
            module.set_slots(object.__new__(Address), slots, ["a"])
        with pytest.raises(TypeError):  # a descriptor of another class refuses the object, as its __set__ does
            module.set_slots(object(), slots, list("abcdefg"))


def test_tags_stay_right_when_threads_walk_at_once() -> None:
    """The compiled walk's tag cache is shared by all threads (the validate stage runs lxml work in threads)."""
    from concurrent.futures import ThreadPoolExecutor

    module = _compiled() or treeops
    documents = [etree.fromstring(data) for data in EDGE_DOCUMENTS]
    if SHARED.is_dir():
        for path in sorted(SHARED.rglob("*.xml"))[::17]:
            try:
                documents.append(etree.fromstring(path.read_bytes()))
            except etree.XMLSyntaxError:
                continue

    def walk(root: etree._Element) -> bool:
        for _ in range(20):
            elements, tags, _shapes = module.indexed_descendants(root, {})
            if tags != [e.tag for e in elements]:
                return False
        return True

    with ThreadPoolExecutor(4) as pool:
        assert all(pool.map(walk, documents * 3))
