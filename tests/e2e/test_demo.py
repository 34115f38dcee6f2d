"""Command 1's flow as a user runs it: `aktenfluss demo --once` starts its own broker, worker and API on the
given ports, ingests the samples, lets the demo users decide and exits 0 only if every sample reached its
expected end state."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.integration.conftest import REPO

pytestmark = [pytest.mark.e2e, pytest.mark.integration, pytest.mark.slow]


def test_demo_once_reaches_every_expected_end_state(tmp_path):
    env = {**os.environ, "AKTENFLUSS_DATA_DIR": str(tmp_path), "AKTENFLUSS_KAFKA_BOOTSTRAP": "127.0.0.1:29192",
           "AKTENFLUSS_API_PORT": "28470"}
    run = subprocess.run([sys.executable, "-m", "workflow", "demo", "--once"], cwd=REPO, env=env,
                         capture_output=True, text=True, timeout=600)
    out = run.stdout + run.stderr
    assert run.returncode == 0, out[-3000:]
    assert out.count("OK  ") == 5 and "NOK" not in out, out[-3000:]
    assert "Kafka gestoppt" in out and "worker gestoppt" in out
    # the second run reuses the data dir: the samples are recognised as already delivered, nothing breaks
    again = subprocess.run([sys.executable, "-m", "workflow", "demo", "--once"], cwd=REPO, env=env,
                           capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, (again.stdout + again.stderr)[-3000:]
