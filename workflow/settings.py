"""Typed, frozen settings, read once at start-up and passed down. Logic never reads the environment.

Every setting can be given as an environment variable ``AKTENFLUSS_<NAME>`` or in a TOML/env file named by
``AKTENFLUSS_CONFIG``. Defaults are the embedded mode: local broker, SQLite, a local folder as object store.
"""
from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="AKTENFLUSS_", frozen=True, extra="ignore",
                                      env_file=None)

    # where the runtime state lives (SQLite file, object folder, export folder); AKTENFLUSS_DATA_DIR
    data_dir: Path = Field(default=REPO_ROOT / ".data")
    # Kafka bootstrap servers; AKTENFLUSS_KAFKA_BOOTSTRAP
    kafka_bootstrap: str = "127.0.0.1:9092"
    # faust app id = consumer group prefix; AKTENFLUSS_APP_ID
    app_id: str = "aktenfluss"
    # SQLAlchemy URL; empty = SQLite file in data_dir; AKTENFLUSS_DATABASE_URL
    database_url: str = ""
    # object store: "folder" (data_dir/objects) or "s3"; AKTENFLUSS_BLOB_BACKEND
    blob_backend: Literal["folder", "s3"] = "folder"
    # S3 settings (blob_backend=s3); AKTENFLUSS_S3_BUCKET, _S3_ENDPOINT_URL, _S3_REGION, _S3_ACCESS_KEY, _S3_SECRET_KEY
    s3_bucket: str = "aktenfluss"
    s3_endpoint_url: str | None = None
    s3_region: str = "eu-central-1"
    s3_access_key: str | None = None
    s3_secret_key: str | None = None
    # HTTP API bind; AKTENFLUSS_API_HOST, AKTENFLUSS_API_PORT
    api_host: str = "127.0.0.1"
    api_port: int = 8470
    # OCR: "tesseract" or "null" (no text; machines without tessdata); AKTENFLUSS_OCR_ENGINE
    ocr_engine: Literal["tesseract", "null"] = "tesseract"
    ocr_languages: str = "deu"  # AKTENFLUSS_OCR_LANGUAGES, e.g. "deu+eng"
    ocr_workers: int = 2  # AKTENFLUSS_OCR_WORKERS: OCR processes (one tesseract API each)
    tessdata_prefix: str = "/usr/share/tesseract-ocr/5/tessdata/"  # AKTENFLUSS_TESSDATA_PREFIX
    # largest document accepted at intake; AKTENFLUSS_MAX_DOCUMENT_BYTES
    max_document_bytes: int = 100 * 1024 * 1024
    # approval policy file (JSON); empty = the bundled demo policy; AKTENFLUSS_POLICY_FILE
    policy_file: str = ""
    # routing configuration for classification (JSON); empty = bundled default; AKTENFLUSS_ROUTING_FILE
    routing_file: str = ""
    # below this classifier confidence a document goes to manual triage; AKTENFLUSS_TRIAGE_THRESHOLD
    triage_threshold: float = 0.6
    # retrained classifier (aktenfluss train); empty = <data_dir>/classifier-model.json.gz if present, else the
    # bundled model; AKTENFLUSS_CLASSIFIER_MODEL
    classifier_model: str = ""
    # where approved invoices are exported for the finance system (file drop); AKTENFLUSS_EXPORT_DIR
    export_dir: Path | None = None
    log_level: str = "INFO"  # AKTENFLUSS_LOG_LEVEL
    # the worker exits (status 3) after this many seconds without a reachable broker; 0 = retry forever
    broker_lost_exit_s: float = 120.0  # AKTENFLUSS_BROKER_LOST_EXIT_S
    # name of the receiving authority, used in notices to senders; AKTENFLUSS_ORGANISATION_NAME
    organisation_name: str = "Stadtverwaltung Musterstadt"
    # notifications: sender address and optional SMTP relay (else .eml files in data_dir/outbox);
    # AKTENFLUSS_MAIL_SENDER, AKTENFLUSS_SMTP_HOST
    mail_sender: str = "aktenfluss@rathaus.example"
    smtp_host: str | None = None

    @property
    def db_url(self) -> str:
        return self.database_url or f"sqlite:///{self.data_dir / 'aktenfluss.db'}"

    @property
    def classifier_model_path(self) -> Path:
        return Path(self.classifier_model) if self.classifier_model else self.data_dir / "classifier-model.json.gz"

    @property
    def objects_dir(self) -> Path:
        return self.data_dir / "objects"

    @property
    def finance_export_dir(self) -> Path:
        return self.export_dir or self.data_dir / "export"

    @property
    def api_url(self) -> str:
        return f"http://{self.api_host}:{self.api_port}"


def load_settings(**overrides: object) -> Settings:
    """Read settings once: environment, then explicit overrides (CLI flags)."""
    return Settings(**overrides)  # type: ignore[arg-type]
