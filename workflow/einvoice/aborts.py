"""Repeated single values on which the official rules abort: no verdict there, so no acceptance here either.

The schemas allow some elements more than once that the official rules read as one value (CII D16B: nearly every
amount). A document that repeats one of them stops the official Schematron XSLTs with an XPath type error; KoSIT
records a processing error and gives no accept recommendation, so the invoice is not accepted. Which element paths
do that is measured against the official artefacts and declared in ``data/official_aborts.json`` (written by
``bench/einvoice_processing_errors.py``; only paths on which the rules aborted in every measured context).

Pure: a parsed, schema-valid tree in, the German reasons out (empty: nothing repeated that would abort).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache

from lxml import etree

from workflow.einvoice.data_files import DATA_DIR

DECLARATION = "official_aborts.json"


class AbortDeclarationError(ValueError):
    """``data/official_aborts.json`` is malformed: regenerate it with bench/einvoice_processing_errors.py --write."""


@cache
def _declared_paths() -> tuple[tuple[str, ...], ...]:
    try:
        raw = json.loads((DATA_DIR / DECLARATION).read_text(encoding="utf-8"))
        paths = tuple(tuple(str(step) for step in path) for path in raw["paths"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise AbortDeclarationError(f"{DECLARATION}: {exc} (regenerate it with "
                                    "bench/einvoice_processing_errors.py --write)") from exc
    if any(len(path) < 2 or not all(step.startswith("{") for step in path) for path in paths):
        raise AbortDeclarationError(f"{DECLARATION}: every path needs a root and an element, in Clark names")
    return paths


@cache
def _finder(root_tag: str) -> etree.XPath | None:
    """One XPath for all declared paths under ``root_tag``: the parents holding a declared element twice or more."""
    paths = [path for path in _declared_paths() if path[0] == root_tag]
    if not paths:
        return None
    prefixes: dict[str, str] = {}

    def step(clark: str) -> str:
        q = etree.QName(clark)
        prefix = prefixes.setdefault(q.namespace or "", f"n{len(prefixes)}")
        return f"{prefix}:{q.localname}"

    alternatives = [
        "/" + "/".join(step(s) for s in path[:-1]) + f"[count({step(path[-1])}) > 1]/{step(path[-1])}[2]"
        for path in paths
    ]
    return etree.XPath(" | ".join(alternatives), namespaces={p: ns for ns, p in prefixes.items()})


# a trie of declared paths: step (Clark name) -> (the steps below it, some declared path ends at it)
_Trie = dict[str, tuple["_Trie", bool]]


@cache
def _declared_trie(root_tag: str) -> _Trie:
    """The declared paths below ``root_tag`` (without the root step) as a trie: shared steps are followed once."""
    trie: _Trie = {}
    for path in _declared_paths():
        if path[0] != root_tag:
            continue
        level = trie
        for i, step in enumerate(path[1:], start=2):
            below, ends = level.get(step, ({}, False))
            level[step] = (below, ends or i == len(path))
            level = below
    return trie


def _none_repeated(root: etree._Element, index: Mapping[etree._Element, Mapping[str, list]]) -> bool:
    """True only if no declared element occurs twice under one parent, read from a complete child index (element
    -> its child elements by Clark name, as the syntax-rule walk fills it for every element with child elements):
    dict lookups along the declared paths instead of an XPath over the tree. An element with children but no
    entry (an index that is not complete there) proves nothing: False, the XPath decides."""
    todo: list[tuple[list[etree._Element], _Trie]] = [([root], _declared_trie(root.tag))]
    while todo:
        parents, trie = todo.pop()
        for step, (below, ends) in trie.items():
            found: list[etree._Element] = []
            for parent in parents:
                kids = index.get(parent)
                if kids is None:
                    if len(parent):  # child nodes the index does not describe
                        return False
                    continue
                same = kids.get(step)
                if same is not None:
                    if ends and len(same) > 1:
                        return False
                    found += same
            if found and below:
                todo.append((found, below))
    return True


def repeated_single_values(
    root: etree._Element, index: Mapping[etree._Element, Mapping[str, list]] | None = None
) -> list[str]:
    """One German reason per repeated element on which the official rules abort (document order).

    ``index`` (optional): the document's complete child index (see ``_none_repeated``); where it shows no
    declared element repeated (nearly every document), the answer is known without searching the tree.
    """
    finder = _finder(root.tag)
    if finder is None:
        return []
    if index is not None and _none_repeated(root, index):
        return []
    reasons = []
    for second in finder(root):
        parent = second.getparent()
        count = sum(1 for sibling in parent if sibling.tag == second.tag)
        where = "/".join(etree.QName(e).localname for e in reversed(list(second.iterancestors())))
        reasons.append(
            f"{etree.QName(second).localname} steht {count}-mal in {where}: die amtliche Prüfung erwartet hier "
            "einen einzigen Wert und bricht ab (Verarbeitungsfehler, keine Annahmeempfehlung). Bitte eine "
            "berichtigte Rechnung mit genau einem Wert senden."
        )
    return reasons
