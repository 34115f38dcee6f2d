"""BlobStore on a local folder: the embedded default (write-once files, atomic, fsynced, read-only).

Layout under ``root``: content keys ``sha256/<hex>`` live at ``sha256/<hex[0:2]>/<hex[2:4]>/<hex>`` (fan-out keeps
directories small); named keys live at ``named/<key>``. A write goes to a temp file in the target directory, is
fsynced, made read-only and then hard-linked to its final name: ``link`` fails if the name exists, so two writers
racing on one key can never overwrite each other (put-if-absent without locks).
"""
from __future__ import annotations

import errno
import hashlib
import logging
import os
import stat
import tempfile
from pathlib import Path

from workflow.errors import ServiceUnavailableError
from workflow.ports import (
    BlobConflictError,
    BlobIntegrityError,
    BlobNotFoundError,
    check_blob_key,
    content_digest,
    content_key,
)

log = logging.getLogger(__name__)

_READ_ONLY = stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH


class FolderBlobStore:
    """Write-once blob store in ``root`` (created if missing). Implements ``workflow.ports.BlobStore``.

    The content type is not kept: consumers know the media type from the DocumentRecord.
    """

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        try:
            self.root.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ServiceUnavailableError(
                f"blob folder {self.root} cannot be created: {exc.strerror}",
                fix="Pfad und Rechte prüfen (AKTENFLUSS_BLOB_DIR).",
            ) from exc

    def put(self, data: bytes, *, content_type: str = "application/octet-stream") -> str:
        key = content_key(data)
        self._write_once(key, data)
        return key

    def put_named(self, key: str, data: bytes, *, content_type: str = "application/octet-stream") -> str:
        check_blob_key(key)
        digest = content_digest(key)
        if digest is not None and digest != hashlib.sha256(data).hexdigest():
            raise BlobConflictError(f"key {key} names a SHA-256 that does not match the data; use put()")
        self._write_once(key, data)
        return key

    def get(self, key: str) -> bytes:
        path = self._path(key)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise BlobNotFoundError(f"no blob stored under {key}") from None
        except OSError as exc:
            raise self._unavailable("read", key, exc) from exc
        digest = content_digest(key)
        if digest is not None and hashlib.sha256(data).hexdigest() != digest:
            raise BlobIntegrityError(f"blob {key} at {path} no longer matches its SHA-256")
        return data

    def exists(self, key: str) -> bool:
        return self._path(key).is_file()

    def size(self, key: str) -> int:
        try:
            return self._path(key).stat().st_size
        except FileNotFoundError:
            raise BlobNotFoundError(f"no blob stored under {key}") from None
        except OSError as exc:
            raise self._unavailable("stat", key, exc) from exc

    # ------------------------------------------------------------------------------------------------ internals

    def _path(self, key: str) -> Path:
        check_blob_key(key)
        digest = content_digest(key)
        if digest is not None:
            return self.root / "sha256" / digest[:2] / digest[2:4] / digest
        return self.root / "named" / key

    def _write_once(self, key: str, data: bytes) -> None:
        path = self._path(key)
        if path.is_file():
            self._check_same(key, path, data)
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp_name = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
        except OSError as exc:
            raise self._unavailable("create", key, exc) from exc
        tmp = Path(tmp_name)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(tmp, _READ_ONLY)
            self._publish(tmp, path, key, data)
            _fsync_dir(path.parent)
        except OSError as exc:
            raise self._unavailable("write", key, exc) from exc
        finally:
            tmp.unlink(missing_ok=True)
        log.debug("stored blob %s (%d bytes)", key, len(data))

    def _publish(self, tmp: Path, path: Path, key: str, data: bytes) -> None:
        """Give the finished temp file its final name unless another writer got there first."""
        try:
            os.link(tmp, path)
        except FileExistsError:
            self._check_same(key, path, data)
        except OSError as exc:
            if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EXDEV, errno.EMLINK):
                raise
            # file systems without hard links: rename after an existence check (a tiny race remains)
            if path.exists():
                self._check_same(key, path, data)
            else:
                os.replace(tmp, path)

    def _check_same(self, key: str, path: Path, data: bytes) -> None:
        if content_digest(key) is not None:
            return  # same key = same content by construction
        try:
            stored = path.read_bytes()
        except OSError as exc:
            raise self._unavailable("read", key, exc) from exc
        if stored != data:
            raise BlobConflictError(
                f"key {key} already holds different bytes ({len(stored)} stored, {len(data)} new); "
                "blobs are write-once"
            )

    def _unavailable(self, action: str, key: str, exc: OSError) -> ServiceUnavailableError:
        return ServiceUnavailableError(
            f"blob folder {self.root}: cannot {action} {key}: {exc.strerror or exc}",
            fix="Speicherplatz und Rechte des Blob-Ordners prüfen; die Verarbeitung wird wiederholt.",
        )


def _fsync_dir(directory: Path) -> None:
    """Make the new directory entry durable (POSIX); ignored where directories cannot be opened."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
