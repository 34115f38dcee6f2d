"""Load the bundled rule/scenario/code-list data (``workflow/einvoice/data``) once per process."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

DATA_DIR = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True, slots=True)
class RuleInfo:
    """Facts about one official rule: which layer runs it, its base level and which profile gates it."""

    rule_id: str
    layer: str  # cen | xrechnung | peppol
    base_level: str  # error | warning | information
    profile: str  # all | extension | cvd


@dataclass(frozen=True, slots=True)
class Scenario:
    """A KoSIT scenario: which documents it matches, which rule layers run, which levels it overrides."""

    name: str
    syntax: str  # ubl | cii
    document: str  # Invoice | CreditNote | CrossIndustryInvoice
    customization_id: str
    layers: tuple[str, ...]
    custom_levels: Mapping[str, str]

    @property
    def profile(self) -> str:
        """all | extension | cvd: which profile-gated XRechnung rules can fire."""
        if "extension" in self.customization_id:
            return "extension"
        if "cvd" in self.customization_id:
            return "cvd"
        return "all"


def _load(name: str) -> object:
    path = DATA_DIR / name
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise FileNotFoundError(
            f"{path} fehlt: mit 'python -m workflow.einvoice.tools.refresh_data <reference>' erzeugen"
        ) from exc


@cache
def rules(syntax: str) -> Mapping[str, RuleInfo]:
    """Rule facts for ``ubl`` or ``cii``."""
    raw = _load("rules.json")
    assert isinstance(raw, dict)
    return MappingProxyType({rid: RuleInfo(rid, *vals) for rid, vals in raw[syntax].items()})


@cache
def scenarios() -> tuple[Scenario, ...]:
    raw = _load("scenarios.json")
    assert isinstance(raw, list)
    return tuple(
        Scenario(
            s["name"],
            s["syntax"],
            s["document"],
            s["customization_id"],
            tuple(s["layers"]),
            MappingProxyType(dict(s["custom_levels"])),
        )
        for s in raw
    )


@cache
def codelist(key: str) -> frozenset[str]:
    raw = _load("codelists.json")
    assert isinstance(raw, dict)
    if key not in raw:
        raise KeyError(f"Codeliste {key!r} fehlt in {DATA_DIR / 'codelists.json'}")
    return frozenset(raw[key])


def scenario_levels(scenario: Scenario) -> Mapping[str, str]:
    """rule_id -> effective level in this scenario (base level with the scenario's customLevel applied)."""
    return _levels(scenario.name)


@cache
def _levels(name: str) -> Mapping[str, str]:
    sc = next(s for s in scenarios() if s.name == name)
    levels = {rid: info.base_level for rid, info in rules(sc.syntax).items()}
    levels.update(sc.custom_levels)
    return MappingProxyType(levels)
