"""The error tree. Each error says what should happen to the document and what a person can do about it.

Only one place maps errors to outcomes (``workflow.deadletter``); stage logic raises, agents never swallow.
"""
from __future__ import annotations

from enum import StrEnum


class Disposition(StrEnum):
    """What happens to a document whose processing raised this error."""

    DEAD_LETTER = "dead_letter"  # cannot be processed as it is: park with the reason, a person looks at it
    TRIAGE = "triage"  # processed, but a person must decide (manual triage queue in the inbox)
    RETRY = "retry"  # a passing fault (service down): try again later


class WorkflowError(Exception):
    """Base of all errors the pipeline knows how to handle.

    Subclasses set ``disposition`` and ``fix`` (what a person or operator can do). ``reason`` is the short
    German/English sentence shown in the status view and the dead-letter record.
    """

    disposition: Disposition = Disposition.DEAD_LETTER
    fix: str = "Dokument prüfen und ggf. erneut einliefern."

    def __init__(self, reason: str, *, fix: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        if fix is not None:
            self.fix = fix

    @property
    def error_type(self) -> str:
        return type(self).__name__


class BadInputError(WorkflowError):
    """The document itself is unusable (empty, corrupt, wrong type, too large, unsafe)."""

    fix = "Beim Absender eine lesbare Fassung anfordern oder das Original prüfen."


class TooLargeError(BadInputError):
    """The document exceeds a configured size/page/pixel limit."""

    fix = "Dokument aufteilen oder das Limit (AKTENFLUSS_MAX_DOCUMENT_BYTES) bewusst erhöhen."


class UnsafeInputError(BadInputError):
    """The document tries something dangerous (DOCTYPE/entities, decompression bomb, encryption)."""

    fix = "Nicht öffnen; beim Absender eine unbedenkliche Fassung anfordern."


class NeedsTriageError(WorkflowError):
    """Processing worked but the result is not trustworthy enough to route automatically."""

    disposition = Disposition.TRIAGE
    fix = "In der Klärungs-Queue manuell zuordnen."


class ServiceUnavailableError(WorkflowError):
    """An external service (object store, database) did not answer; the event will be retried."""

    disposition = Disposition.RETRY
    fix = "Dienst prüfen (aktenfluss status); die Verarbeitung wird wiederholt."
