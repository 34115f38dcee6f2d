"""A worker whose broker goes away exits with status 3 and a clear reason after the configured time, instead of
spinning in the client's reconnect loop; started again next to a broker, it carries on where it stopped.

Uses a broker of its own (it is stopped on purpose), on the session test port + 400.
"""
from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pytest

from tests.e2e.conftest import KAFKA_PORT, Pipeline, _port_open
from tests.integration.conftest import INFRA, unavailable
from workflow.broker_watch import PROBE_INTERVAL_S
from workflow.settings import Settings
from workflow.worker import BROKER_LOST_EXIT_STATUS

PORT = KAFKA_PORT + 400
GIVE_UP_S = 8


def _kafka(action: str, run_dir: Path, fresh: bool = False) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "KAFKA_RUN_DIR": str(run_dir), "KAFKA_PORT": str(PORT),
           "KAFKA_CONTROLLER_PORT": str(PORT + 1), "KAFKA_FRESH": "1" if fresh else "0"}
    return subprocess.run(["bash", str(INFRA / "kafka.sh"), action], env=env, capture_output=True, text=True,
                          timeout=240)


@pytest.fixture
def own_broker(tmp_path: Path):
    if _port_open(PORT):
        unavailable("Kafka", f"port {PORT} is taken")
    run_dir = tmp_path / "kafka"
    started = _kafka("start", run_dir, fresh=True)
    if started.returncode != 0:
        unavailable("Kafka", f"infra/kafka.sh start exited {started.returncode}: "
                             f"{(started.stdout + started.stderr)[-1500:]}")
    try:
        yield run_dir
    finally:
        _kafka("stop", run_dir)


def test_worker_exits_when_broker_is_gone_and_resumes_after(own_broker: Path, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from connectors.kafka_admin import ensure_topics
    from workflow.samples.mix import mixed_documents

    one, two = mixed_documents(2, seed=11, letters_every=0, zugferd_every=0)

    monkeypatch.setenv("AKTENFLUSS_BROKER_LOST_EXIT_S", str(GIVE_UP_S))
    bootstrap = f"127.0.0.1:{PORT}"
    settings = Settings(data_dir=tmp_path / "data", kafka_bootstrap=bootstrap, app_id="aktenfluss-brokerlost")
    ensure_topics(bootstrap)
    p = Pipeline(settings, tmp_path / "worker.log")
    p.start_worker()
    try:
        first = p.submit(one.data, one.filename)
        p.wait_for(lambda: p.statuses([first])[first] == "awaiting_approval", 180, "the first invoice")

        stopping = time.monotonic()
        assert _kafka("stop", own_broker).returncode == 0
        assert p.proc is not None
        code = p.proc.wait(timeout=GIVE_UP_S + 60)
        waited = time.monotonic() - stopping
        log = p.log_tail(400)
        assert code == BROKER_LOST_EXIT_STATUS, log
        # gone for GIVE_UP_S after the last good probe, which was at most one probe interval before the stop
        assert GIVE_UP_S - PROBE_INTERVAL_S <= waited <= GIVE_UP_S + 45, waited
        assert "nicht erreichbar; Worker beendet" in log

        assert _kafka("start", own_broker).returncode == 0  # same data: topics and offsets are kept
        p.start_worker()
        second = p.submit(two.data, two.filename)
        p.wait_for(lambda: p.statuses([second])[second] == "awaiting_approval", 180, "the invoice after restart")
        assert p.statuses([first])[first] == "awaiting_approval"
    finally:
        p.stop_worker()
