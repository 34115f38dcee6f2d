"""The faust app keeps its state under the configured data folder, never in the current working directory."""
from __future__ import annotations

from pathlib import Path

from workflow.app import create_app
from workflow.settings import Settings


def test_faust_state_lives_under_the_data_folder(tmp_path: Path, monkeypatch) -> None:
    elsewhere = tmp_path / "cwd"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    app = create_app(Settings(data_dir=tmp_path / "data", app_id="aktenfluss-x"))
    assert Path(app.conf.datadir).resolve().is_relative_to((tmp_path / "data").resolve())
    assert Path(app.conf.tabledir).resolve().is_relative_to((tmp_path / "data").resolve())
    assert list(elsewhere.iterdir()) == []
