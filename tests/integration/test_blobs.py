"""BlobStore contract on FolderBlobStore and on S3BlobStore over HTTP against the moto server (infra/s3.sh)."""
from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import boto3
import pytest

from connectors.folder_blobs import FolderBlobStore
from connectors.s3_blobs import S3BlobStore
from workflow.errors import Disposition, ServiceUnavailableError
from workflow.ports import (
    BlobConflictError,
    BlobIntegrityError,
    BlobNotFoundError,
    BlobStore,
    InvalidKeyError,
    content_key,
)

CREDS = {"access_key": "testing", "secret_key": "testing"}


def raw_client(endpoint: str) -> Any:
    return boto3.client("s3", endpoint_url=endpoint, region_name="eu-central-1",
                        aws_access_key_id="testing", aws_secret_access_key="testing")


@pytest.fixture(params=["folder", pytest.param("s3", marks=pytest.mark.integration)])
def store(request: pytest.FixtureRequest, tmp_path: Path, unique_name: str) -> BlobStore:
    if request.param == "folder":
        return FolderBlobStore(tmp_path / "blobs")
    endpoint: str = request.getfixturevalue("s3_endpoint")
    return S3BlobStore(unique_name, endpoint_url=endpoint, create_bucket=True, **CREDS)


def test_put_is_content_addressed_and_idempotent(store: BlobStore) -> None:
    data = b"%PDF-1.7\n" + bytes(range(256)) * 40
    key = store.put(data, content_type="application/pdf")
    assert key == content_key(data)
    assert store.put(data, content_type="application/pdf") == key
    assert store.get(key) == data
    assert store.exists(key) and store.size(key) == len(data)
    assert isinstance(store, BlobStore)


def test_empty_blob_round_trips(store: BlobStore) -> None:
    key = store.put(b"")
    assert store.get(key) == b"" and store.size(key) == 0


def test_put_named_write_once(store: BlobStore) -> None:
    key = "filed/doc-1/rechnung.xml"
    assert store.put_named(key, b"<Invoice/>", content_type="application/xml") == key
    assert store.put_named(key, b"<Invoice/>") == key
    with pytest.raises(BlobConflictError) as err:
        store.put_named(key, b"<Invoice>v2</Invoice>")
    assert err.value.disposition is Disposition.DEAD_LETTER
    assert store.get(key) == b"<Invoice/>"


def test_missing_and_invalid_keys(store: BlobStore) -> None:
    absent = content_key(b"absent")
    assert store.exists(absent) is False
    with pytest.raises(BlobNotFoundError):
        store.get(absent)
    with pytest.raises(BlobNotFoundError):
        store.size("named/none.pdf")
    with pytest.raises(InvalidKeyError):
        store.put_named("../escape", b"x")


def test_concurrent_named_writers_exactly_one_wins(store: BlobStore) -> None:
    key = "race/winner.bin"
    results: list[str] = []
    barrier = threading.Barrier(4)

    def writer(n: int) -> None:
        barrier.wait()
        try:
            store.put_named(key, f"writer {n}".encode())
            results.append(f"writer {n}")
        except BlobConflictError:
            results.append("conflict")

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    winners = [r for r in results if r != "conflict"]
    assert len(results) == 4 and len(winners) == 1
    assert store.get(key) == winners[0].encode()


# ------------------------------------------------------------------------------------------ S3 specifics


@pytest.mark.integration
def test_s3_altered_object_is_detected(s3_endpoint: str, unique_name: str) -> None:
    store = S3BlobStore(unique_name, endpoint_url=s3_endpoint, create_bucket=True, **CREDS)
    key = store.put(b"original")
    named = store.put_named("filed/x.txt", b"named original")
    client = raw_client(s3_endpoint)
    client.put_object(Bucket=unique_name, Key=key, Body=b"tampered")
    client.put_object(Bucket=unique_name, Key=named, Body=b"tampered", Metadata={"sha256": "0" * 64})
    with pytest.raises(BlobIntegrityError):
        store.get(key)
    with pytest.raises(BlobIntegrityError):
        store.get(named)


@pytest.mark.integration
def test_s3_object_written_by_another_tool_is_compared_by_bytes(s3_endpoint: str, unique_name: str) -> None:
    store = S3BlobStore(unique_name, endpoint_url=s3_endpoint, create_bucket=True, **CREDS)
    raw_client(s3_endpoint).put_object(Bucket=unique_name, Key="legacy/a.pdf", Body=b"legacy")
    assert store.put_named("legacy/a.pdf", b"legacy") == "legacy/a.pdf"
    with pytest.raises(BlobConflictError):
        store.put_named("legacy/a.pdf", b"other")


@pytest.mark.integration
def test_s3_missing_bucket_says_so(s3_endpoint: str, unique_name: str) -> None:
    store = S3BlobStore(unique_name + "-missing", endpoint_url=s3_endpoint, **CREDS)
    with pytest.raises(ServiceUnavailableError, match="does not exist") as err:
        store.exists(content_key(b"x"))
    assert err.value.disposition is Disposition.RETRY
    with pytest.raises(ServiceUnavailableError, match="does not exist"):
        store.put(b"x")


def test_s3_unreachable_endpoint_is_service_unavailable() -> None:
    store = S3BlobStore("bucket-a", endpoint_url="http://127.0.0.1:9", **CREDS)
    with pytest.raises(ServiceUnavailableError) as err:
        store.put(b"x")
    assert err.value.disposition is Disposition.RETRY and "127.0.0.1:9" in err.value.reason
