"""BlobStore on an S3-compatible server (AWS S3, Ceph, Versity gateway; moto server in tests), via boto3.

Put-if-absent: a HEAD first (skips the upload when the object is there), then PUT with ``If-None-Match: *`` so a
racing writer gets HTTP 412 instead of overwriting. Every object carries its SHA-256 as user metadata
(``x-amz-meta-sha256``) and as ``ChecksumSHA256`` (servers that check it reject damaged uploads); ``get`` checks
the bytes against it.
"""
from __future__ import annotations

import base64
import hashlib
import logging
from typing import Any

import boto3
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

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

_NOT_FOUND = {"404", "NoSuchKey", "NotFound"}
_PRECONDITION = {"412", "PreconditionFailed", "ConditionalRequestConflict", "409"}


class S3BlobStore:
    """Write-once blob store in one bucket. Implements ``workflow.ports.BlobStore``.

    Args:
        bucket: bucket name (3-63 chars).
        endpoint_url: e.g. ``http://127.0.0.1:29000`` for a local server; None = AWS.
        region: region name; also the bucket's LocationConstraint when it is created.
        access_key / secret_key: credentials; None = boto3's default chain (env, profile).
        create_bucket: create the bucket if it does not exist (tests, first start).
    """

    def __init__(
        self,
        bucket: str,
        *,
        endpoint_url: str | None = None,
        region: str = "eu-central-1",
        access_key: str | None = None,
        secret_key: str | None = None,
        create_bucket: bool = False,
    ) -> None:
        self.bucket = bucket
        self.endpoint_url = endpoint_url
        self._bucket_ok = False
        config = Config(
            region_name=region,
            connect_timeout=5,
            read_timeout=60,
            retries={"mode": "standard", "max_attempts": 3},
            s3={"addressing_style": "path"} if endpoint_url else {},
        )
        session = boto3.session.Session()
        self._s3: Any = session.client(
            "s3",
            endpoint_url=endpoint_url,
            aws_access_key_id=access_key,
            aws_secret_access_key=secret_key,
            config=config,
        )
        if create_bucket:
            self._ensure_bucket(region)

    # ------------------------------------------------------------------------------------------------ protocol

    def put(self, data: bytes, *, content_type: str = "application/octet-stream") -> str:
        key = content_key(data)
        self._write_once(key, data, content_type)
        return key

    def put_named(self, key: str, data: bytes, *, content_type: str = "application/octet-stream") -> str:
        check_blob_key(key)
        digest = content_digest(key)
        if digest is not None and digest != hashlib.sha256(data).hexdigest():
            raise BlobConflictError(f"key {key} names a SHA-256 that does not match the data; use put()")
        self._write_once(key, data, content_type)
        return key

    def get(self, key: str) -> bytes:
        check_blob_key(key)
        try:
            response = self._s3.get_object(Bucket=self.bucket, Key=key)
            data: bytes = response["Body"].read()
        except ClientError as exc:
            if _code(exc) in _NOT_FOUND:
                raise BlobNotFoundError(f"no blob stored under {key} in bucket {self.bucket}") from None
            raise self._unavailable("get", key, exc) from exc
        except BotoCoreError as exc:
            raise self._unavailable("get", key, exc) from exc
        expected = content_digest(key) or response.get("Metadata", {}).get("sha256")
        if expected and hashlib.sha256(data).hexdigest() != expected:
            raise BlobIntegrityError(f"blob {key} in bucket {self.bucket} no longer matches its SHA-256")
        return data

    def exists(self, key: str) -> bool:
        return self._head(key) is not None

    def size(self, key: str) -> int:
        head = self._head(key)
        if head is None:
            raise BlobNotFoundError(f"no blob stored under {key} in bucket {self.bucket}")
        return int(head["ContentLength"])

    # ------------------------------------------------------------------------------------------------ internals

    def _write_once(self, key: str, data: bytes, content_type: str) -> None:
        digest = hashlib.sha256(data)
        head = self._head(key)
        if head is not None:
            self._check_same(key, head, digest.hexdigest())
            return
        try:
            self._s3.put_object(
                Bucket=self.bucket,
                Key=key,
                Body=data,
                ContentType=content_type,
                IfNoneMatch="*",
                ChecksumSHA256=base64.b64encode(digest.digest()).decode("ascii"),
                Metadata={"sha256": digest.hexdigest()},
            )
        except ClientError as exc:
            if _code(exc) not in _PRECONDITION:
                raise self._unavailable("put", key, exc) from exc
            # another writer created the key between our HEAD and PUT
            head = self._head(key)
            if head is None:
                raise self._unavailable("put", key, exc) from exc
            self._check_same(key, head, digest.hexdigest())
            return
        except BotoCoreError as exc:
            raise self._unavailable("put", key, exc) from exc
        log.debug("stored blob %s (%d bytes) in bucket %s", key, len(data), self.bucket)

    def _check_same(self, key: str, head: dict[str, Any], sha256_hex: str) -> None:
        if content_digest(key) is not None:
            return  # same key = same content by construction
        stored = head.get("Metadata", {}).get("sha256")
        if stored is None:  # written by another tool: compare the bytes themselves
            stored = hashlib.sha256(self.get(key)).hexdigest()
        if stored != sha256_hex:
            raise BlobConflictError(
                f"key {key} in bucket {self.bucket} already holds different bytes; blobs are write-once"
            )

    def _head(self, key: str) -> dict[str, Any] | None:
        check_blob_key(key)
        try:
            head: dict[str, Any] = self._s3.head_object(Bucket=self.bucket, Key=key)
        except ClientError as exc:
            if _code(exc) in _NOT_FOUND and self._bucket_checked_exists(key):
                return None
            raise self._unavailable("head", key, exc) from exc
        except BotoCoreError as exc:
            raise self._unavailable("head", key, exc) from exc
        return head

    def _bucket_checked_exists(self, key: str) -> bool:
        """Tell "no such key" from "no such bucket" (both are a bare 404 on HEAD); checked once per store."""
        if self._bucket_ok:
            return True
        try:
            self._bucket_ok = self._bucket_exists()
        except (ClientError, BotoCoreError) as exc:
            raise self._unavailable("head bucket for", key, exc) from exc
        return self._bucket_ok

    def _bucket_exists(self) -> bool:
        try:
            self._s3.head_bucket(Bucket=self.bucket)
        except ClientError as exc:
            if _code(exc) in _NOT_FOUND:
                return False
            raise
        return True

    def _ensure_bucket(self, region: str) -> None:
        try:
            if self._bucket_exists():
                self._bucket_ok = True
                return
            kwargs: dict[str, Any] = {"Bucket": self.bucket}
            if region != "us-east-1":
                kwargs["CreateBucketConfiguration"] = {"LocationConstraint": region}
            self._s3.create_bucket(**kwargs)
            self._bucket_ok = True
            log.info("created bucket %s at %s", self.bucket, self.endpoint_url or "AWS")
        except ClientError as exc:
            if _code(exc) in {"BucketAlreadyOwnedByYou"}:
                return
            raise self._unavailable("create bucket", self.bucket, exc) from exc
        except BotoCoreError as exc:
            raise self._unavailable("create bucket", self.bucket, exc) from exc

    def _unavailable(self, action: str, key: str, exc: Exception) -> ServiceUnavailableError:
        where = self.endpoint_url or "AWS S3"
        if isinstance(exc, ClientError) and _code(exc) in _NOT_FOUND:
            return ServiceUnavailableError(
                f"S3 {action} {key}: bucket {self.bucket} does not exist at {where}",
                fix="Bucket anlegen (create_bucket=True bzw. infra/s3.sh) oder AKTENFLUSS_S3_BUCKET prüfen.",
            )
        return ServiceUnavailableError(
            f"S3 {action} {key} at {where} failed: {exc}",
            fix="S3-Dienst und Zugangsdaten prüfen (infra/s3.sh status); die Verarbeitung wird wiederholt.",
        )


def _code(exc: ClientError) -> str:
    return str(exc.response.get("Error", {}).get("Code", ""))
