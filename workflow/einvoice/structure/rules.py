"""Syntax-binding rule declarations (data) and their compiled lookup tables.

The declarations live in ``data/<family>_rules.json`` (written by ``tools/generate.py``).  Each
Schematron rule of the syntax pattern becomes a :class:`RuleGroup` (context + assertions); within
one pattern only the first group whose context matches an element handles it, as in Schematron.
Paths are sequences of local names (documents reach these rules only after the schema check, so
the namespace of each step is already fixed by its position).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from ..findings import Level

STATIC_FILTERS = frozenset({"name_suffix", "not_name_suffix", "not_name", "namespace"})


class RuleDataError(ValueError):
    """The bundled rule data is malformed; regenerate it with structure/tools/generate.py."""


@dataclass(frozen=True, slots=True)
class Step:
    """One path step: local name (``*`` any, ``!X`` any but X, ``@x`` attribute, ``**`` any depth), optional predicate."""

    name: str
    predicate: tuple[str, str, str] | None = None  # (child or @attr, "=" or "!=", value)


@dataclass(frozen=True, slots=True)
class ContextAlternative:
    """Where a rule group applies: absolute steps from the root or a suffix anywhere (``//``)."""

    absolute: bool
    steps: tuple[Step, ...]


@dataclass(frozen=True, slots=True)
class ContextFilter:
    """Extra condition on the context element (from the catalogue's context_conditions)."""

    kind: str  # name_suffix | not_name_suffix | not_name | not_under | child_bool | attr_equals
    value: str
    extra: str = ""


@dataclass(frozen=True, slots=True)
class Assertion:
    """One rule id: what must hold for every context element of its group."""

    rule_id: str
    level: Level
    kind: str  # absent | max | exactly | custom
    targets: tuple[tuple[Step, ...], ...]
    limit: int
    check: str
    args: tuple[str, ...]
    message: str
    business_term: str | None
    each: tuple[Step, ...] = ()  # custom checks: run on each element at this path below the context


@dataclass(frozen=True, slots=True)
class RuleGroup:
    """A Schematron rule: its pattern, position, context and assertions."""

    key: int
    pattern: str
    index: int
    contexts: tuple[ContextAlternative, ...]
    filters: tuple[ContextFilter, ...]
    assertions: tuple[Assertion, ...]
    static: bool = False  # context decided by the element's own name alone (cacheable per tag)
    # the assertions a context element runs itself, in declaration order (the others are reached by targets)
    custom: tuple[Assertion, ...] = ()  # kind "custom"
    counted: tuple[Assertion, ...] = ()  # kinds "max" / "exactly"


@dataclass(frozen=True, slots=True)
class TargetEntry:
    """An inverted-index entry: reaching this target path from a context element of ``group``."""

    group: RuleGroup
    assertion: Assertion
    steps: tuple[Step, ...]


@dataclass(frozen=True, slots=True)
class RuleSet:
    """All syntax-binding rules of one family with precompiled lookups."""

    family: str
    groups: tuple[RuleGroup, ...]
    groups_by_name: dict[str, tuple[RuleGroup, ...]] = field(hash=False, compare=False)
    wildcard_groups: tuple[RuleGroup, ...] = ()
    targets_by_pair: dict[tuple[str, str], tuple[TargetEntry, ...]] = field(
        default_factory=dict, hash=False, compare=False)
    deep_targets: dict[str, tuple[TargetEntry, ...]] = field(default_factory=dict, hash=False, compare=False)
    vocabulary: frozenset[str] = frozenset()
    unresolved: tuple[str, ...] = ()
    tag_cache: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)  # tag -> evaluate plan
    walk_cache: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)  # evaluate's path trie


def _step(raw: str) -> Step:
    name, bracket, rest = raw.partition("[")
    if not bracket:
        return Step(name)
    body = rest.removesuffix("]")
    op = "!=" if "!=" in body else "="
    left, _, right = body.partition(op)
    return Step(name, (left.strip(), op, right.strip().strip("'")))


def _split_steps(raw: str) -> list[str]:
    """The steps of a path: split at ``/`` outside predicates (``A[B/C='v']/D`` -> ``A[B/C='v']``, ``D``)."""
    parts: list[str] = []
    depth, start = 0, 0
    for i, char in enumerate(raw):
        if char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
        elif char == "/" and depth == 0:
            parts.append(raw[start:i])
            start = i + 1
    parts.append(raw[start:])
    return [part for part in parts if part]


def _steps(raw: str) -> tuple[Step, ...]:
    return tuple(_step(part) for part in _split_steps(raw))


@lru_cache(maxsize=256)
def parse_path(raw: str) -> tuple[Step, ...]:
    """The steps of a declared path (for checks that take a path with predicates as argument)."""
    return _steps(raw)


def _assertion(data: dict[str, Any]) -> Assertion:
    try:
        return Assertion(
            rule_id=data["id"],
            level=Level(data["level"]),
            kind=data["kind"],
            targets=tuple(_steps(t) for t in data.get("targets", ())),
            limit=int(data.get("limit", 0)),
            check=data.get("check", ""),
            args=tuple(data.get("args", ())),
            message=data["message"],
            business_term=data.get("bt"),
            each=_steps(data.get("each", "")),
        )
    except (KeyError, ValueError) as exc:
        raise RuleDataError(f"assertion {data.get('id', '?')}: {exc}; regenerate the rule data") from exc


def _context(raw: str) -> ContextAlternative:
    raw = raw.strip()
    if raw.startswith("//"):
        return ContextAlternative(False, _steps(raw[2:]))
    if raw.startswith("/"):
        return ContextAlternative(True, _steps(raw[1:]))
    return ContextAlternative(False, _steps(raw))


def compile_rule_set(data: dict[str, Any]) -> RuleSet:
    """Build the lookup tables from the JSON declaration."""
    groups: list[RuleGroup] = []
    for key, raw in enumerate(data["groups"]):
        contexts = tuple(_context(c) for c in raw["context"])
        filters = tuple(ContextFilter(f[0], f[1], f[2] if len(f) > 2 else "") for f in raw.get("filters", ()))
        static = all(not alt.absolute and len(alt.steps) == 1 and alt.steps[0].predicate is None
                     for alt in contexts) and all(f.kind in STATIC_FILTERS for f in filters)
        assertions = tuple(_assertion(a) for a in raw["asserts"])
        groups.append(RuleGroup(
            key=key,
            pattern=raw["pattern"],
            index=int(raw["index"]),
            contexts=contexts,
            filters=filters,
            assertions=assertions,
            static=static,
            custom=tuple(a for a in assertions if a.kind == "custom"),
            counted=tuple(a for a in assertions if a.kind in ("max", "exactly")),
        ))
    by_name: dict[str, list[RuleGroup]] = {}
    wildcard: list[RuleGroup] = []
    pairs: dict[tuple[str, str], list[TargetEntry]] = {}
    deep: dict[str, list[TargetEntry]] = {}
    for group in groups:
        last_names = {alt.steps[-1].name for alt in group.contexts}
        for name in last_names:
            if name == "*":
                wildcard.append(group)
            else:
                by_name.setdefault(name, []).append(group)
        for assertion in group.assertions:
            if assertion.kind not in ("absent", "max", "exactly"):
                continue
            for steps in assertion.targets:
                entry = TargetEntry(group, assertion, steps)
                if steps[0].name == "**":
                    deep.setdefault(steps[-1].name, []).append(entry)
                elif len(steps) >= 2:
                    pairs.setdefault((steps[-2].name, steps[-1].name), []).append(entry)
                else:
                    for name in last_names:
                        pairs.setdefault((name, steps[-1].name), []).append(entry)
    return RuleSet(
        family=data["family"],
        groups=tuple(groups),
        groups_by_name={k: tuple(v) for k, v in by_name.items()},
        wildcard_groups=tuple(wildcard),
        targets_by_pair={k: tuple(v) for k, v in pairs.items()},
        deep_targets={k: tuple(v) for k, v in deep.items()},
        vocabulary=frozenset(data.get("vocabulary", ())),
        unresolved=tuple(u["id"] for u in data.get("unresolved", ())),
    )


@lru_cache(maxsize=2)
def load_rule_set(family: str) -> RuleSet:
    """The bundled rule set for ``ubl`` or ``cii`` (parsed once per process)."""
    path = resources.files(__package__).joinpath("data", f"{family}_rules.json")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise RuleDataError(f"{path} missing; run python -m workflow.einvoice.structure.tools.generate") from exc
    return compile_rule_set(data)
