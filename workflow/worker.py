"""The stream worker process: all stages as faust agents in one process (`aktenfluss worker`)."""
from __future__ import annotations

import logging
import os
import threading

from workflow.settings import Settings

log = logging.getLogger(__name__)

BROKER_LOST_EXIT_STATUS = 3


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

    def exit_without_broker(reason: Exception) -> None:
        # Nothing unhandled was acked, so leaving now is as safe as a crash; faust's own shutdown would wait
        # on the absent broker. Exit status 3 tells the supervisor why.
        services.close()
        logging.shutdown()
        os._exit(BROKER_LOST_EXIT_STATUS)

    bind(app, services, broker_lost_exit_s=settings.broker_lost_exit_s, on_broker_lost=exit_without_broker)
    if settings.ocr_engine == "tesseract":  # start the OCR processes now, not on the first scanned letter
        threading.Thread(target=_warm_up_ocr, args=(services,), name="ocr-warm-up", daemon=True).start()
    log.info("worker starting: broker %s, database %s, objects %s", settings.kafka_bootstrap,
             settings.db_url.split("@")[-1], settings.blob_backend)
    worker = faust.Worker(app, loglevel=settings.log_level.lower(), quiet=True)
    try:
        worker.execute_from_commandline()
    finally:
        services.close()


def _warm_up_ocr(services: object) -> None:
    try:
        services.ocr.warm_up()  # type: ignore[attr-defined]
    except Exception as exc:  # noqa: BLE001 - any start-up failure: the first document reports it with its reason
        log.warning("OCR-Prozesse konnten nicht vorab gestartet werden: %s", exc)
