"""FolderBlobStore specifics: layout, atomic write-once files, read-only mode, tamper and race handling."""
from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

import pytest

from connectors.folder_blobs import FolderBlobStore
from workflow.errors import Disposition, ServiceUnavailableError
from workflow.ports import (
    BlobConflictError,
    BlobIntegrityError,
    BlobNotFoundError,
    BlobStore,
    InvalidKeyError,
    content_key,
)


@pytest.fixture
def store(tmp_path: Path) -> FolderBlobStore:
    return FolderBlobStore(tmp_path / "blobs")


def test_content_key_layout_fans_out_and_file_is_read_only(store: FolderBlobStore) -> None:
    data = b"%PDF-1.7 Rechnung"
    digest = hashlib.sha256(data).hexdigest()
    assert store.put(data, content_type="application/pdf") == f"sha256/{digest}"
    path = store.root / "sha256" / digest[:2] / digest[2:4] / digest
    assert path.read_bytes() == data
    assert stat.S_IMODE(path.stat().st_mode) & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) == 0
    assert isinstance(store, BlobStore)


def test_put_is_idempotent_and_leaves_no_temp_files(store: FolderBlobStore) -> None:
    key = store.put(b"abc")
    assert store.put(b"abc") == key == content_key(b"abc")
    assert store.get(key) == b"abc" and store.size(key) == 3 and store.exists(key)
    leftovers = [p for p in store.root.rglob("*") if p.name.startswith(".tmp-")]
    assert leftovers == []


def test_put_named_is_write_once(store: FolderBlobStore) -> None:
    key = "filed/doc-1/xrechnung.xml"
    assert store.put_named(key, b"<Invoice/>") == key
    assert store.put_named(key, b"<Invoice/>") == key
    with pytest.raises(BlobConflictError) as err:
        store.put_named(key, b"<Invoice>changed</Invoice>")
    assert err.value.disposition is Disposition.DEAD_LETTER and key in err.value.reason
    assert store.get(key) == b"<Invoice/>"
    assert (store.root / "named" / "filed" / "doc-1" / "xrechnung.xml").is_file()


def test_put_named_under_sha256_prefix_must_match_the_digest(store: FolderBlobStore) -> None:
    assert store.put_named(content_key(b"x"), b"x") == content_key(b"x")
    with pytest.raises(BlobConflictError, match="does not match"):
        store.put_named(content_key(b"x"), b"y")


@pytest.mark.parametrize(
    "key", ["", "/etc/passwd", "../outside", "a/../../b", "a//b", "a/b/", "sha256/XYZ", "sha256/" + "0" * 63,
            "with space", "umlaut-ä", "a\\b", ".hidden"],
)
def test_unsafe_or_malformed_keys_are_refused(store: FolderBlobStore, key: str) -> None:
    with pytest.raises(InvalidKeyError):
        store.put_named(key, b"data")
    with pytest.raises(InvalidKeyError):
        store.get(key)


def test_missing_blob_is_not_found(store: FolderBlobStore) -> None:
    key = content_key(b"never stored")
    assert store.exists(key) is False
    with pytest.raises(BlobNotFoundError, match="no blob"):
        store.get(key)
    with pytest.raises(BlobNotFoundError):
        store.size("named/missing.pdf")


def test_altered_content_blob_is_detected(store: FolderBlobStore) -> None:
    key = store.put(b"original bytes")
    digest = key.split("/")[1]
    path = store.root / "sha256" / digest[:2] / digest[2:4] / digest
    os.chmod(path, 0o644)
    path.write_bytes(b"tampered bytes")
    with pytest.raises(BlobIntegrityError, match="no longer matches"):
        store.get(key)


def test_root_that_is_a_file_is_service_unavailable(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_bytes(b"")
    with pytest.raises(ServiceUnavailableError, match="cannot be created"):
        FolderBlobStore(blocker)
    store = FolderBlobStore(tmp_path / "ok")
    (store.root / "sha256").write_bytes(b"")  # a file where the fan-out directory should be
    with pytest.raises(ServiceUnavailableError, match="cannot create"):
        store.put(b"data")
