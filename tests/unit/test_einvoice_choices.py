"""CII's two forms of a date, date-time and indicator (a choice in the schema: exactly one of them).

Every variant of our own CII fixture below was judged by the official artefacts (JDK XSD + CEN 1.3.15 +
XRechnung 2.5.0 on Saxon, bench/einvoice_differential.py's reference); the expected verdicts are theirs. Before
the choice was declared, a due date or tax point date written as udt:DateTime / udt:Date was REJECTED by us as a
schema error (officially accepted), and an indicator with both forms was ACCEPTED (officially a schema error).
"""

from __future__ import annotations

import pytest

from tests.unit._einvoice_fixtures import SCHEMA_INVALID, assert_official_outcome, variant

_CTX = "<rsm:ExchangedDocumentContext>"
_DUE = '<udt:DateTimeString format="102">20260404</udt:DateTimeString>'
_ISSUE = '<ram:IssueDateTime><udt:DateTimeString format="102">20260305</udt:DateTimeString></ram:IssueDateTime>'
_ISSUE_AS_DATETIME = "<ram:IssueDateTime><udt:DateTime>2026-03-05T00:00:00</udt:DateTime></ram:IssueDateTime>"
_RATE = "<ram:RateApplicablePercent>7</ram:RateApplicablePercent>\n      </ram:ApplicableTradeTax>"


def _test_indicator(inner: str) -> tuple[str, str]:
    return _CTX, f"{_CTX}<ram:TestIndicator>{inner}</ram:TestIndicator>"


def _tax_point(inner: str) -> tuple[str, str]:
    return _RATE, f"<ram:TaxPointDate>{inner}</ram:TaxPointDate>\n        {_RATE}"


CASES: dict[str, tuple[tuple[str, str], object]] = {
    # (anchor, replacement), official (accept, errors, warnings) or SCHEMA_INVALID
    "due date as udt:DateTime": ((_DUE, "<udt:DateTime>2026-04-04T00:00:00</udt:DateTime>"),
                                 (True, set(), {"CII-SR-400"})),
    "due date-time with zone": ((_DUE, "<udt:DateTime>2026-04-04T12:30:00+01:00</udt:DateTime>"),
                                (True, set(), {"CII-SR-400"})),
    "due date-time 24:00:00": ((_DUE, "<udt:DateTime>2026-04-04T24:00:00</udt:DateTime>"),
                               (True, set(), {"CII-SR-400"})),
    "due date-time without time": ((_DUE, "<udt:DateTime>2026-04-04</udt:DateTime>"), SCHEMA_INVALID),
    "due date-time not a date": ((_DUE, "<udt:DateTime>morgen</udt:DateTime>"), SCHEMA_INVALID),
    "due date in both forms": ((_DUE, _DUE + "<udt:DateTime>2026-04-04T00:00:00</udt:DateTime>"), SCHEMA_INVALID),
    "issue date as udt:DateTime": ((_ISSUE, _ISSUE_AS_DATETIME), (False, {"BR-03"}, {"CII-SR-015"})),
    "indicator": (_test_indicator("<udt:Indicator>false</udt:Indicator>"), (True, set(), {"CII-SR-002"})),
    "indicator as string": (_test_indicator("<udt:IndicatorString>false</udt:IndicatorString>"),
                            (True, set(), {"CII-SR-002"})),
    "indicator in both forms": (_test_indicator("<udt:Indicator>false</udt:Indicator>"
                                                "<udt:IndicatorString>false</udt:IndicatorString>"), SCHEMA_INVALID),
    "indicator in neither form": (_test_indicator(""), SCHEMA_INVALID),
    "tax point date as udt:DateString": (_tax_point('<udt:DateString format="102">20260305</udt:DateString>'),
                                         (True, set(), set())),
    "tax point date as udt:Date": (_tax_point("<udt:Date>2026-03-05</udt:Date>"), (True, set(), set())),
    "tax point udt:Date not a day": (_tax_point("<udt:Date>2026-02-30</udt:Date>"), SCHEMA_INVALID),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_official_verdict_on_either_form(name: str) -> None:
    (anchor, replacement), official = CASES[name]
    assert_official_outcome(name, variant("xr_cii_minimal.xml", anchor, replacement), official)  # type: ignore[arg-type]
