"""The stream worker process: all stages as faust agents in one process (`aktenfluss worker`)."""
from __future__ import annotations

import logging
import os

from workflow.settings import Settings

log = logging.getLogger(__name__)


def run_worker(settings: Settings) -> None:
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    os.environ.setdefault("TESSDATA_PREFIX", settings.tessdata_prefix)
    import faust

    from connectors.kafka_admin import ensure_topics
    from workflow.app import bind, create_app
    from workflow.logs import setup_logging
    from workflow.notify import build_notifier
    from workflow.wiring import build_services

    setup_logging(settings.log_level)
    ensure_topics(settings.kafka_bootstrap)
    services = build_services(settings)
    services.notifier = build_notifier(settings)
    app = create_app(settings)
    bind(app, services)
    log.info("worker starting: broker %s, database %s, objects %s", settings.kafka_bootstrap,
             settings.db_url.split("@")[-1], settings.blob_backend)
    worker = faust.Worker(app, loglevel=settings.log_level.lower(), quiet=True)
    try:
        worker.execute_from_commandline()
    finally:
        services.close()
