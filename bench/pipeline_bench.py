"""Push N generated e-invoices through the running pipeline on a real broker and report throughput and latency.

    .venv/bin/python bench/pipeline_bench.py [--n 500] [--kafka HOST:PORT]

Starts a fresh Kafka broker (unless --kafka is given) and one worker process with a fresh SQLite database and
folder store, submits N XRechnung invoices (UBL/CII alternating) as fast as the client can, and measures, per
invoice, the time from submission to the approval task being created (intake -> extract -> validate -> route).
Prints invoices/second end to end and p50/p95/max latency. Not a test: figures depend on the machine.
"""
from __future__ import annotations

import argparse
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=500)
    ap.add_argument("--kafka", default=None, help="use this running broker instead of starting one")
    ap.add_argument("--port", type=int, default=29292)
    ap.add_argument("--workers", type=int, default=1, help="worker processes in one consumer group")
    ap.add_argument("--database-url", default="", help="e.g. $(infra/postgres.sh url); default: SQLite file")
    args = ap.parse_args()

    from connectors.kafka_admin import ensure_topics
    from connectors.kafka_producer import EventProducer
    from workflow.samples.spec import random_invoice
    from workflow.samples.xrechnung_writer import to_cii, to_ubl
    from workflow.settings import Settings
    from workflow.submit import submit_document
    from workflow.wiring import build_services

    tmp = Path(tempfile.mkdtemp(prefix="aktenfluss-bench-"))
    kenv = {**os.environ, "KAFKA_RUN_DIR": str(tmp / "kafka"), "KAFKA_PORT": str(args.port),
            "KAFKA_CONTROLLER_PORT": str(args.port + 1), "KAFKA_FRESH": "1"}
    bootstrap = args.kafka
    if bootstrap is None:
        subprocess.run(["bash", str(REPO / "infra" / "kafka.sh"), "start"], env=kenv, check=True,
                       stdout=subprocess.DEVNULL)
        bootstrap = f"127.0.0.1:{args.port}"
    settings = Settings(data_dir=tmp / "data", kafka_bootstrap=bootstrap, app_id="aktenfluss-bench",
                        database_url=args.database_url)
    if args.database_url:  # a fresh schema: drop what an earlier run left
        from sqlalchemy import create_engine, text

        with create_engine(args.database_url).begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    ensure_topics(bootstrap)
    svc = build_services(settings)
    env = {**os.environ, "AKTENFLUSS_DATA_DIR": str(settings.data_dir), "AKTENFLUSS_KAFKA_BOOTSTRAP": bootstrap,
           "AKTENFLUSS_APP_ID": settings.app_id, "AKTENFLUSS_LOG_LEVEL": "WARNING", "OMP_THREAD_LIMIT": "1",
           "AKTENFLUSS_DATABASE_URL": args.database_url}
    workers = [subprocess.Popen([sys.executable, "-m", "workflow", "worker"], cwd=REPO, env=env,
                                stdout=open(tmp / f"worker{i}.log", "wb"), stderr=subprocess.STDOUT,
                                start_new_session=True) for i in range(args.workers)]
    try:
        rng = random.Random(42)
        docs = [(f"bench-{i:05d}.xml", (to_ubl if i % 2 else to_cii)(random_invoice(rng, i))) for i in range(args.n)]
        # warm-up: one invoice through, so start-up and partition assignment are not measured
        prod = EventProducer(bootstrap)
        w = submit_document(svc.blobs, prod, to_ubl(random_invoice(random.Random(1), 99999)), "warmup.xml",
                            channel="cli")
        _wait(svc, {w.document_id: time.time()}, timeout=180)
        submitted: dict[str, float] = {}
        t0 = time.time()
        for name, data in docs:
            r = submit_document(svc.blobs, prod, data, name, channel="cli", wait=False)
            submitted[r.document_id] = time.time()
        prod.flush()
        t_sent = time.time()
        done = _wait(svc, submitted, timeout=max(300, args.n))
        t_end = max(done.values())
        lat = sorted((done[d] - submitted[d]) * 1000 for d in submitted)
        q = statistics.quantiles(lat, n=100, method="inclusive")
        print(f"invoices: {args.n}  submitted in {t_sent - t0:.2f}s  worker processes: {args.workers}  "
              f"database: {'PostgreSQL' if args.database_url else 'SQLite'}")
        print(f"end to end: {args.n / (t_end - t0):.1f} invoices/s (submission of the first to approval task of "
              f"the last: {t_end - t0:.2f}s)")
        print(f"latency intake -> approval task: p50 {q[49]:.0f} ms  p95 {q[94]:.0f} ms  max {lat[-1]:.0f} ms")
        prod.close()
        return 0
    finally:
        for worker in workers:
            os.killpg(worker.pid, signal.SIGTERM)
        for worker in workers:
            try:
                worker.wait(timeout=60)
            except subprocess.TimeoutExpired:  # faust sometimes hangs in shutdown
                os.killpg(worker.pid, signal.SIGKILL)
        if args.kafka is None:
            subprocess.run(["bash", str(REPO / "infra" / "kafka.sh"), "stop"], env=kenv, stdout=subprocess.DEVNULL)


def _wait(svc: object, submitted: dict[str, float], *, timeout: float) -> dict[str, float]:
    """Poll until every document has its first approval task; returns the task creation time per document."""
    repo = svc.repo  # type: ignore[attr-defined]
    done: dict[str, float] = {}
    deadline = time.time() + timeout
    while len(done) < len(submitted) and time.time() < deadline:
        for t in repo.list_tasks(status="open"):
            if t.document_id in submitted and t.document_id not in done:
                done[t.document_id] = t.created_at.astimezone(UTC).timestamp()
        time.sleep(1.0)  # task creation times come from the database: polling less often loses no precision
    missing = len(submitted) - len(done)
    if missing:
        counts = repo.stage_counts()
        raise SystemExit(f"{missing} invoices did not reach an approval task in {timeout:.0f}s; status {counts}")
    return done


if __name__ == "__main__":
    sys.exit(main())
