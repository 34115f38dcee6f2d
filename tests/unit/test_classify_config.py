"""Routing configuration: bundled default, own files, clear errors."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from workflow.classify import RoutingConfigError, load_config


def test_default_config_has_the_seven_departments() -> None:
    cfg = load_config()
    assert set(cfg.codes()) == {"kaemmerei", "hauptamt", "bauamt", "buergerbuero", "sozialamt", "ordnungsamt",
                                "rechtsamt"}
    assert cfg.doc_type_routes["mahnung"] == "kaemmerei"
    assert 0 < cfg.triage_threshold < 1
    assert cfg.label("bauamt") == "Bauamt"


def _write(tmp_path: Path, data: object) -> str:
    path = tmp_path / "routing.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def test_own_config_loads(tmp_path: Path) -> None:
    cfg = load_config(_write(tmp_path, {"departments": [
        {"code": "schulamt", "label": "Schulamt", "kgst": "40", "hints": ["Schüler", "Schulbus"]},
        {"code": "hauptamt", "label": "Hauptamt", "kgst": "10"}], "triage_threshold": 0.8}))
    assert cfg.codes() == ("schulamt", "hauptamt")
    assert cfg.departments[0].hints == ("schuler", "schulbus")  # folded like the text they are matched against


@pytest.mark.parametrize("data, words", [
    ({"departments": []}, "keine Ämter"),
    ({"departments": [{"label": "x"}]}, "code"),
    ({"departments": [{"code": "a"}, {"code": "a"}]}, "doppelt"),
    ({"departments": [{"code": "a"}], "doc_type_routes": {"mahnung": "b"}}, "unbekanntes Amt"),
    ({"departments": [{"code": "a"}], "doc_type_routes": {"brief": "a"}}, "unbekannter Dokumenttyp"),
    ({"departments": [{"code": "a"}], "triage_threshold": 3}, "zwischen 0 und 1"),
])
def test_bad_config_says_what_is_wrong(tmp_path: Path, data: object, words: str) -> None:
    with pytest.raises(RoutingConfigError, match=words):
        load_config(_write(tmp_path, data))


def test_missing_or_broken_file(tmp_path: Path) -> None:
    with pytest.raises(RoutingConfigError, match="nicht lesbar"):
        load_config(str(tmp_path / "nope.json"))
    broken = tmp_path / "broken.json"
    broken.write_text("{departments:", encoding="utf-8")
    with pytest.raises(RoutingConfigError, match="nicht lesbar"):
        load_config(str(broken))
