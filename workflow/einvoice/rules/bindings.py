"""Where each business group (BG) and business term (BT) sits in UBL and in CII: data, one table per syntax.

A group entry is ``group: (parent group, path from the parent element, {term: path from the group element})``.
Paths use the mini language of ``paths``. Extra, non-EN terms (prefixed ``X-``) name syntax details some rules
need (e.g. the raw ChargeIndicator). A ``-VAT`` suffix (``BT-118-VAT``, ``category-VAT``) names the same term read
only from tax categories of the scheme VAT (UBL TaxScheme/ID, CII TypeCode), as most official rules read it.
"""

from __future__ import annotations

from typing import Mapping

from workflow.einvoice.rules.bindings_cii import CII
from workflow.einvoice.rules.bindings_ubl import UBL
from workflow.einvoice.rules.namespaces import NS_CII, NS_UBL, Group

__all__ = ["CII", "NS_CII", "NS_UBL", "UBL", "Group", "bindings"]


def bindings(syntax: str) -> tuple[Mapping[str, Group], Mapping[str, str]]:
    """(group table, namespace prefixes) for ``ubl`` or ``cii``."""
    if syntax == "ubl":
        return UBL, NS_UBL
    if syntax == "cii":
        return CII, NS_CII
    raise ValueError(f"unbekannte Syntax {syntax!r}: 'ubl' oder 'cii' erwartet")
