"""Pipeline tests against the real services: a fresh single-node Kafka broker started by infra/kafka.sh, the
stream worker as a subprocess (`python -m workflow worker`), the HTTP API in-process.

One worker and one database serve the whole session (topics are fixed names); tests use their own documents.
"""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.integration.conftest import INFRA, REPO, pg_url, s3_endpoint, unavailable, unique_name  # noqa: F401
from workflow.settings import Settings

KAFKA_PORT = int(os.environ.get("AKTENFLUSS_TEST_KAFKA_PORT", "29092"))


def _port_open(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", port)) == 0


@pytest.fixture(scope="session")
def kafka_bootstrap(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A fresh broker for this session (or AKTENFLUSS_TEST_KAFKA=host:port of a running one)."""
    given = os.environ.get("AKTENFLUSS_TEST_KAFKA", "").strip()
    if given:
        yield given
        return
    run_dir = tmp_path_factory.mktemp("kafka")
    env = {**os.environ, "KAFKA_RUN_DIR": str(run_dir), "KAFKA_PORT": str(KAFKA_PORT),
           "KAFKA_CONTROLLER_PORT": str(KAFKA_PORT + 1), "KAFKA_FRESH": "1"}
    if _port_open(KAFKA_PORT):
        unavailable("Kafka", f"port {KAFKA_PORT} is taken; set AKTENFLUSS_TEST_KAFKA_PORT")
    try:
        started = subprocess.run(["bash", str(INFRA / "kafka.sh"), "start"], env=env, capture_output=True,
                                 text=True, timeout=240)
    except (OSError, subprocess.TimeoutExpired) as exc:
        unavailable("Kafka", f"infra/kafka.sh start failed: {exc}")
    if started.returncode != 0:
        unavailable("Kafka", f"infra/kafka.sh start exited {started.returncode}: "
                             f"{(started.stdout + started.stderr)[-1500:]}")
    try:
        yield f"127.0.0.1:{KAFKA_PORT}"
    finally:
        subprocess.run(["bash", str(INFRA / "kafka.sh"), "stop"], env=env, capture_output=True, timeout=120)


class Pipeline:
    """The running system under test: worker process + API client + direct repository access."""

    def __init__(self, settings: Settings, log_path: Path) -> None:
        from fastapi.testclient import TestClient

        from workflow.api.server import create_api
        from workflow.wiring import build_services

        self.settings = settings
        self.log_path = log_path
        self.proc: subprocess.Popen[bytes] | None = None
        self.svc = build_services(settings)
        self.api = TestClient(create_api(settings))

    @property
    def repo(self) -> Any:
        return self.svc.repo

    def start_worker(self) -> None:
        env = {**os.environ, "AKTENFLUSS_DATA_DIR": str(self.settings.data_dir),
               "AKTENFLUSS_KAFKA_BOOTSTRAP": self.settings.kafka_bootstrap, "AKTENFLUSS_APP_ID": self.settings.app_id,
               "OMP_THREAD_LIMIT": "1", "AKTENFLUSS_LOG_LEVEL": "INFO"}
        log = open(self.log_path, "ab")
        self.proc = subprocess.Popen([sys.executable, "-m", "workflow", "worker"], cwd=str(REPO), env=env,
                                     stdout=log, stderr=subprocess.STDOUT, start_new_session=True)

    def kill_worker(self) -> None:
        assert self.proc is not None
        os.killpg(self.proc.pid, signal.SIGKILL)  # the worker and its OCR processes, no clean shutdown
        self.proc.wait(timeout=30)

    def stop_worker(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=40)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)

    def log_tail(self, n: int = 60) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-n:])
        except OSError:
            return ""

    def wait_for(self, cond: Callable[[], bool], timeout: float, what: str) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if cond():
                return
            if self.proc is not None and self.proc.poll() is not None:
                pytest.fail(f"worker exited ({self.proc.returncode}) while waiting for {what}\n{self.log_tail()}")
            time.sleep(0.5)
        counts = self.repo.stage_counts()
        pytest.fail(f"timeout after {timeout:.0f}s waiting for {what}; documents per status {counts}\n"
                    f"{self.log_tail()}")

    def submit(self, data: bytes, filename: str, channel: str = "upload") -> str:
        r = self.api.post("/documents", files={"file": (filename, data)}, data={"channel": channel})
        assert r.status_code == 202, r.text
        return str(r.json()["document_id"])

    def statuses(self, ids: list[str]) -> dict[str, str | None]:
        out: dict[str, str | None] = {}
        for i in ids:
            d = self.repo.get_document(i)
            out[i] = d.status if d else None
        return out


@pytest.fixture(scope="session")
def pipeline(kafka_bootstrap: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Pipeline]:
    data = tmp_path_factory.mktemp("data")
    settings = Settings(data_dir=data, kafka_bootstrap=kafka_bootstrap, app_id="aktenfluss-e2e")
    from connectors.kafka_admin import ensure_topics

    ensure_topics(kafka_bootstrap)
    p = Pipeline(settings, data / "worker.log")
    p.start_worker()
    try:
        yield p
    finally:
        p.stop_worker()
