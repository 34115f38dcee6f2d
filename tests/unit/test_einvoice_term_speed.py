"""The shortcuts of the term layer give what the plain computations give: decimals read once per text, the
attachment decoded without removing whitespace first where there is none, ``first`` for ``find``; and the XML
depth limit holds exactly."""

from __future__ import annotations

import base64
import threading
from decimal import Decimal

import pytest

from workflow.einvoice.extract import _content, _decoded
from workflow.einvoice.rules import engine
from workflow.einvoice.structure.datatypes import without_space

_TEXTS = ("1", "0.00", "-0.00", " 19.5 ", "+.5", "5.", "1e5", "NaN", "", " ", "1 000", "٣", "12345678901234567890.123456789",
          "-", ".", "0x10", "\t7\n", "1_000")


@pytest.mark.parametrize("text", _TEXTS)
def test_a_decimal_read_from_the_cache_is_the_one_read_afresh(text: str) -> None:
    fresh = Decimal(text.strip()) if engine._DECIMAL.match(text) else None
    for _ in range(2):  # the first read fills the cache, the second reads it
        got = engine.to_decimal(text)
        assert got == fresh and (got is None) is (fresh is None)
        if got is not None:
            assert str(got) == str(fresh)  # same digits and exponent, not only the same value


def test_the_decimal_cache_is_bounded_and_shared_safely() -> None:
    before = dict(engine._DECIMALS)
    try:
        errors: list[str] = []

        def read(offset: int) -> None:
            for i in range(engine._DECIMALS_MAX):
                text = f"{offset + i}.{i % 100:02d}"
                if engine.to_decimal(text) != Decimal(text):
                    errors.append(text)

        threads = [threading.Thread(target=read, args=(k * 100_000,)) for k in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert not errors
        assert len(engine._DECIMALS) <= engine._DECIMALS_MAX + len(threads)  # a racing insert may pass the check
        assert engine.to_decimal("1" * 50) == Decimal("1" * 50)  # long texts are read, never kept
        assert "1" * 50 not in engine._DECIMALS
    finally:
        engine._DECIMALS.clear()
        engine._DECIMALS.update(before)


_PAYLOAD = base64.b64encode(bytes(range(256)) * 3).decode()


@pytest.mark.parametrize(
    "text",
    [
        _PAYLOAD,
        _PAYLOAD[:-1],  # bad length
        "QUJD",
        "QUJD=",  # excess padding
        "QU==",
        "QU=D",
        "=QUJD",
        "",
        "   ",
        "QUJD\nRUZH",
        " QUJD ",
        "QU JD",
        "QUJD\x1cRUZH",  # str.isspace, not bytes whitespace
        "QUJDé",
        "QUJD\u2003RUZH",  # a non-ASCII space
        "QU-_",
        "QUJD====",
    ],
)
def test_an_attachment_decodes_as_the_regular_way_decodes_it(text: str) -> None:
    compact = without_space(text)
    assert _content(text) == (_decoded(compact) if compact is not None else None)


@pytest.mark.parametrize("max_depth", [5, 15, 16, 17, 64])
def test_the_depth_limit_holds_exactly(max_depth: int) -> None:
    from workflow.einvoice.xmlsafe import XmlLimits, XmlTooLargeError, parse_xml

    limits = XmlLimits(max_depth=max_depth)
    for depth in sorted({1, max_depth - 1, max_depth, max_depth + 1, max_depth + 2, 16, 17, 66}):
        if depth < 1:
            continue
        data = ("<a>" * depth + "x" + "</a>" * depth).encode()
        if depth > max_depth:
            with pytest.raises(XmlTooLargeError):
                parse_xml(data, limits)
        else:
            assert parse_xml(data, limits).tag == "a"


def test_first_finds_what_find_finds() -> None:
    from lxml import etree

    from workflow.einvoice.rules.codelist_table import first

    doc = etree.fromstring(
        b'<r xmlns:p="urn:p" xmlns:q="urn:q"><p:a/><!--c--><p:a><q:b>1</q:b><q:b>2</q:b></p:a>'
        b'<p:a><q:b>3</q:b></p:a><q:b>4</q:b><p:a><p:a><q:b>5</q:b></p:a></p:a></r>'
    )
    for tags in [("{urn:p}a",), ("{urn:q}b",), ("{urn:p}a", "{urn:q}b"), ("{urn:p}a", "{urn:p}a", "{urn:q}b"),
                 ("{urn:q}x",), ("{urn:p}a", "{urn:q}x"), ("{urn:q}b", "{urn:q}b")]:
        for el in doc.iter(etree.Element):
            assert first(el, *tags) is el.find("/".join(tags)), tags
