"""The schema check's fast path decodes the attachments instead of only checking their alphabet when the
validator builds the model (which needs their bytes anyway): the strict decode proves what ``is_base64``
checks, the model takes those bytes, and verdicts and model are those of the separate steps. Our own
fixtures only (no shared corpus needed)."""

from __future__ import annotations

import base64
import itertools
import random
from collections.abc import Callable

import pytest

from tests.unit._einvoice_fixtures import variant
from workflow.einvoice import structure
from workflow.einvoice.extract import _content, extract_invoice
from workflow.einvoice.structure.datatypes import checked_base64, is_base64, strict_base64
from workflow.einvoice.validator import validate
from workflow.einvoice.xmlsafe import parse_xml

_PAYLOAD = base64.b64encode(bytes(range(256)) * 40).decode()
_WRAPPED = "\n".join(_PAYLOAD[i : i + 76] for i in range(0, len(_PAYLOAD), 76))  # as mail encoders write it
_TEXTS = (
    _PAYLOAD, _WRAPPED, _PAYLOAD[:-1], "", "QUJD", "QU==", "QUI=", "A===", "QUJD=", "QU=D", "=QUJD",
    "QUJD====", " QUJD", "QUJD\n", "QU-_", "QUJDé", "QUJD\u2003RUZH", _PAYLOAD + "\n", _PAYLOAD + "\r\n\t ",
)


def _random_texts(count: int = 3000) -> list[str]:
    rnd = random.Random(4747)
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    texts = []
    for _ in range(count):
        body = "".join(rnd.choice(alphabet) for _ in range(rnd.randrange(0, 13)))
        chars = list(body + "=" * rnd.randrange(0, 4))
        for _ in range(rnd.randrange(0, 2)):  # now and then a character out of place
            chars.insert(rnd.randrange(len(chars) + 1), rnd.choice("= \n-é"))
        texts.append("".join(chars))
    return texts


def _agrees(text: str) -> None:
    """``checked_base64`` gives bytes exactly where ``is_base64`` holds and the strict decoder takes the text
    as it is, and then the bytes the model makes of it."""
    content = checked_base64(text)
    assert (content is not None) is (is_base64(text) and strict_base64(text) is not None), text
    if content is not None:
        assert content == _content(text) == base64.b64decode(text, validate=True), text


@pytest.mark.parametrize("text", _TEXTS)
def test_a_checked_decode_proves_the_alphabet_check_and_gives_the_models_bytes(text: str) -> None:
    _agrees(text)


def test_the_checked_decode_agrees_on_every_short_text() -> None:
    # padding, line breaks and excess padding in every position, up to eight characters
    for length in range(9):
        for chars in itertools.product("QA/= \n", repeat=length):
            _agrees("".join(chars))


def test_the_checked_decode_agrees_on_random_texts() -> None:
    decoded = 0
    for text in _random_texts():
        _agrees(text)
        decoded += checked_base64(text) is not None
    assert decoded > 300  # the draw reaches both sides


_UBL_ANCHOR = "  <cac:AccountingSupplierParty>"
_CII_ANCHOR = "    </ram:ApplicableHeaderTradeAgreement>"


def _ubl(text: str) -> bytes:
    return variant(
        "xr_ubl_minimal.xml",
        _UBL_ANCHOR,
        "  <cac:AdditionalDocumentReference><cbc:ID>A1</cbc:ID><cac:Attachment>"
        f'<cbc:EmbeddedDocumentBinaryObject mimeCode="application/pdf" filename="a.pdf">{text}'
        "</cbc:EmbeddedDocumentBinaryObject></cac:Attachment></cac:AdditionalDocumentReference>\n"
        + _UBL_ANCHOR,
    )


def _cii(text: str) -> bytes:
    return variant(
        "xr_cii_minimal.xml",
        _CII_ANCHOR,
        "      <ram:AdditionalReferencedDocument><ram:IssuerAssignedID>A1</ram:IssuerAssignedID>"
        "<ram:TypeCode>916</ram:TypeCode>"
        f'<ram:AttachmentBinaryObject mimeCode="application/pdf" filename="a.pdf">{text}'
        "</ram:AttachmentBinaryObject>"
        "</ram:AdditionalReferencedDocument>\n" + _CII_ANCHOR,
    )


Make = Callable[[str], bytes]
_CASES = [
    (make, text)
    for make in (_ubl, _cii)
    for text in (_PAYLOAD, _WRAPPED, _PAYLOAD + "\n   ", "QUJD=", "QU=D", "", "A===")
]
_IDS = [f"{make.__name__}-{i}" for i, (make, _) in enumerate(_CASES)]


def _verdict(report: object) -> tuple:
    return tuple(getattr(report, f) for f in ("accept", "errors", "warnings", "findings", "xsd_errors"))


@pytest.mark.parametrize(("make", "text"), _CASES, ids=_IDS)
def test_validate_gives_the_verdict_and_the_model_of_the_separate_steps(make: Make, text: str) -> None:
    data = make(text)
    with_model, without = validate(data), validate(data, extract=False)
    assert _verdict(with_model) == _verdict(without)
    root = parse_xml(data)
    syntax = "cii" if make is _cii else "ubl"
    alone = extract_invoice(root, syntax, with_model.invoice.source)  # a fresh tree, nothing shared
    assert with_model.invoice == alone
    (attachment,) = alone.attachments
    assert attachment.content == _content(text)


@pytest.mark.parametrize("make", [_ubl, _cii])
def test_the_fast_path_hands_over_the_bytes_it_decoded(make: Make) -> None:
    root = parse_xml(make(_PAYLOAD))
    name = "CII" if make is _cii else "UBL-Invoice"
    decoded: dict = {}
    errors, _ = structure.check_document(root, name, {}, index={}, decoded=decoded)
    assert errors == []
    assert list(decoded.values()) == [base64.b64decode(_PAYLOAD)]
    wrapped: dict = {}  # the strict decoder takes no line breaks: the alphabet check decides
    errors, _ = structure.check_document(parse_xml(make(_WRAPPED)), name, {}, index={}, decoded=wrapped)
    assert errors == [] and wrapped == {}
