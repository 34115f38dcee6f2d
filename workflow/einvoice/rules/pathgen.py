"""Binding paths with predicates as generated Python: one plain function per path, built from its compiled steps.

``paths._walk`` interprets the steps of a path for every lookup (which kind of step, which predicate operator,
one ``_walk`` per predicate test). The function made here does the same work with the steps unrolled and the
names and values as constants, so a lookup runs straight-line code. It is an implementation detail of
``paths.walker``: same values in the same order as ``paths._walk`` (tests compare both on the corpus and on
mutated documents). The source is made from the binding declarations only and compiled once per path; the
functions keep no state between calls (the per-document ``index`` is passed in), so threads may share them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from lxml import etree

if TYPE_CHECKING:
    from workflow.einvoice.rules.paths import Pred, Step

Walker = Callable[[etree._Element, dict], list]


class _Source:
    """Collects the generated functions of one path (the predicates' sub-walks first, the walker last)."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.count = 0

    def name(self, kind: str) -> str:
        self.count += 1
        return f"_{kind}{self.count}"


def _steps_function(src: _Source, steps: tuple[Step, ...]) -> str:
    """A function ``(el, index) -> list`` equal to ``paths._walk([el], steps, index)``; its name."""
    preds = [[_pred_function(src, p) for p in step.preds] for step in steps]
    fn = src.name("walk")
    out = [f"def {fn}(el, index):", "    cur = [el]"]
    for step, names in zip(steps, preds):
        tag = step.tag
        if tag == ".":
            out.append("    nxt = cur")
        elif tag[0] == "@":
            out.append(f"    nxt = [v for v in (e.get({tag[1:]!r}) for e in cur) if v is not None]")
        else:
            out += [
                "    nxt = []",
                "    for e in cur:",
                "        kids = index.get(e)",
                "        if kids is None:",
                "            kids = child_index(e, index)",
                f"        found = kids.get({tag!r})",
                "        if found:",
                "            nxt.extend(found)",
            ]
        if names:
            test = " and ".join(f"{name}(n, index)" for name in names)
            out += ["    if nxt:", f"        nxt = [n for n in nxt if not isinstance(n, str) and {test}]"]
        out += ["    if not nxt:", "        return nxt", "    cur = nxt"]
    out.append("    return cur")
    src.lines += out
    return fn


def paths_comparisons() -> frozenset[str]:
    """The comparison operators of the path language (``paths.COMPARISONS``)."""
    from workflow.einvoice.rules.paths import COMPARISONS

    return COMPARISONS


def _pred_function(src: _Source, pred: Pred) -> str:
    """A function ``(el, index) -> bool`` equal to ``paths._test(el, pred, index)``; its name."""
    walk = _steps_function(src, pred.path)
    fn = src.name("pred")
    op = pred.op
    out = [f"def {fn}(el, index):", f"    found = {walk}(el, index)"]
    if op == "exists":
        out.append("    return bool(found)")
    elif op == "not":
        out.append("    return not found")
    elif op in paths_comparisons():
        text = "norm(text_of(f))" if op.endswith("_norm") else "text_of(f)"  # as written unless normalize-space
        upper = ".upper()" if "_upper" in op else ""
        compare = "==" if op.startswith("eq") else "!="
        out += [
            "    for f in found:",
            f"        if {text}{upper} {compare} {pred.value!r}:",
            "            return True",
            "    return False",
        ]
    elif op in ("true", "false"):
        out += [
            "    if not found:",
            "        return False",
            f"    return xs_boolean(text_of(found[0])) is {op == 'true'}",
        ]
    else:
        raise ValueError(f"Prädikat-Operator {op!r} unbekannt: paths._test und pathgen angleichen")
    src.lines += out
    return fn


def generated_walker(alternatives: tuple[tuple[Step, ...], ...], source: str) -> Walker:
    """``select`` of the path with these alternatives as one generated function of (element, index)."""
    from workflow.einvoice.rules import paths  # the helpers the generated code calls

    for steps in alternatives:
        if any(st.tag[0] == "@" for st in steps[:-1]):
            raise ValueError(f"Attributschritt nicht am Ende von {source!r}: Pfad umschreiben")
    src = _Source()
    walks = [_steps_function(src, steps) for steps in alternatives]
    src.lines.append("def walk(el, index):")
    if len(walks) == 1:
        src.lines.append(f"    return list({walks[0]}(el, index))")
    else:
        src.lines.append("    out = []")
        src.lines += [f"    out.extend({w}(el, index))" for w in walks]
        src.lines.append("    return out")
    namespace: dict[str, Any] = {
        "child_index": paths.child_index,
        "norm": paths.norm,
        "text_of": paths.text_of,
        "xs_boolean": paths.xs_boolean,
    }
    exec(compile("\n".join(src.lines), f"<binding path {source}>", "exec"), namespace)  # noqa: S102
    return namespace["walk"]  # type: ignore[no-any-return]
