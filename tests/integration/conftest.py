"""Session fixtures for the real services that infra/ starts (PostgreSQL, S3 server; Kafka can follow).

Each service is found the same way (see :func:`service_url`):
1. an env variable names a running instance (e.g. ``AKTENFLUSS_TEST_PG_URL``), else
2. the fixture runs ``infra/<script> start`` and uses the URL it prints, stopping the service again at the end of
   the session if (and only if) it was not running before.
A missing service SKIPS its tests, unless ``AKTENFLUSS_REQUIRE_SERVICES=1`` (CI): then it is a FAILURE.

To add a service: write one more fixture that calls ``service_url(...)`` with its env variable, script and probe.
"""
from __future__ import annotations

import os
import re
import subprocess
import urllib.request
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

import pytest

REPO = Path(__file__).resolve().parents[2]
INFRA = REPO / "infra"
START_TIMEOUT_S = 180


def services_required() -> bool:
    """True in CI: an unavailable service must fail the run, not skip it."""
    return os.environ.get("AKTENFLUSS_REQUIRE_SERVICES", "") == "1"


def unavailable(what: str, why: str) -> NoReturn:
    """Skip (or fail, when services are required) with a reason that says how to provide the service."""
    message = f"{what} not available: {why}"
    if services_required():
        pytest.fail(message + " (AKTENFLUSS_REQUIRE_SERVICES=1)", pytrace=False)
    pytest.skip(message)


def _run(script: Path, action: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", str(script), action], capture_output=True, text=True, timeout=START_TIMEOUT_S, check=False
    )


def service_url(
    request: pytest.FixtureRequest, *, what: str, env_var: str, script: str, probe: Callable[[str], None]
) -> str:
    """URL of a usable service: from ``env_var`` or by starting ``infra/<script>``; ``probe(url)`` raises if the
    service does not answer. Registers a stop at session end when this call started the service."""
    url = os.environ.get(env_var, "").strip()
    if not url:
        path = INFRA / script
        if not path.is_file():
            unavailable(what, f"{path} is missing")
        try:
            was_running = _run(path, "status").returncode == 0
            started = _run(path, "start")
        except (OSError, subprocess.TimeoutExpired) as exc:
            unavailable(what, f"infra/{script} start failed: {exc}")
        lines = started.stdout.strip().splitlines()
        if started.returncode != 0 or not lines:
            unavailable(what, f"infra/{script} start exited {started.returncode}: {started.stderr.strip()[-800:]}")
        url = lines[-1].strip()
        if not was_running:

            def stop() -> None:
                _run(path, "stop")

            request.session.config.add_cleanup(stop)
    try:
        probe(url)
    except Exception as exc:  # noqa: BLE001 - any probe failure means "service not usable"
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
        unavailable(what, f"{_masked(url)} does not answer ({type(exc).__name__}: {first_line}); "
                          f"set {env_var} or run infra/{script} start")
    return url


def _masked(url: str) -> str:
    """``url`` without its password."""
    return re.sub(r"(://[^:/@]+:)[^@]*@", r"\1***@", url)


def _probe_postgres(url: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(url, connect_args={"connect_timeout": 5})
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    finally:
        engine.dispose()


def _probe_s3(url: str) -> None:
    with urllib.request.urlopen(url.rstrip("/") + "/", timeout=5) as response:
        if response.status != 200:
            raise ConnectionError(f"HTTP {response.status}")


@pytest.fixture(scope="session")
def pg_url(request: pytest.FixtureRequest) -> str:
    """SQLAlchemy URL of a PostgreSQL database the tests may create schemas in."""
    return service_url(
        request, what="PostgreSQL", env_var="AKTENFLUSS_TEST_PG_URL", script="postgres.sh", probe=_probe_postgres
    )


@pytest.fixture(scope="session")
def s3_endpoint(request: pytest.FixtureRequest) -> str:
    """Endpoint URL of an S3-compatible server (any credentials accepted)."""
    return service_url(
        request, what="S3 server", env_var="AKTENFLUSS_TEST_S3_URL", script="s3.sh", probe=_probe_s3
    )


@pytest.fixture
def unique_name() -> str:
    """A short name unique to this test (bucket, schema, topic): lower case letters and digits."""
    return f"t{uuid.uuid4().hex[:12]}"
