"""The production configuration: the same pipeline with PostgreSQL as database and an S3 server (moto, over HTTP)
as object store. Everything runs as separate processes (worker, CLI), as an operator would run it, on its own
topic prefix so it does not meet the other pipeline tests on the shared broker."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest
from sqlalchemy import create_engine, text

from tests.integration.conftest import REPO
from workflow.samples.mix import mixed_documents

pytestmark = [pytest.mark.e2e, pytest.mark.integration, pytest.mark.slow]


def cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "workflow", *args], cwd=REPO, env=env, capture_output=True,
                          text=True, timeout=180)


def test_pipeline_on_postgresql_and_s3(kafka_bootstrap, pg_url, s3_endpoint, unique_name, tmp_path):
    schema = unique_name
    admin = create_engine(pg_url)
    with admin.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    url = pg_url + ("&" if "?" in pg_url else "?") + f"options=-csearch_path%3D{schema}"
    env = {**os.environ, "AKTENFLUSS_DATA_DIR": str(tmp_path), "AKTENFLUSS_KAFKA_BOOTSTRAP": kafka_bootstrap,
           "AKTENFLUSS_APP_ID": f"aktenfluss-{unique_name}", "AKTENFLUSS_TOPIC_PREFIX": f"af-{unique_name}",
           "AKTENFLUSS_DATABASE_URL": url, "AKTENFLUSS_BLOB_BACKEND": "s3", "AKTENFLUSS_S3_BUCKET": unique_name,
           "AKTENFLUSS_S3_ENDPOINT_URL": s3_endpoint, "AKTENFLUSS_S3_ACCESS_KEY": "test",
           "AKTENFLUSS_S3_SECRET_KEY": "test", "OMP_THREAD_LIMIT": "1"}
    docs = mixed_documents(6, seed=11, letters_every=3, zugferd_every=0)
    folder = tmp_path / "in"
    folder.mkdir()
    for d in docs:
        (folder / d.filename).write_bytes(d.data)
    worker = subprocess.Popen([sys.executable, "-m", "workflow", "worker"], cwd=REPO, env=env,
                              stdout=open(tmp_path / "worker.log", "wb"), stderr=subprocess.STDOUT,
                              start_new_session=True)
    try:
        ing = cli(env, "ingest", str(folder), "--quiet", "--verbose")
        assert ing.returncode == 0, ing.stderr
        ids = [line.split()[0] for line in ing.stdout.splitlines()]
        assert len(ids) == 6
        deadline = time.monotonic() + 300
        decided: set[str] = set()
        while time.monotonic() < deadline:
            for user, step in (("mueller", "feststellung"), ("wagner", "anordnung")):
                inbox = cli(env, "inbox", "--user", user, "--format", "jsonl")
                for line in inbox.stdout.splitlines():
                    t = json.loads(line)
                    if t["document_id"] in ids and t["task_id"] not in decided:
                        if t["kind"] == "approval" and t["step"] == step:
                            assert cli(env, "approve", t["task_id"], "--user", user).returncode == 0
                            decided.add(t["task_id"])
            for t in (json.loads(x) for x in cli(env, "inbox", "--user", "klaerung", "--format", "jsonl")
                      .stdout.splitlines()):
                if t["document_id"] in ids and t["task_id"] not in decided:
                    truth = next(d for d, i in zip(docs, ids) if i == t["document_id"])
                    cli(env, "resolve", t["task_id"], "--user", "klaerung", "--doc-type", truth.doc_type,
                        "--department", truth.department or "kaemmerei")
                    decided.add(t["task_id"])
            status = json.loads(cli(env, "status", "--format", "jsonl", "--no-kafka").stdout)
            if status["documents"].get("filed", 0) == 6:
                break
            time.sleep(2)
        assert status["documents"].get("filed", 0) == 6, (status, (tmp_path / "worker.log").read_text()[-3000:])
        for doc_id in ids:
            audit = cli(env, "audit", doc_id)
            assert audit.returncode == 0 and "intakt" in audit.stderr, audit.stderr
        # the originals and derived artefacts are in the S3 bucket, the records in the PostgreSQL schema
        import boto3

        s3 = boto3.client("s3", endpoint_url=s3_endpoint, aws_access_key_id="test", aws_secret_access_key="test",
                          region_name="eu-central-1")
        keys = [o["Key"] for o in s3.list_objects_v2(Bucket=unique_name)["Contents"]]
        assert sum(k.startswith("sha256/") for k in keys) >= 6 and any(k.endswith("metadata.json") for k in keys)
        with admin.connect() as conn:
            n = conn.execute(text(f"SELECT count(*) FROM {schema}.filings")).scalar()
        assert n == 6
    finally:
        os.killpg(worker.pid, signal.SIGTERM)
        try:
            worker.wait(timeout=40)
        except subprocess.TimeoutExpired:
            os.killpg(worker.pid, signal.SIGKILL)
        with admin.begin() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
