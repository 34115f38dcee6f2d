"""XML-Schema-level structure checks and the EN 16931 syntax-binding rules (UBL-*/CII-* families).

Public API (both pure: a parsed tree in, results out):

* :func:`check_schema` - the role of the UBL 2.1 / CII D16B XSDs, from our own compact declarations;
* :func:`check_syntax_rules` - UBL-CR/SR/DT and CII-SR/DT rules, declared as data in ``data/``.
"""
from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

from lxml import etree

from ..findings import Finding
from .model import StructureModel, load_structure
from .schema_check import check_structure

__all__ = ["check_schema", "check_syntax_rules", "UnknownSyntaxError"]

_ROOTS = {"UBL-Invoice": ("ubl", "Invoice"), "UBL-CreditNote": ("ubl", "CreditNote"), "CII": ("cii", "CrossIndustryInvoice")}


class UnknownSyntaxError(ValueError):
    """The syntax name is not one of UBL-Invoice, UBL-CreditNote, CII; detect the syntax first."""


def _family(syntax: str) -> tuple[str, str]:
    try:
        return _ROOTS[syntax]
    except KeyError:
        raise UnknownSyntaxError(
            f"unknown syntax {syntax!r}; expected one of {', '.join(_ROOTS)} (detect the syntax first)"
        ) from None


@lru_cache(maxsize=2)
def structure_model(family: str) -> StructureModel:
    """The bundled structure declaration for ``ubl`` or ``cii`` (parsed once per process)."""
    from .rules import load_rule_set

    return load_structure(f"{family}_structure.txt", load_rule_set(family).vocabulary)


def check_schema(root: etree._Element, syntax: str, *, index: dict | None = None) -> list[str]:
    """XSD-level errors of the document (empty list = structurally valid).

    ``syntax`` is "UBL-Invoice", "UBL-CreditNote" or "CII".  Raises UnknownSyntaxError otherwise.
    ``index`` (optional) receives each walked aggregate's children by tag (see ``check_structure``).
    """
    family, root_name = _family(syntax)
    return check_structure(root, structure_model(family), root_name, index)


def check_syntax_rules(root: etree._Element, syntax: str, scenario_levels: Mapping[str, str]) -> list[Finding]:
    """Syntax-binding rules (UBL-CR/SR/DT, CII-SR/DT) that fire, one Finding per rule and context node.

    ``scenario_levels`` maps rule id -> level ("error"/"warning"/"information") for the selected
    scenario; rules not in the mapping keep the base level from the bundled data.
    """
    from .rules import load_rule_set
    from .evaluate import evaluate

    family, _ = _family(syntax)
    return evaluate(root, load_rule_set(family), scenario_levels)
