"""infra/kafka/kafka.sh makes cluster ids that kafka-storage accepts: base64url of 16 bytes, never starting with
'-' (argparse reads "-dPM..." as an option; one broker start in 64 failed that way)."""
from __future__ import annotations

import contextlib
import io
import re
import subprocess
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "infra" / "kafka" / "kafka.sh"
ID = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_-]{21}")


def _function() -> str:
    body = re.search(r"^cluster_id\(\) \{.*?^\}", SCRIPT.read_text(), re.DOTALL | re.MULTILINE)
    assert body is not None, "cluster_id() not found in infra/kafka/kafka.sh"
    return body.group()


def test_the_script_function_prints_one_id() -> None:
    out = subprocess.run(["bash", "-c", _function() + "\ncluster_id"], capture_output=True, text=True,
                         timeout=60, check=True).stdout.split()
    assert len(out) == 1 and ID.fullmatch(out[0])


def test_its_ids_never_start_with_a_dash() -> None:
    code = re.search(r"python3 -c '(.*?)'", _function(), re.DOTALL)
    assert code is not None
    compiled = compile(code.group(1), "cluster_id", "exec")
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        for _ in range(3000):  # the old function started 1 id in 64 with '-': 3000 tries find it for sure
            exec(compiled, {})  # noqa: S102 - our own script's snippet
    ids = buffer.getvalue().split()
    assert len(ids) == 3000 and all(ID.fullmatch(u) for u in ids), [u for u in ids if not ID.fullmatch(u)][:3]
