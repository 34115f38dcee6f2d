"""Approval policy (Dienstanweisung) as data: steps, people, roles, amount limits (Wertgrenzen), substitutes."""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any


class PolicyError(ValueError):
    """The policy file is inconsistent; the message says which entry to fix."""


@dataclass(frozen=True, slots=True)
class Person:
    id: str
    name: str
    email: str | None
    roles: frozenset[str]
    departments: frozenset[str]  # "*" = all
    max_amount: Decimal | None  # None = unlimited

    def serves(self, department: str | None) -> bool:
        return "*" in self.departments or (department is not None and department in self.departments)

    def within_limit(self, amount: Decimal | None) -> bool:
        return self.max_amount is None or amount is None or amount <= self.max_amount


@dataclass(frozen=True, slots=True)
class Substitution:
    user: str
    substitute: str
    valid_from: date
    valid_to: date

    def active(self, day: date) -> bool:
        return self.valid_from <= day <= self.valid_to


@dataclass(frozen=True, slots=True)
class StepSpec:
    step: str
    label: str
    role: str
    days: int


@dataclass(frozen=True, slots=True)
class ApprovalPolicy:
    steps: tuple[StepSpec, ...]
    people: dict[str, Person]
    substitutes: tuple[Substitution, ...]
    distinct_persons: bool = True
    skonto_margin_days: int = 2
    leitweg_departments: dict[str, str] | None = None  # Feinadressierung of BT-10 -> department

    def department_for_leitweg(self, leitweg_id: str | None) -> str | None:
        """Route e-invoices by the Leitweg-ID's Feinadressierung (the middle part), when configured."""
        if not leitweg_id or not self.leitweg_departments:
            return None
        parts = leitweg_id.strip().upper().split("-")
        return self.leitweg_departments.get(parts[1]) if len(parts) == 3 else None

    def person(self, user_id: str) -> Person | None:
        return self.people.get(user_id)

    def step(self, name: str) -> StepSpec:
        for s in self.steps:
            if s.step == name:
                return s
        raise PolicyError(f"unknown approval step {name!r}")

    def represented_by(self, substitute: str, day: date) -> list[str]:
        """Users for whom ``substitute`` acts on ``day``."""
        return [s.user for s in self.substitutes if s.substitute == substitute and s.active(day)]


def _person(d: dict[str, Any]) -> Person:
    try:
        limit = d.get("max_amount")
        return Person(
            id=str(d["id"]), name=str(d.get("name") or d["id"]), email=d.get("email"),
            roles=frozenset(d.get("roles", [])), departments=frozenset(d.get("departments", ["*"])),
            max_amount=None if limit in (None, "") else Decimal(str(limit)),
        )
    except (KeyError, ArithmeticError) as exc:
        raise PolicyError(f"user entry {d!r}: {exc}") from None


def policy_from_dict(d: dict[str, Any]) -> ApprovalPolicy:
    people = {p.id: p for p in (_person(x) for x in d.get("users", []))}
    steps = tuple(StepSpec(s["step"], s.get("label", s["step"]), s["role"], int(s.get("days", 5)))
                  for s in d.get("steps", []))
    if len(steps) < 2:
        raise PolicyError("policy needs at least two approval steps (four-eyes principle)")
    subs = []
    for s in d.get("substitutes", []):
        if s["user"] not in people or s["substitute"] not in people:
            raise PolicyError(f"substitute entry {s!r} names an unknown user")
        subs.append(Substitution(s["user"], s["substitute"], date.fromisoformat(s["from"]),
                                 date.fromisoformat(s["to"])))
    for st in steps:
        if not any(st.role in p.roles for p in people.values()):
            raise PolicyError(f"nobody holds role {st.role!r} needed for step {st.step!r}")
    return ApprovalPolicy(steps=steps, people=people, substitutes=tuple(subs),
                          distinct_persons=bool(d.get("distinct_persons", True)),
                          skonto_margin_days=int(d.get("skonto_margin_days", 2)),
                          leitweg_departments={str(k).upper(): str(v)
                                               for k, v in d.get("leitweg_departments", {}).items()})


def load_policy(path: str | Path | None = None) -> ApprovalPolicy:
    if path:
        text = Path(path).read_text(encoding="utf-8")
    else:
        text = resources.files("workflow.route").joinpath("default_policy.json").read_text(encoding="utf-8")
    return policy_from_dict(json.loads(text))
