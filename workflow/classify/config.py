"""Routing configuration per municipality: departments with labels, KGSt numbers and keyword hints.

The bundled default (``default_config.json``) follows the routing rules of the design brief §6.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping

from workflow.classify.features import fold
from workflow.classify.types import DocType
from workflow.errors import BadInputError


class RoutingConfigError(BadInputError):
    """The routing configuration file is missing, unreadable or inconsistent."""

    fix = "Konfigurationsdatei korrigieren (JSON mit 'departments'); Vorlage: workflow/classify/default_config.json."


@dataclass(frozen=True, slots=True)
class Department:
    """One routing target."""

    code: str
    label: str
    kgst: str
    hints: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class RoutingConfig:
    """Departments of one municipality and the rules that route without reading the content."""

    municipality: str
    departments: tuple[Department, ...]
    triage_threshold: float
    default_department: str
    doc_type_routes: Mapping[str, str]

    def codes(self) -> tuple[str, ...]:
        return tuple(d.code for d in self.departments)

    def label(self, code: str) -> str:
        return next((d.label for d in self.departments if d.code == code), code)


def _require(data: Mapping[str, Any], key: str, kind: type, where: str) -> Any:
    value = data.get(key)
    if not isinstance(value, kind):
        raise RoutingConfigError(f"{where}: Feld '{key}' fehlt oder ist kein {kind.__name__}")
    return value


def parse_config(data: Mapping[str, Any], where: str = "Konfiguration") -> RoutingConfig:
    """Validate a parsed JSON configuration and build the RoutingConfig value."""
    if not isinstance(data, Mapping):
        raise RoutingConfigError(f"{where}: JSON-Objekt erwartet")
    departments = []
    for i, raw in enumerate(_require(data, "departments", list, where)):
        if not isinstance(raw, Mapping):
            raise RoutingConfigError(f"{where}: departments[{i}] ist kein Objekt")
        hints = tuple(fold(str(h)) for h in raw.get("hints", []))  # matched against folded text
        departments.append(Department(_require(raw, "code", str, f"{where} departments[{i}]"),
                                      str(raw.get("label", raw["code"])), str(raw.get("kgst", "")), hints))
    if not departments:
        raise RoutingConfigError(f"{where}: keine Ämter konfiguriert")
    codes = [d.code for d in departments]
    if len(set(codes)) != len(codes):
        raise RoutingConfigError(f"{where}: Amts-Codes doppelt: {sorted(c for c in codes if codes.count(c) > 1)}")
    threshold = float(data.get("triage_threshold", 0.6))
    if not 0.0 <= threshold <= 1.0:
        raise RoutingConfigError(f"{where}: triage_threshold {threshold} liegt nicht zwischen 0 und 1")
    default = str(data.get("default_department", codes[0]))
    routes = {str(k): str(v) for k, v in dict(data.get("doc_type_routes", {})).items()}
    for doc_type, code in list(routes.items()) + [("default_department", default)]:
        if code not in codes:
            raise RoutingConfigError(f"{where}: {doc_type} verweist auf unbekanntes Amt '{code}'")
        if doc_type != "default_department" and doc_type not in set(DocType):
            raise RoutingConfigError(f"{where}: unbekannter Dokumenttyp '{doc_type}' in doc_type_routes")
    return RoutingConfig(str(data.get("municipality", "")), tuple(departments), threshold, default,
                         MappingProxyType(routes))


def load_config(path: str | None = None) -> RoutingConfig:
    """Read a routing configuration (JSON); without ``path`` the bundled default."""
    try:
        if path is None:
            raw = resources.files("workflow.classify").joinpath("default_config.json").read_text(encoding="utf-8")
            where = "default_config.json"
        else:
            raw = Path(path).read_text(encoding="utf-8")
            where = str(path)
        data = json.loads(raw)
    except (OSError, json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise RoutingConfigError(f"Routing-Konfiguration {path or 'default'} nicht lesbar: {exc}") from exc
    return parse_config(data, where)
