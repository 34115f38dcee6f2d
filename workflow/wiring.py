"""The one composition root: settings in, ports (connectors) out. Tests build Services with fakes instead."""
from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Callable

from workflow.ports import BlobStore, DocumentRepository
from workflow.route.policy import ApprovalPolicy, load_policy
from workflow.settings import Settings

log = logging.getLogger(__name__)


def utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass
class Services:
    """Everything a stage may talk to. Built once per process by :func:`build_services`."""

    settings: Settings
    blobs: BlobStore
    repo: DocumentRepository
    policy: ApprovalPolicy
    clock: Callable[[], datetime] = utcnow
    _ocr: Any = field(default=None, repr=False)
    _routing: Any = field(default=None, repr=False)
    _classifier: Any = field(default=False, repr=False)
    ocr_factory: Callable[[], Any] | None = field(default=None, repr=False)
    notifier: Any = None  # workflow.notify.Notifier; None = no notifications (tests)

    @property
    def ocr(self) -> Any:
        """The OCR worker pool (created on first use: the API process never needs one)."""
        if self._ocr is None:
            if self.ocr_factory is None:
                raise RuntimeError("no OCR configured")
            self._ocr = self.ocr_factory()
        return self._ocr

    @property
    def routing(self) -> Any:
        if self._routing is None:
            from workflow.classify import load_config

            self._routing = load_config(self.settings.routing_file or None)
        return self._routing

    @property
    def classifier(self) -> Any:
        """The retrained classifier model if there is one (None = the bundled default)."""
        if self._classifier is False:
            from workflow.scan_cli import classifier_bundle

            self._classifier = classifier_bundle(self.settings)
        return self._classifier

    def close(self) -> None:
        if self._ocr is not None and hasattr(self._ocr, "close"):
            self._ocr.close()
            self._ocr = None


def build_blobs(settings: Settings) -> BlobStore:
    if settings.blob_backend == "s3":
        from connectors.s3_blobs import S3BlobStore

        return S3BlobStore(settings.s3_bucket, endpoint_url=settings.s3_endpoint_url, region=settings.s3_region,
                           access_key=settings.s3_access_key, secret_key=settings.s3_secret_key,
                           create_bucket=True)
    from connectors.folder_blobs import FolderBlobStore

    return FolderBlobStore(settings.objects_dir)


def build_repo(settings: Settings, *, migrate: bool = True) -> DocumentRepository:
    from connectors.sql_repository import SqlRepository

    settings.data_dir.mkdir(parents=True, exist_ok=True)
    repo = SqlRepository(settings.db_url)
    if migrate:
        repo.migrate()
    return repo


def ocr_factory_for(settings: Settings) -> Callable[[], Any]:
    def make() -> Any:
        os.environ.setdefault("OMP_THREAD_LIMIT", "1")
        os.environ.setdefault("TESSDATA_PREFIX", settings.tessdata_prefix)
        from workflow.ocr.pool import OcrPool, tesseract_factory

        factory = tesseract_factory(settings.ocr_languages, settings.tessdata_prefix)
        if settings.ocr_engine == "null":
            from connectors.null_ocr import NullOcrEngine

            factory = NullOcrEngine
        return OcrPool(settings.ocr_workers, languages=settings.ocr_languages, tessdata=settings.tessdata_prefix,
                       engine_factory=factory)

    return make


def build_services(settings: Settings, *, migrate: bool = True) -> Services:
    return Services(settings=settings, blobs=build_blobs(settings), repo=build_repo(settings, migrate=migrate),
                    policy=load_policy(settings.policy_file or None), ocr_factory=ocr_factory_for(settings))
