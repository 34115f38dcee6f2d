"""`aktenfluss` command line. Every subcommand has --help; settings come from AKTENFLUSS_* variables."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, Callable

from workflow.settings import Settings, load_settings

FORMATS = ("jsonl", "text")


def _files(paths: list[str]) -> list[Path]:
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(x for x in p.rglob("*") if x.is_file() and not x.name.startswith(".")))
        elif p.exists():
            out.append(p)
        else:
            raise SystemExit(f"aktenfluss: {p}: no such file or folder")
    return out


def cmd_ingest(a: argparse.Namespace, s: Settings) -> int:
    from tqdm import tqdm

    from connectors.kafka_producer import EventProducer
    from workflow.submit import submit_document
    from workflow.wiring import build_blobs

    files = _files(a.paths)
    blobs, producer = build_blobs(s), EventProducer(s.kafka_bootstrap)
    try:
        for f in tqdm(files, desc="Einlieferung", unit="Dok", disable=a.quiet or not files):
            r = submit_document(blobs, producer, f.read_bytes(), f.name, channel=a.channel, submitted_by=a.user,
                                wait=False)
            if a.verbose:
                print(f"{r.document_id}  {f}")
        producer.flush()
    finally:
        producer.close()
    print(f"{len(files)} Dokument(e) eingeliefert; Fortschritt: aktenfluss status", file=sys.stderr)
    return 0


def cmd_validate(a: argparse.Namespace, s: Settings) -> int:
    from workflow.einvoice.validator import render_text, report_to_json, validate

    files = [Path(p) for p in a.files]
    rejected = False
    for f in files:
        try:
            data = f.read_bytes()
        except OSError as exc:
            print(f"aktenfluss validate: {f}: {exc.strerror}", file=sys.stderr)
            return 2
        report = validate(data, filename=str(f))
        rejected |= not report.accept
        if a.format == "jsonl":
            print(json.dumps(report_to_json(report, str(f)), ensure_ascii=False))
        elif a.format == "html":
            from workflow.einvoice.render.html import render_report_html

            print(render_report_html(report, title=str(f)))
        else:
            print(render_text(report))
            print()
    return 1 if rejected else 0


def cmd_extract(a: argparse.Namespace, s: Settings) -> int:
    from workflow.scan_cli import extract_files

    return extract_files([Path(p) for p in a.files], s, a.format)


def _services(s: Settings) -> Any:
    from workflow.wiring import build_services

    return build_services(s)


def cmd_inbox(a: argparse.Namespace, s: Settings) -> int:
    from workflow.inbox import inbox

    svc = _services(s)
    views = inbox(svc.repo, svc.policy, a.user, svc.clock())
    for v in views:
        j = v.as_json()
        if a.format == "jsonl":
            print(json.dumps(j, ensure_ascii=False))
        else:
            inv = j.get("invoice") or {}
            amount = f"{inv.get('gross')} {inv.get('currency') or ''}" if inv else ""
            print(f"{j['task_id']:36} {j['kind']:9} {j['step']:12} fällig {str(j['due_at'])[:10]}  "
                  f"{j['title'] or ''} {amount}".rstrip())
    if a.format == "text":
        print(f"{len(views)} offene Aufgabe(n){' für ' + a.user if a.user else ''}", file=sys.stderr)
    return 0


def _decision(a: argparse.Namespace, s: Settings, fn: Callable[..., dict[str, Any]], **kw: Any) -> int:
    from connectors.kafka_producer import EventProducer
    from workflow.inbox import DecisionRefusedError, TaskNotFoundError

    svc = _services(s)
    producer = EventProducer(s.kafka_bootstrap)
    try:
        out = fn(svc.repo, producer, svc.policy, task_id=a.task, user=a.user, comment=a.comment,
                 now=svc.clock(), source="cli", **kw)
    except (DecisionRefusedError, TaskNotFoundError) as exc:
        print(f"abgelehnt: {exc.reason}", file=sys.stderr)
        return 1
    finally:
        producer.close()
    print(json.dumps(out, ensure_ascii=False))
    return 0


def cmd_approve(a: argparse.Namespace, s: Settings) -> int:
    from workflow.inbox import decide

    return _decision(a, s, decide, approve=True)


def cmd_reject(a: argparse.Namespace, s: Settings) -> int:
    from workflow.inbox import decide

    return _decision(a, s, decide, approve=False)


def cmd_resolve(a: argparse.Namespace, s: Settings) -> int:
    from workflow.inbox import resolve_triage

    return _decision(a, s, resolve_triage, doc_type=a.doc_type, department=a.department)


def cmd_confirm(a: argparse.Namespace, s: Settings) -> int:
    from workflow.inbox import confirm_rejection

    return _decision(a, s, confirm_rejection)


def cmd_status(a: argparse.Namespace, s: Settings) -> int:
    from workflow.status import render_status, status_report

    svc = _services(s)
    rep = status_report(svc.repo, bootstrap=None if a.no_kafka else s.kafka_bootstrap, group=s.app_id)
    print(json.dumps(rep, ensure_ascii=False) if a.format == "jsonl" else render_status(rep))
    return 0


def cmd_audit(a: argparse.Namespace, s: Settings) -> int:
    from workflow.ports import json_safe

    svc = _services(s)
    trail = svc.repo.audit_trail(a.document)
    ok, why = svc.repo.verify_audit(a.document)
    for r in trail:
        print(json.dumps(json_safe({"seq": r.seq, "at": r.at, "stage": r.stage, "action": r.action,
                                    "actor": r.actor, "detail": r.detail, "hash": r.hash[:16]}),
                         ensure_ascii=False))
    print(f"Prüfkette: {'intakt' if ok else 'VERLETZT'} ({why})", file=sys.stderr)
    return 0 if ok else 1


def cmd_worker(a: argparse.Namespace, s: Settings) -> int:
    from workflow.worker import run_worker

    run_worker(s)
    return 0


def cmd_api(a: argparse.Namespace, s: Settings) -> int:
    from workflow.api.server import serve

    serve(s)
    return 0


def cmd_up(a: argparse.Namespace, s: Settings) -> int:
    from workflow.up import up

    return up(s, once=False, samples=not a.no_samples, demo=False)


def cmd_demo(a: argparse.Namespace, s: Settings) -> int:
    from workflow.up import up

    return up(s, once=a.once, samples=True, demo=True)


def cmd_samples(a: argparse.Namespace, s: Settings) -> int:
    from workflow.samples.bundle import write_samples

    for p in write_samples(Path(a.out)):
        print(p)
    return 0


def cmd_topology(a: argparse.Namespace, s: Settings) -> int:
    from workflow.topology import describe

    print(describe())
    return 0


def cmd_train(a: argparse.Namespace, s: Settings) -> int:
    from workflow.scan_cli import train

    return train(s, a.out, a.generated)


def cmd_accel(a: argparse.Namespace, s: Settings) -> int:
    from workflow.einvoice import accel

    return accel.main(["aktenfluss accel", a.action])


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="aktenfluss", description="Posteingang, E-Rechnung und E-Akte für Kommunen.")
    sub = p.add_subparsers(dest="cmd", required=True, metavar="COMMAND")

    def add(name: str, fn: Callable[[argparse.Namespace, Settings], int], help_: str) -> argparse.ArgumentParser:
        sp = sub.add_parser(name, help=help_, description=help_)
        sp.set_defaults(fn=fn)
        return sp

    up_ = add("up", cmd_up, "install-free start: broker, worker, API; ingest the samples; serve until Ctrl-C")
    up_.add_argument("--no-samples", action="store_true", help="do not ingest the bundled sample documents")
    demo = add("demo", cmd_demo, "the flow of `up`, approving the samples as two demo users")
    demo.add_argument("--once", action="store_true", help="exit after all samples reached their end state "
                                                         "(exit 0 only if every sample did)")
    add("worker", cmd_worker, "run the stream worker (all stages as faust agents)")
    add("api", cmd_api, "run the HTTP API and web inbox")
    ing = add("ingest", cmd_ingest, "put files or folders into the intake topic")
    ing.add_argument("paths", nargs="+", help="files or folders")
    ing.add_argument("--channel", default="cli", choices=["cli", "upload", "mailroom-scan", "email", "bebpo",
                                                          "peppol", "portal"])
    ing.add_argument("--user", default=None, help="who delivers (audit trail)")
    ing.add_argument("--quiet", action="store_true", help="no progress bar")
    ing.add_argument("--verbose", action="store_true", help="print document id per file")
    val = add("validate", cmd_validate, "check e-invoices (XRechnung/EN 16931), verdicts as the KoSIT validator")
    val.add_argument("files", nargs="+")
    val.add_argument("--format", choices=["jsonl", "text", "html"], default="text")
    ext = add("extract", cmd_extract, "OCR, classify and read invoice fields of scanned documents")
    ext.add_argument("files", nargs="+")
    ext.add_argument("--format", choices=FORMATS, default="jsonl")
    inb = add("inbox", cmd_inbox, "open tasks (for one user: what they may decide)")
    inb.add_argument("--user", default=None)
    inb.add_argument("--format", choices=FORMATS, default="text")
    for name, fn, h in (("approve", cmd_approve, "approve a task"), ("reject", cmd_reject, "reject a task")):
        d = add(name, fn, h)
        d.add_argument("task")
        d.add_argument("--user", required=True)
        d.add_argument("--comment", default=None, help="reason (required for reject)")
    res = add("resolve", cmd_resolve, "resolve a triage task: set document type and department")
    res.add_argument("task")
    res.add_argument("--user", required=True)
    res.add_argument("--doc-type", required=True)
    res.add_argument("--department", required=True)
    res.add_argument("--comment", default=None)
    con = add("confirm-rejection", cmd_confirm, "confirm a validation rejection; the notice goes to the sender")
    con.add_argument("task")
    con.add_argument("--user", required=True)
    con.add_argument("--comment", default=None)
    st = add("status", cmd_status, "documents per stage, backlog, dead letters")
    st.add_argument("--format", choices=FORMATS, default="text")
    st.add_argument("--no-kafka", action="store_true", help="skip broker backlog figures")
    au = add("audit", cmd_audit, "show and verify the audit trail of a document")
    au.add_argument("document")
    sam = add("samples", cmd_samples, "write the bundled sample documents to a folder")
    sam.add_argument("out")
    add("topology", cmd_topology, "print the pipeline: stages, topics, dead-letter topics")
    tr = add("train", cmd_train, "retrain the mail classifier from corrections + bundled training data")
    tr.add_argument("--out", default=None, help="model file (default: data dir)")
    tr.add_argument("--generated", type=int, default=None, help="generated training letters (default: as shipped)")
    acc = add("accel", cmd_accel, "the e-invoice validator's compiled modules (.accel/): build them, or say "
                                  "whether they are in use (a stale build never is)")
    acc.add_argument("action", choices=["build", "status"])
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    settings = load_settings()
    try:
        return int(args.fn(args, settings))
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
