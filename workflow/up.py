"""`aktenfluss up` / `demo`: start broker, worker and API, ingest the samples, show progress, serve or finish.

Everything started here is stopped again on Ctrl-C (or at the end of `demo --once`).
"""
from __future__ import annotations

import json
from dataclasses import replace
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from typing import Any

from workflow.settings import REPO_ROOT, Settings

KAFKA_SH = REPO_ROOT / "infra" / "kafka.sh"
DEMO_USERS = ("mueller", "wagner")  # Feststellung, Anordnung: two different people
DEMO_STEPS = {"mueller": "feststellung", "wagner": "anordnung"}
TRIAGE_USER = "klaerung"
END_STATES = {"filed", "failed"}


class Stack:
    """Child processes and services this command started, stopped in reverse order."""

    def __init__(self, settings: Settings) -> None:
        self.s = settings
        self.procs: list[tuple[str, subprocess.Popen[bytes]]] = []
        self.kafka_started = False
        self.logs = settings.data_dir / "logs"

    def kafka_env(self) -> dict[str, str]:
        """The broker infra/kafka.sh starts matches the settings: port from the bootstrap address, data in the
        data dir (kept between runs, so documents in flight survive a restart of `up`)."""
        port = int(self.s.kafka_bootstrap.rsplit(":", 1)[-1])
        return {**os.environ, "KAFKA_PORT": str(port), "KAFKA_CONTROLLER_PORT": str(port + 1),
                "KAFKA_RUN_DIR": os.environ.get("KAFKA_RUN_DIR", str(self.s.data_dir / "kafka"))}

    def kafka(self) -> None:
        host = self.s.kafka_bootstrap.rsplit(":", 1)[0]
        if "," in self.s.kafka_bootstrap or host not in ("127.0.0.1", "localhost"):
            print(f"Kafka: benutze {self.s.kafka_bootstrap} (nicht lokal, wird nicht gestartet)")
            return
        st = subprocess.run(["bash", str(KAFKA_SH), "status"], capture_output=True, text=True, env=self.kafka_env())
        if st.returncode == 0:
            print(f"Kafka läuft bereits: {st.stdout.strip()}")
            return
        print("Starte Kafka (KRaft, ein Knoten) ...", flush=True)
        subprocess.run(["bash", str(KAFKA_SH), "start"], check=True, env=self.kafka_env())
        self.kafka_started = True

    def spawn(self, name: str, *args: str) -> None:
        self.logs.mkdir(parents=True, exist_ok=True)
        log = open(self.logs / f"{name}.log", "ab")
        env = {**os.environ, "OMP_THREAD_LIMIT": "1", "TESSDATA_PREFIX": self.s.tessdata_prefix}
        p = subprocess.Popen([sys.executable, "-m", "workflow", *args], stdout=log, stderr=subprocess.STDOUT,
                             env=env, cwd=str(REPO_ROOT), start_new_session=True)
        self.procs.append((name, p))

    def alive(self) -> list[str]:
        return [n for n, p in self.procs if p.poll() is None]

    def stop(self) -> None:
        for name, p in reversed(self.procs):
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
                try:
                    p.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    p.kill()
            print(f"{name} gestoppt")
        if self.kafka_started:
            subprocess.run(["bash", str(KAFKA_SH), "stop"], check=False, env=self.kafka_env())
            print("Kafka gestoppt")


def http(method: str, url: str, body: dict[str, Any] | None = None, timeout: float = 10) -> tuple[int, Any]:
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, json.loads(r.read() or b"null")
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"null")


def wait_api(url: str, stack: Stack, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if "api" not in stack.alive():
            raise RuntimeError(f"API beendet; siehe {stack.logs / 'api.log'}")
        try:
            if http("GET", f"{url}/health", timeout=2)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"API antwortet nicht unter {url}; siehe {stack.logs / 'api.log'}")


def ingest_samples(s: Settings) -> dict[str, Any]:
    from connectors.kafka_producer import EventProducer
    from workflow.samples.bundle import samples
    from workflow.submit import submit_document
    from workflow.wiring import build_blobs

    blobs, prod = build_blobs(s), EventProducer(s.kafka_bootstrap)
    folder = s.data_dir / "samples"  # generated once: a second run delivers the same bytes (duplicate intake)
    folder.mkdir(parents=True, exist_ok=True)
    out = {}
    try:
        for smp in samples():
            path = folder / smp.filename
            if not path.exists():
                path.write_bytes(smp.data)
            smp = replace(smp, data=path.read_bytes())
            r = submit_document(blobs, prod, smp.data, smp.filename, channel="demo", submitted_by="demo")
            out[r.document_id] = smp
            print(f"  eingeliefert: {smp.filename:32} {smp.kind}")
    finally:
        prod.close()
    return out


def progress(url: str, ids: dict[str, Any]) -> dict[str, str]:
    states = {}
    for doc_id in ids:
        code, body = http("GET", f"{url}/documents/{doc_id}")
        states[doc_id] = body["document"]["status"] if code == 200 else "unterwegs"
    return states


_last_line = ""


def show(states: dict[str, str], ids: dict[str, Any]) -> None:
    """One progress line; rewritten in place on a terminal, printed on change otherwise."""
    global _last_line
    line = " | ".join(f"{ids[d].filename.split('.')[0][:18]}: {st}" for d, st in states.items())
    if sys.stdout.isatty():
        print(f"\r{line[:230]}", end="", flush=True)
    elif line != _last_line:
        print(line, flush=True)
    _last_line = line


def decide_all(url: str, ids: dict[str, Any]) -> None:
    """The demo users work through their inboxes: approve invoices, resolve triage, confirm rejections."""
    for user in (*DEMO_USERS, TRIAGE_USER):
        code, tasks = http("GET", f"{url}/inbox?user={user}")
        for t in tasks if code == 200 else []:
            if t["document_id"] not in ids:
                continue
            if t["kind"] == "approval":
                if DEMO_STEPS.get(user) != t["step"]:
                    continue
                http("POST", f"{url}/tasks/{t['task_id']}/approve", {"user": user, "comment": "Demo-Freigabe"})
            elif t["kind"] == "triage":  # the Posteingang confirms the classifier's best guess
                doc = t.get("document") or {}
                http("POST", f"{url}/tasks/{t['task_id']}/resolve",
                     {"user": user, "doc_type": doc.get("doc_type") or "sonstiges",
                      "department": doc.get("department") or t.get("department") or "hauptamt"})
            elif t["kind"] == "rejection":
                http("POST", f"{url}/tasks/{t['task_id']}/confirm-rejection", {"user": user})


def summary(url: str, ids: dict[str, Any]) -> bool:
    ok_all = True
    print("\n\nErgebnis:")
    for doc_id, smp in ids.items():
        code, body = http("GET", f"{url}/documents/{doc_id}")
        doc = body.get("document", {}) if code == 200 else {}
        outcome = (doc.get("meta") or {}).get("outcome")
        ok = doc.get("status") == "filed" and outcome == smp.expect_outcome
        ok_all &= ok
        filing = body.get("filing") or {}
        print(f"  {'OK ' if ok else 'NOK'} {smp.filename:32} {doc.get('status', '?'):10} {outcome or '-':18} "
              f"erwartet {smp.expect_outcome:18} {filing.get('file_plan_key', '')}")
    return ok_all


def up(s: Settings, *, once: bool, samples: bool, demo: bool | None = None) -> int:
    demo = once if demo is None else demo
    stack = Stack(s)
    url = s.api_url
    try:
        stack.kafka()
        from connectors.kafka_admin import ensure_topics

        ensure_topics(s.kafka_bootstrap)
        stack.spawn("worker", "worker")
        stack.spawn("api", "api")
        wait_api(url, stack)
        print(f"API und Web-Posteingang: {url}/ui/inbox  (OpenAPI: {url}/docs)")
        ids = ingest_samples(s) if samples else {}
        deadline = time.monotonic() + 600
        waiting = {"awaiting_approval", "triage", "awaiting_rejection_confirmation"}
        while ids and time.monotonic() < deadline:
            if set(stack.alive()) != {"worker", "api"}:
                raise RuntimeError(f"Prozess beendet; Logs in {stack.logs}")
            states = progress(url, ids)
            show(states, ids)
            if demo:
                decide_all(url, ids)
                if all(st in END_STATES for st in states.values()):
                    break
            elif all(st in END_STATES | waiting for st in states.values()):
                break
            time.sleep(1.0)
        if once:
            return 0 if summary(url, ids) else 1
        print(f"\n\nRechnungen warten im Posteingang: {url}/ui/inbox?user=mueller — Strg-C beendet alles.")
        while set(stack.alive()) == {"worker", "api"}:
            time.sleep(1.0)
        print(f"Ein Prozess wurde beendet; Logs in {stack.logs}")
        return 1
    except KeyboardInterrupt:
        print("\nBeende ...")
        return 0
    except (RuntimeError, subprocess.CalledProcessError) as exc:
        print(f"\nFehler: {exc}", file=sys.stderr)
        return 1
    finally:
        stack.stop()
