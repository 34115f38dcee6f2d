"""Hybrid PDFs: building one, taking the XML out again, profiles, and every kind of bad PDF."""

from __future__ import annotations

import io
import logging
import os
import random
from pathlib import Path

import pytest
from pypdf import PdfWriter

from workflow.einvoice.facturx import (
    BrokenPdfError,
    EmbeddedXmlError,
    EncryptedPdfError,
    NoEmbeddedInvoiceError,
    Profile,
    detect_profile,
    extract_embedded_invoice,
    make_facturx_pdf,
    profile_finding,
)
from workflow.einvoice.findings import Level
from workflow.einvoice.render.pdf_page import text_pdf
from workflow.errors import BadInputError, UnsafeInputError

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "einvoice_extras"
XR_ID = b"urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0"


def _shared() -> Path:
    return Path(os.environ.get("AKTENFLUSS_SHARED") or Path(__file__).resolve().parents[2].parent / "shared")


@pytest.fixture(scope="module")
def cii() -> bytes:
    return (FIXTURES / "xrechnung_cii.xml").read_bytes()


@pytest.fixture(scope="module")
def hybrid(cii: bytes) -> bytes:
    return make_facturx_pdf(cii, title="Rechnung RE-2026-0815")


def _with_attachment(name: str, data: bytes, *, af_only: bool = False) -> bytes:
    """A plain PDF with one attachment, either in the EmbeddedFiles tree or only in the catalog /AF array."""
    from pypdf.generic import ArrayObject, NameObject

    writer = PdfWriter(clone_from=io.BytesIO(text_pdf(["Rechnung"], title="x")))
    att = writer.add_attachment(name, data)
    att.pdf_object[NameObject("/AFRelationship")] = NameObject("/Data")
    writer._root_object[NameObject("/AF")] = ArrayObject([writer._add_object(att.pdf_object)])
    if af_only:
        del writer._root_object["/Names"]
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_roundtrip_returns_the_same_xml_and_profile(cii: bytes, hybrid: bytes) -> None:
    found = extract_embedded_invoice(hybrid)
    assert found.xml == cii
    assert found.filename == "factur-x.xml"
    assert found.profile is Profile.XRECHNUNG and found.profile.is_invoice
    assert found.guideline_id == XR_ID.decode()
    assert found.af_relationship == "Data"
    assert profile_finding(found) is None


def test_visual_page_shows_main_data(hybrid: bytes) -> None:
    from pypdf import PdfReader

    text = PdfReader(io.BytesIO(hybrid)).pages[0].extract_text()
    assert "RE-2026-0815" in text and "Bürobedarf Muster GmbH" in text and "238.00" in text


@pytest.mark.parametrize(
    ("guideline", "profile", "is_invoice"),
    [
        ("urn:factur-x.eu:1p0:minimum", Profile.MINIMUM, False),
        ("urn:factur-x.eu:1p0:basicwl", Profile.BASIC_WL, False),
        ("urn:cen.eu:en16931:2017#compliant#urn:factur-x.eu:1p0:basic", Profile.BASIC, True),
        ("urn:cen.eu:en16931:2017", Profile.EN16931, True),
        ("urn:cen.eu:en16931:2017#conformant#urn:factur-x.eu:1p0:extended", Profile.EXTENDED, True),
        ("urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0", Profile.XRECHNUNG, True),
        (
            "urn:cen.eu:en16931:2017#conformant#urn:xeinkauf.de:kosit:extension:xrechnung_3.0",
            Profile.XRECHNUNG,
            True,
        ),
        ("urn:zugferd.de:2p0:basicwl", Profile.BASIC_WL, False),
        ("urn:ferd:CrossIndustryDocument:invoice:1p0:comfort", Profile.ZUGFERD_1, False),
        ("urn:example:something-else", Profile.UNKNOWN, False),
    ],
)
def test_detect_profile(guideline: str, profile: Profile, is_invoice: bool) -> None:
    assert detect_profile(guideline) is profile
    assert profile.is_invoice is is_invoice
    assert (profile.rejection_reason is None) is is_invoice


@pytest.mark.parametrize("profile_id", [b"urn:factur-x.eu:1p0:minimum", b"urn:factur-x.eu:1p0:basicwl"])
def test_minimum_and_basicwl_are_not_invoices(cii: bytes, profile_id: bytes) -> None:
    found = extract_embedded_invoice(make_facturx_pdf(cii.replace(XR_ID, profile_id), title="M"))
    assert not found.profile.is_invoice
    finding = profile_finding(found)
    assert finding is not None and finding.level is Level.ERROR and finding.rule_id == "AF-PROFILE-01"
    assert "kein vollständiger Rechnungsinhalt nach EN 16931" in finding.message


def test_ubl_is_attached_as_xrechnung_xml() -> None:
    ubl = (FIXTURES / "xrechnung_ubl.xml").read_bytes()
    found = extract_embedded_invoice(make_facturx_pdf(ubl, title="U"))
    assert (found.filename, found.profile, found.xml) == ("xrechnung.xml", Profile.XRECHNUNG, ubl)


def test_attachment_listed_only_in_af_array_is_found(cii: bytes) -> None:
    found = extract_embedded_invoice(_with_attachment("rechnung-4711.xml", cii, af_only=True))
    assert found.filename == "rechnung-4711.xml" and found.xml == cii


def test_zugferd_1_is_recognised_and_not_an_invoice() -> None:
    zf1 = (
        b'<rsm:CrossIndustryDocument xmlns:rsm="urn:ferd:CrossIndustryDocument:invoice:1p0" '
        b'xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:12">'
        b"<rsm:SpecifiedExchangedDocumentContext><ram:GuidelineSpecifiedDocumentContextParameter>"
        b"<ram:ID>urn:ferd:CrossIndustryDocument:invoice:1p0:comfort</ram:ID>"
        b"</ram:GuidelineSpecifiedDocumentContextParameter></rsm:SpecifiedExchangedDocumentContext>"
        b"</rsm:CrossIndustryDocument>"
    )
    found = extract_embedded_invoice(_with_attachment("ZUGFeRD-invoice.xml", zf1))
    assert found.profile is Profile.ZUGFERD_1 and not found.profile.is_invoice
    assert found.guideline_id == "urn:ferd:CrossIndustryDocument:invoice:1p0:comfort"


def test_plain_pdf_has_no_embedded_invoice() -> None:
    with pytest.raises(NoEmbeddedInvoiceError):
        extract_embedded_invoice(text_pdf(["nur Text"], title="plain"))


def test_pdf_with_other_xml_attachment_is_plain() -> None:
    with pytest.raises(NoEmbeddedInvoiceError, match="notiz.xml"):
        extract_embedded_invoice(_with_attachment("notiz.xml", b"<notiz>hallo</notiz>"))


@pytest.mark.parametrize("data", [b"", b"GIF89a....", b"%PDF-1.7\n" + bytes(range(256)) * 8, "%PDF-1.7"])
def test_not_a_pdf_or_garbage_is_broken(data: bytes) -> None:
    with pytest.raises(BrokenPdfError):
        extract_embedded_invoice(data)  # a str is refused too (wrong type, not a crash)


def test_truncated_pdf_is_broken(hybrid: bytes) -> None:
    with pytest.raises(BrokenPdfError):
        extract_embedded_invoice(hybrid[: len(hybrid) // 2])


def test_encrypted_pdf_is_refused(hybrid: bytes) -> None:
    writer = PdfWriter(clone_from=io.BytesIO(hybrid))
    writer.encrypt(user_password="", owner_password="geheim")
    out = io.BytesIO()
    writer.write(out)
    with pytest.raises(EncryptedPdfError) as info:
        extract_embedded_invoice(out.getvalue())
    assert isinstance(info.value, UnsafeInputError) and info.value.fix


def test_broken_xml_under_known_name_is_an_error() -> None:
    with pytest.raises(EmbeddedXmlError):
        extract_embedded_invoice(_with_attachment("factur-x.xml", b"<rsm:CrossIndustryInvoice"))


def test_doctype_in_embedded_xml_is_unsafe(cii: bytes) -> None:
    evil = cii.replace(
        b"<rsm:CrossIndustryInvoice", b'<!DOCTYPE x [<!ENTITY a "b">]>\n<rsm:CrossIndustryInvoice', 1
    )
    with pytest.raises(UnsafeInputError):
        extract_embedded_invoice(_with_attachment("factur-x.xml", evil))


def test_make_refuses_non_invoice_xml() -> None:
    with pytest.raises(EmbeddedXmlError):
        make_facturx_pdf(b"<notiz/>", title="x")


def test_damaged_bytes_never_crash(hybrid: bytes) -> None:
    """Random byte flips: every outcome is a result or a BadInputError, never another exception."""
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    rng = random.Random(20260310)
    outcomes = set()
    for _ in range(150):
        data = bytearray(hybrid)
        for _ in range(rng.randint(1, 20)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        try:
            extract_embedded_invoice(bytes(data))
            outcomes.add("ok")
        except BadInputError as exc:
            assert exc.reason
            outcomes.add(type(exc).__name__)
    assert len(outcomes) >= 2  # the flips did hit something


@pytest.mark.corpus
def test_corpus_cii_and_ubl_roundtrip() -> None:
    base = _shared() / "corpus" / "einvoice" / "kosit-testsuite" / "business-cases" / "standard"
    if not base.is_dir():
        pytest.skip(f"shared corpus not found at {base}")
    files = sorted(base.glob("*.xml"))[:12]
    assert files
    for path in files:
        xml = path.read_bytes()
        found = extract_embedded_invoice(make_facturx_pdf(xml, title=path.stem))
        assert found.xml == xml, path.name
        assert found.profile is Profile.XRECHNUNG, path.name
