"""Scanned mail through the running pipeline vs the tesseract command line on the same pages, in one run.

    .venv/bin/python bench/scan_pipeline_bench.py [--folder DIR] [--pages N] [--rounds N]

(a) ``tesseract`` CLI, two processes in parallel, OMP_THREAD_LIMIT=1 (the best way on two cores), on the page
    images written as PNG first (not timed). (b) The pipeline: a fresh Kafka broker, one worker process (its OCR
    pool has one tesseract API per process, two processes), the documents submitted as the mailroom would; timed
    from the first submission until the last document is classified (intake -> extract/OCR -> mailroom).
Prints pages/second of both and the ratio (pipeline / CLI), the peak memory of the OCR worker processes, and
where the CPU went (seconds per page: tesseract CLI; OCR processes, stream worker, Kafka broker, this submitter).
Default folder: ../shared/corpus/scans (the synthetic scanned mail).
"""
from __future__ import annotations

import argparse
import importlib.util
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
_spec = importlib.util.spec_from_file_location("ocr_bench", REPO / "bench" / "ocr_bench.py")
ocr_bench = importlib.util.module_from_spec(_spec)  # type: ignore[arg-type]
sys.modules["ocr_bench"] = ocr_bench
_spec.loader.exec_module(ocr_bench)  # type: ignore[union-attr]

DONE = {"classified", "routed", "triage", "awaiting_approval", "filed", "failed"}


def ocr_worker_rss_mb(worker_pid: int, children: list[int]) -> list[float]:
    """RSS of the stream worker itself and of its children (OCR processes, resource tracker), read from /proc
    (no `ps` process per sample: the bench must not take CPU from the pipeline it measures)."""
    return [rss_mb(pid) for pid in [worker_pid, *children]]


def rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def cpu_seconds(pid: int) -> float:
    """utime + stime of one live process (0 when it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def sched_seconds(pid: int) -> tuple[float, float]:
    """(seconds on a CPU, seconds runnable but waiting for a CPU) of one live process, from /proc/PID/schedstat."""
    try:
        on_cpu, waiting = Path(f"/proc/{pid}/schedstat").read_text().split()[:2]
    except (OSError, ValueError):
        return 0.0, 0.0
    return int(on_cpu) / 1e9, int(waiting) / 1e9


class OcrSampler:
    """Samples the OCR processes every ``interval_s`` to show idle gaps (a core waiting for pages).

    Uses the scheduler's accounting, so other load on the machine does not count as idle: a process is *wanting*
    while it runs or waits for a CPU, *idle* while it sleeps (no page to recognise). ``timeline`` has one
    character per sample: how many OCR processes wanted a CPU for at least half of it.
    """

    def __init__(self, pids: list[int], worker_pid: int, interval_s: float = 0.2) -> None:
        self.pids, self.worker_pid, self.interval_s = pids, worker_pid, interval_s
        self.samples: list[tuple[float, list[tuple[float, float]], tuple[float, float]]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="ocr-sampler", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.samples.append((time.perf_counter(), [sched_seconds(p) for p in self.pids],
                                 sched_seconds(self.worker_pid)))
            self._stop.wait(self.interval_s)

    def report(self) -> str:
        if len(self.samples) < 2:
            return "OCR sampler: too few samples"
        (t0, first, w0), (t1, last, w1) = self.samples[0], self.samples[-1]
        wall = t1 - t0
        cpu = sum(b[0] - a[0] for a, b in zip(first, last))
        queued = sum(b[1] - a[1] for a, b in zip(first, last))
        span = len(self.pids) * wall
        wanting = []
        for (ta, ca, _), (tb, cb, _) in zip(self.samples, self.samples[1:]):
            wanting.append(sum(1 for a, b in zip(ca, cb) if (b[0] + b[1] - a[0] - a[1]) >= 0.5 * (tb - ta)))
        short = sum(1 for n in wanting if n < len(self.pids)) / len(wanting)
        return (f"OCR processes ({len(self.pids)} x {wall:.1f}s): on CPU {cpu / span:.1%}, waiting for a CPU "
                f"{queued / span:.1%}, idle (no page) {1 - (cpu + queued) / span:.1%}; samples with fewer than "
                f"{len(self.pids)} wanting: {short:.1%}; stream worker on CPU {(w1[0] - w0[0]) / wall:.2f} cores, "
                f"waiting {(w1[1] - w0[1]) / wall:.2f}\n"
                f"OCR processes wanting a CPU per {self.interval_s}s: {''.join(map(str, wanting))}")


def child_pids(pid: int) -> list[int]:
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True).stdout
    return [int(x) for x in out.split()]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--folder", type=Path, default=ocr_bench.DEFAULT_FOLDER)
    ap.add_argument("--pages", type=int, default=None)
    ap.add_argument("--port", type=int, default=29292)
    ap.add_argument("--rounds", type=int, default=1,
                    help="alternate CLI and pipeline this many times (the machine's speed drifts; the median counts)")
    ap.add_argument("--no-cli", action="store_true", help="pipeline only (for profiling the worker); no ratio")
    args = ap.parse_args()
    if not args.folder.is_dir():
        raise SystemExit(f"{args.folder} missing: give --folder with scanned documents")

    tmp = Path(tempfile.mkdtemp(prefix="aktenfluss-scanbench-"))
    docs = ocr_bench.collect(args.folder, args.pages, tmp)
    n_pages = sum(len(d.pngs) for d in docs)
    print(f"{len(docs)} documents, {n_pages} pages")
    ratios = []
    for round_no in range(1, args.rounds + 1):
        print(f"-- round {round_no}/{args.rounds}")
        cli_s = cli_cpu = float("nan")
        if not args.no_cli:
            before = os.times()
            cli_s, _, _ = ocr_bench.run_cli(docs, 2, "deu")
            after = os.times()
            cli_cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
            print(f"tesseract CLI (2 processes, OMP_THREAD_LIMIT=1): {n_pages / cli_s:.2f} pages/s ({cli_s:.1f}s)")
        pipe_s, cpu, peak = run_pipeline(docs, tmp / f"round{round_no}", args.port)
        ratios.append(cli_s / pipe_s)
        print(f"pipeline (intake -> OCR -> classification): {n_pages / pipe_s:.2f} pages/s ({pipe_s:.1f}s)")
        print(f"ratio pipeline / CLI: {cli_s / pipe_s:.2f}")
        parts = ", ".join(f"{k} {v / n_pages:.2f}" for k, v in cpu.items())
        print(f"CPU seconds per page: tesseract CLI {cli_cpu / n_pages:.2f}; pipeline: {parts}")
        print(f"load during the run: CLI used {cli_cpu / cli_s:.2f} cores, the OCR processes "
              f"{cpu['ocr'] / pipe_s:.2f} cores (2 = both busy all the time)")
        print(f"peak RSS: stream worker {peak[0]:.0f} MB; its child processes (OCR workers, resource tracker): "
              f"{', '.join(f'{m:.0f} MB' for m in peak[1:])}", flush=True)
    if len(ratios) > 1:
        print(f"ratios pipeline / CLI per round: {', '.join(f'{r:.2f}' for r in ratios)}; "
              f"median {statistics.median(ratios):.2f}")
    return 0


def run_pipeline(docs: list, workdir: Path, port: int) -> tuple[float, dict[str, float], list[float]]:
    """A fresh broker and worker; all documents submitted at once; seconds until all are classified."""
    from connectors.kafka_admin import ensure_topics
    from connectors.kafka_producer import EventProducer
    from workflow.settings import Settings
    from workflow.submit import submit_document
    from workflow.wiring import build_services

    kenv = {**os.environ, "KAFKA_RUN_DIR": str(workdir / "kafka"), "KAFKA_PORT": str(port),
            "KAFKA_CONTROLLER_PORT": str(port + 1), "KAFKA_FRESH": "1"}
    subprocess.run(["bash", str(REPO / "infra" / "kafka.sh"), "start"], env=kenv, check=True, stdout=subprocess.DEVNULL)
    bootstrap = f"127.0.0.1:{port}"
    settings = Settings(data_dir=workdir / "data", kafka_bootstrap=bootstrap, app_id="aktenfluss-scanbench")
    ensure_topics(bootstrap)
    svc = build_services(settings)
    env = {**os.environ, "AKTENFLUSS_DATA_DIR": str(settings.data_dir), "AKTENFLUSS_KAFKA_BOOTSTRAP": bootstrap,
           "AKTENFLUSS_APP_ID": settings.app_id, "AKTENFLUSS_LOG_LEVEL": "WARNING", "OMP_THREAD_LIMIT": "1"}
    worker = subprocess.Popen([sys.executable, "-m", "workflow", "worker"], cwd=REPO, env=env,
                              stdout=open(workdir / "worker.log", "wb"), stderr=subprocess.STDOUT,
                              start_new_session=True)
    peak: list[float] = []
    try:
        prod = EventProducer(bootstrap)
        warm = docs[0]  # warm-up: start-up, partition assignment and OCR process start are not measured
        w = submit_document(svc.blobs, prod, warm.data + b"\n", "warmup" + warm.path.suffix, channel="mailroom-scan")
        _wait(svc, [w.document_id], 300)
        kafka_pid = int((workdir / "kafka" / "kafka.pid").read_text())
        print(f"stream worker pid {worker.pid}, Kafka pid {kafka_pid}", flush=True)
        ocr_pids = child_pids(worker.pid)
        cpu0 = {"ocr": sum(map(cpu_seconds, ocr_pids)), "worker": cpu_seconds(worker.pid),
                "kafka": cpu_seconds(kafka_pid), "submitter": sum(os.times()[:2])}
        sampler = OcrSampler([p for p in ocr_pids if _is_ocr_process(p)], worker.pid)
        sampler.start()
        t0 = time.perf_counter()
        ids = [submit_document(svc.blobs, prod, d.data, d.path.name, channel="mailroom-scan").document_id
               for d in docs]
        deadline = time.time() + 3600
        expected = len(set(ids) | {w.document_id})  # the warm-up document is in the database too
        while time.time() < deadline:
            now = ocr_worker_rss_mb(worker.pid, ocr_pids)
            peak = [max(a, b) for a, b in zip(peak, now)] or now
            if _finished(svc) >= expected:
                break
            time.sleep(0.1)  # one cheap query per poll: the end is seen within 0.1 s
        pipe_s = time.perf_counter() - t0
        sampler.stop()
        print(sampler.report(), flush=True)
        ocr_now = child_pids(worker.pid)  # processes started during the run count in full
        cpu1 = {"ocr": sum(map(cpu_seconds, set(ocr_pids) | set(ocr_now))), "worker": cpu_seconds(worker.pid),
                "kafka": cpu_seconds(kafka_pid), "submitter": sum(os.times()[:2])}
        if set(ocr_pids) - set(ocr_now):
            print("note: OCR processes ended during the run; their CPU is undercounted")
        prod.close()
    finally:
        os.killpg(worker.pid, signal.SIGTERM)
        worker.wait(timeout=60)
        subprocess.run(["bash", str(REPO / "infra" / "kafka.sh"), "stop"], env=kenv, stdout=subprocess.DEVNULL)
        svc.close()
    return pipe_s, {k: cpu1[k] - cpu0[k] for k in cpu0}, peak


def _is_ocr_process(pid: int) -> bool:
    """The pool's spawned workers, not multiprocessing's resource tracker."""
    try:
        return b"resource_tracker" not in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False


def _finished(svc: object) -> int:
    """How many documents in the (fresh) database have reached an end state of the measured path."""
    counts = svc.repo.stage_counts()  # type: ignore[attr-defined]
    return sum(n for status, n in counts.items() if status in DONE)


def _pending(svc: object, ids: list[str]) -> list[str]:
    repo = svc.repo  # type: ignore[attr-defined]
    return [i for i in ids if (d := repo.get_document(i)) is None or d.status not in DONE]


def _wait(svc: object, ids: list[str], timeout: float) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline and _pending(svc, ids):
        time.sleep(0.5)


if __name__ == "__main__":
    sys.exit(main())
