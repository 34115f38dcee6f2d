"""xmlsafe: hostile or broken XML is rejected with a typed error, never expanded or fetched."""

from __future__ import annotations

import time

import pytest

from workflow.einvoice.xmlsafe import (
    DoctypeNotAllowedError,
    NotWellFormedError,
    XmlLimits,
    XmlTooLargeError,
    parse_xml,
)

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<Invoice>&lol3;</Invoice>"""
XXE = b"""<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><Invoice>&e;</Invoice>"""


@pytest.mark.parametrize(
    "data", [BILLION_LAUGHS, XXE, b'<!DOCTYPE Invoice SYSTEM "http://example.invalid/x.dtd"><a/>']
)
def test_doctype_is_refused_before_parsing(data: bytes) -> None:
    with pytest.raises(DoctypeNotAllowedError):
        parse_xml(data)


@pytest.mark.parametrize(
    "data", [b"", b"   ", b"%PDF-1.7 binary", b"<Invoice><cbc:ID>1</cbc:ID>", b"<a></b>"]
)
def test_not_well_formed_gives_reason(data: bytes) -> None:
    with pytest.raises(NotWellFormedError) as info:
        parse_xml(data)
    assert "wohlgeformt" in info.value.reason


def test_depth_bomb_is_rejected_quickly() -> None:
    data = b"<a>" * 5000 + b"</a>" * 5000
    t0 = time.perf_counter()
    with pytest.raises((XmlTooLargeError, NotWellFormedError)):
        parse_xml(data)
    assert time.perf_counter() - t0 < 2.0


def test_limits_on_depth_count_and_size() -> None:
    assert parse_xml(b"<a>" * 10 + b"</a>" * 10, XmlLimits(max_depth=10)).tag == "a"
    with pytest.raises(XmlTooLargeError, match="tief"):
        parse_xml(b"<a>" * 11 + b"</a>" * 11, XmlLimits(max_depth=10))
    with pytest.raises(XmlTooLargeError, match="Elemente"):
        parse_xml(b"<r>" + b"<x/>" * 50 + b"</r>", XmlLimits(max_elements=20))
    with pytest.raises(XmlTooLargeError, match="groß"):
        parse_xml(b"<r>" + b" " * 200 + b"</r>", XmlLimits(max_bytes=100))


def test_entities_without_doctype_stay_unresolved_errors() -> None:
    with pytest.raises(NotWellFormedError):
        parse_xml(b"<a>&undefined;</a>")
