"""XML-Schema-level structure checks and the EN 16931 syntax-binding rules (UBL-*/CII-* families).

Public API (both pure: a parsed tree in, results out):

* :func:`check_schema` - the role of the UBL 2.1 / CII D16B XSDs, from our own compact declarations;
* :func:`check_syntax_rules` - UBL-CR/SR/DT and CII-SR/DT rules, declared as data in ``data/``;
* :func:`check_document` - both on one walk over the elements.

Documents that an XML Schema generated from the same declarations finds valid (libxml2, see ``xsd_fastpath``;
at least as strict as the walker) skip the Python schema walk: only the syntax-rule walk runs over them.
"""
from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from lxml import etree

from .. import accel as _accel

__path__[:0] = _accel.search_path(__name__)  # before the submodules: the compiled ones when current (see accel)

from ..findings import Finding
from .evaluate import PathSelector, SyntaxWalk
from .evaluate import evaluate as _evaluate_rules  # the submodule stays reachable as ``structure.evaluate``
from .model import StructureModel, load_structure
from .rules import load_rule_set
from .schema_check import check_structure
from .xsd_fastpath import fast_valid

__all__ = ["check_document", "check_schema", "check_syntax_rules", "UnknownSyntaxError"]

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
    return load_structure(f"{family}_structure.txt", load_rule_set(family).vocabulary)


def check_schema(root: etree._Element, syntax: str, *, index: dict | None = None) -> list[str]:
    """XSD-level errors of the document (empty list = structurally valid).

    ``syntax`` is "UBL-Invoice", "UBL-CreditNote" or "CII".  Raises UnknownSyntaxError otherwise.
    ``index`` (optional) receives each walked aggregate's children by tag (see ``check_structure``) when the
    walker runs; when the generated schema's fast path finds the document valid it stays as it was (the rule
    engine fills it on first use).
    """
    family, root_name = _family(syntax)
    model = structure_model(family)
    if fast_valid(root, model, root_name):  # libxml2 on a schema generated from the same declarations
        return []
    return check_structure(root, model, root_name, index)


def check_syntax_rules(
    root: etree._Element,
    syntax: str,
    scenario_levels: Mapping[str, str],
    *,
    empty_elements: list[etree._Element] | None = None,
    select_by_path: PathSelector | None = None,
    selected: list[tuple[etree._Element, Any]] | None = None,
) -> list[Finding]:
    """Syntax-binding rules (UBL-CR/SR/DT, CII-SR/DT) that fire, one Finding per rule and context node.

    ``scenario_levels`` maps rule id -> level ("error"/"warning"/"information") for the selected
    scenario; rules not in the mapping keep the base level from the bundled data.
    ``empty_elements`` (optional) receives the elements without child elements and text, found on the same
    walk (what PEPPOL-EN16931-R008 looks for).
    ``select_by_path`` / ``selected`` (optional, together): elements another rule layer needs, chosen by their
    Clark-name path (a pure function, called once per distinct path) and collected on the same walk.
    """
    if (select_by_path is None) is not (selected is None):
        raise ValueError("select_by_path and selected go together: pass both or neither")
    family, _ = _family(syntax)
    return _evaluate_rules(root, load_rule_set(family), scenario_levels, empty_elements, select_by_path, selected)


def check_document(
    root: etree._Element,
    syntax: str,
    scenario_levels: Mapping[str, str],
    *,
    index: dict | None = None,
    empty_elements: list[etree._Element] | None = None,
    select_by_path: PathSelector | None = None,
    selected: list[tuple[etree._Element, Any]] | None = None,
    rules_despite_schema_errors: bool = True,
    texts: dict[etree._Element, str | None] | None = None,
    decoded: dict[etree._Element, bytes] | None = None,
) -> tuple[list[str], list[Finding]]:
    """``check_schema`` and ``check_syntax_rules`` on one walk over the elements: (schema errors, findings).

    The arguments are those of the two functions; the findings are those of ``check_syntax_rules`` (also when
    there are schema errors, where KoSIT would not run the rules: callers then drop them).
    ``rules_despite_schema_errors=False``: a caller that drops the findings of a schema-invalid document gets
    none for it (the syntax rules are not run, nor are ``empty_elements`` and ``selected`` filled).
    ``texts`` (optional) receives the ``text`` of the elements whose values the schema check read (the
    attachments), so a later reader need not build those strings again; ``decoded`` (optional) the bytes of
    the attachments the fast path decoded instead of checking them (see ``xsd_fastpath.fast_valid``).
    """
    family, root_name = _family(syntax)
    walk = SyntaxWalk(load_rule_set(family), scenario_levels, empty_elements, select_by_path, selected)
    model = structure_model(family)
    if texts is None:
        texts = {}  # the attachments' texts, read once
    # no schema error (libxml2, see xsd_fastpath): the rules walk alone, which fills the child index the
    # schema walk would have filled
    if fast_valid(root, model, root_name, texts, decoded):
        walk.whole(root, index, texts)
        return [], walk.finish()
    if rules_despite_schema_errors:
        errors = check_structure(root, model, root_name, index, walk)
        return errors, walk.finish()
    errors = check_structure(root, model, root_name, index)  # the schema walk alone
    if errors:
        return errors, []
    walk.whole(root, index, texts)  # stricter libxml2 only: valid after all, the rules walk on their own
    return [], walk.finish()
