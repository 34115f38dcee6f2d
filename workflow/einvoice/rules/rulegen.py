"""The unfiltered rules of one context as one generated function, built from their declarations.

``engine.evaluate`` calls each rule's check through the loop over a context's entries; for the rules without a
``where`` filter (most of them) the plan also holds one function made here that runs them in a row, with the
checks declared by ``checks.has`` / ``filled`` / ``any_of`` / ``group`` written out as the node method calls they
stand for. Same checks, same order, same error handling, same failures: an implementation detail of the engine
(tests compare both forms on the corpus and on mutated documents). The source is made from the rule tables only
and compiled once per rule plan; the function keeps no state between calls, so threads may share it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from workflow.einvoice.rules.engine import Check, Node, Rule

log = logging.getLogger("workflow.einvoice.rules.engine")  # the engine's messages, wherever a rule runs

Runner = Callable[["Node", int, list], None]

# the exceptions that count as a failed assert (an evaluation error on malformed values), as in the engine
EXPECTED = (ArithmeticError, TypeError, ValueError, IndexError)


def _inline(check: Check, name: str) -> str:
    """The code setting ``ok`` to ``check(node)``: the declared checks as the calls their lambdas make (``has``
    as ``Node.has`` reads the node's term cache)."""
    declared: tuple[str | None, tuple[Any, ...]] = getattr(check, "declared", (None, ()))
    kind, args = declared
    if kind == "has":
        return (
            f"got = node._cache.get({args[0]!r})\n"
            "        if got is None:\n"
            f"            got = node.vals({args[0]!r})\n"
            "        ok = bool(got)"
        )
    return f"ok = {_expression(kind, args, name)}"


def _expression(kind: str | None, args: tuple[str, ...], name: str) -> str:
    if kind == "filled":
        return f"node.filled({args[0]!r})"
    if kind == "any_of":
        return "(" + " or ".join(f"node.has({t!r})" for t in args) + ")" if args else "False"
    if kind == "group":
        return f"bool(node.doc.nodes({args[0]!r}))"
    return f"{name}(node)"


def _failed(rule: Rule) -> None:
    """A defect in one rule must not stop the others; it is logged (with the traceback) and reported."""
    log.exception("Regel %s konnte nicht ausgewertet werden (Kontext %s)", rule.rule_id, rule.context)


def generated_runner(entries: tuple[tuple[int, Rule, Check], ...], failure: type) -> Runner:
    """``run(node, i, found)``: every entry's check on ``node`` (the ``i``-th of its context), appending
    ``(position, i, failure(rule_id, node, term))`` to ``found`` for each check that does not hold."""
    namespace: dict[str, object] = {"Failure": failure, "EXPECTED": EXPECTED, "failed": _failed}
    lines = ["def run(node, i, found):"]
    for k, (position, rule, check) in enumerate(entries):
        namespace[f"rule{k}"], namespace[f"check{k}"] = rule, check
        lines += [
            "    try:",
            f"        {_inline(check, f'check{k}')}",
            "    except EXPECTED:",
            "        ok = False",
            "    except Exception:",
            f"        failed(rule{k})",
            "        ok = False",
            "    if not ok:",
            f"        found.append(({position}, i, Failure(rule{k}.rule_id, node, rule{k}.term)))",
        ]
    if not entries:
        lines.append("    return None")
    exec(compile("\n".join(lines), "<rule plan>", "exec"), namespace)  # noqa: S102
    return namespace["run"]  # type: ignore[return-value]
