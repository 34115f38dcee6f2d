"""Classification of incoming mail: document type, department, unopened flags, deadlines, triage."""
from __future__ import annotations

from workflow.classify.config import Department, RoutingConfig, RoutingConfigError, load_config
from workflow.classify.logic import ClassifyInputError, classify
from workflow.classify.types import Classification, Decision, DocType, Flag, LabeledText

__all__ = ["Classification", "ClassifyInputError", "Decision", "Department", "DocType", "Flag", "LabeledText",
           "RoutingConfig", "RoutingConfigError", "classify", "load_config"]
