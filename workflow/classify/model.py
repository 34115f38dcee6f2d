"""A linear (multinomial logistic) model stored as plain JSON: readable, explainable, no pickles.

``score`` returns class probabilities and, per class, the features that pushed it most: those become the
reasons of a Decision.
"""
from __future__ import annotations

import gzip
import json
import math
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping

from workflow.errors import BadInputError


class ModelFileError(BadInputError):
    """A model artefact cannot be read (missing, corrupt, or made for another feature version)."""

    fix = "Modell neu trainieren (aktenfluss train) oder den Pfad zum Modell prüfen."


@dataclass(frozen=True, slots=True)
class LinearModel:
    """Weights per feature (one per class) plus a bias per class."""

    classes: tuple[str, ...]
    bias: tuple[float, ...]
    weights: Mapping[str, tuple[float, ...]]

    def logits(self, features: Mapping[str, float]) -> tuple[list[float], dict[str, list[tuple[float, str]]]]:
        """Raw class scores and, per class, (contribution, feature) pairs for explanation."""
        scores = list(self.bias)
        classes, weights = self.classes, self.weights
        contrib: dict[str, list[tuple[float, str]]] = {c: [] for c in classes}
        for feat, value in features.items():
            row = weights.get(feat)
            if row is None:
                continue
            parts = [w * value for w in row]
            scores = [s + p for s, p in zip(scores, parts)]  # a zero weight adds 0.0: same sums as skipping it
            if max(parts) > 0.02:
                for name, part in zip(classes, parts):
                    if part > 0.02:
                        contrib[name].append((part, feat))
        return scores, contrib


def softmax(scores: list[float]) -> list[float]:
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    total = sum(exps)
    return [e / total for e in exps]


@dataclass(frozen=True, slots=True)
class ModelBundle:
    """The trained artefact: one model for the document type, one for the department."""

    doc_type: LinearModel
    department: LinearModel
    feature_version: int
    meta: Mapping[str, Any]


def _model_to_json(m: LinearModel) -> dict[str, Any]:
    return {"classes": list(m.classes), "bias": [round(b, 5) for b in m.bias],
            "weights": {k: [round(w, 4) for w in v] for k, v in m.weights.items()}}


def _model_from_json(d: Mapping[str, Any]) -> LinearModel:
    classes = tuple(d["classes"])
    weights = {str(k): tuple(float(x) for x in v) for k, v in d["weights"].items()}
    if any(len(v) != len(classes) for v in weights.values()) or len(d["bias"]) != len(classes):
        raise ModelFileError("Modelldatei inkonsistent: Gewichtszeilen passen nicht zu den Klassen")
    return LinearModel(classes, tuple(float(b) for b in d["bias"]), MappingProxyType(weights))


def save_bundle(bundle: ModelBundle, path: str | Path) -> Path:
    """Write the bundle as gzip-compressed JSON (deterministic: same model, same bytes)."""
    data = {"feature_version": bundle.feature_version, "meta": dict(bundle.meta),
            "doc_type": _model_to_json(bundle.doc_type), "department": _model_to_json(bundle.department)}
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    raw = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
    with open(out, "wb") as fh, gzip.GzipFile(fileobj=fh, mode="wb", mtime=0) as gz:
        gz.write(raw)
    return out


def load_bundle(path: str | Path, expected_feature_version: int) -> ModelBundle:
    """Read a bundle written by ``save_bundle``; refuses other feature versions."""
    try:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            data = json.load(fh)
        version = int(data["feature_version"])
        if version != expected_feature_version:
            raise ModelFileError(f"Modell {path} hat Merkmalsversion {version}, erwartet {expected_feature_version}")
        return ModelBundle(_model_from_json(data["doc_type"]), _model_from_json(data["department"]), version,
                           MappingProxyType(dict(data.get("meta", {}))))
    except ModelFileError:
        raise
    except (OSError, EOFError, ValueError, KeyError, TypeError) as exc:
        raise ModelFileError(f"Modelldatei {path} nicht lesbar: {exc}") from exc
