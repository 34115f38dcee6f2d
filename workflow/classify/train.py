"""Training: generated letters (+ people's corrections) -> ModelBundle; ``retrain`` for ``aktenfluss train``.

The bundled training data is generated deterministically (``workflow.training``, seed DEFAULT_SEED); it never
contains the shared scan corpus, which is the test set. Corrections are weighted up (they are real mail).
"""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from workflow.classify.config import load_config
from workflow.classify.features import FEATURE_VERSION, extract
from workflow.classify.model import LinearModel, ModelBundle, save_bundle
from workflow.classify.types import DocType, LabeledText
from workflow.errors import BadInputError

log = logging.getLogger(__name__)

CORRECTION_WEIGHT = 5.0
MIN_FEATURE_DOCS = 2
PRUNE_BELOW = 0.01
C_DOC_TYPE = 8.0  # inverse regularisation: type words are sharp signals
C_DEPARTMENT = 2.0  # stronger regularisation: department evidence is spread over many content words


class TrainingDataError(BadInputError):
    """Training examples are unusable (unknown type, empty text, too few classes)."""

    fix = "Korrekturen prüfen: Dokumenttyp muss einer der bekannten Typen sein, Text darf nicht leer sein."


@dataclass(frozen=True, slots=True)
class TrainReport:
    """What a training run used and produced."""

    out_path: str
    generated_examples: int
    corrections: int
    doc_type_classes: tuple[str, ...]
    department_classes: tuple[str, ...]
    features: int
    train_accuracy_doc_type: float
    train_accuracy_department: float
    seconds: float


def _fit(vectors: Sequence[dict[str, float]], labels: Sequence[str], weights: Sequence[float],
         c: float) -> LinearModel:
    from sklearn.feature_extraction import DictVectorizer  # training only: inference needs no sklearn
    from sklearn.linear_model import LogisticRegression

    classes = sorted(set(labels))
    if len(classes) < 2:
        raise TrainingDataError(f"mindestens zwei Klassen nötig, gefunden: {classes}")
    doc_freq: dict[str, int] = {}
    for vec in vectors:
        for key in vec:
            doc_freq[key] = doc_freq.get(key, 0) + 1
    keep = {k for k, n in doc_freq.items() if n >= MIN_FEATURE_DOCS}
    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform([{k: v for k, v in vec.items() if k in keep} for vec in vectors])
    clf = LogisticRegression(C=c, max_iter=300)
    clf.fit(matrix, labels, sample_weight=list(weights))
    names = vectorizer.get_feature_names_out()
    coef = clf.coef_ if len(clf.classes_) > 2 else [-clf.coef_[0], clf.coef_[0]]
    bias = list(clf.intercept_) if len(clf.classes_) > 2 else [-clf.intercept_[0], clf.intercept_[0]]
    table: dict[str, tuple[float, ...]] = {}
    for j, name in enumerate(names):
        row = tuple(float(coef[i][j]) for i in range(len(clf.classes_)))
        if max(abs(w) for w in row) >= PRUNE_BELOW:
            table[str(name)] = tuple(round(w, 4) for w in row)
    return LinearModel(tuple(str(c) for c in clf.classes_), tuple(float(b) for b in bias), table)


def _accuracy(model: LinearModel, vectors: Sequence[dict[str, float]], labels: Sequence[str]) -> float:
    good = 0
    for vec, label in zip(vectors, labels):
        scores, _ = model.logits(vec)
        good += model.classes[scores.index(max(scores))] == label
    return good / max(1, len(labels))


def train(examples: Iterable[LabeledText], weights: Iterable[float] | None = None) -> ModelBundle:
    """Fit both linear models on labelled texts."""
    items = list(examples)
    known = set(DocType)
    for i, ex in enumerate(items):
        if ex.doc_type not in known:
            raise TrainingDataError(f"Beispiel {i}: unbekannter Dokumenttyp '{ex.doc_type}'")
        if not ex.text.strip():
            raise TrainingDataError(f"Beispiel {i}: leerer Text")
    w = list(weights) if weights is not None else [1.0] * len(items)
    vectors = [extract(ex.text) for ex in items]
    doc_model = _fit(vectors, [ex.doc_type for ex in items], w, C_DOC_TYPE)
    keep = _department_routed(items) or list(range(len(items)))
    dept_model = _fit([vectors[i] for i in keep], [items[i].department for i in keep], [w[i] for i in keep],
                      C_DEPARTMENT)
    return ModelBundle(doc_model, dept_model, FEATURE_VERSION, {"examples": len(items)})


def _department_routed(items: list[LabeledText]) -> list[int]:
    """Indices of the examples the department model learns from. Types with a fixed route (Mahnung, Werbung)
    never reach the department model; learning from them would only teach it that advertising words mean
    "hauptamt" - so they are left out."""
    fixed = set(load_config().doc_type_routes)
    return [i for i, ex in enumerate(items) if ex.doc_type not in fixed]


def generated_examples(n: int | None = None, seed: int | None = None) -> list[LabeledText]:
    """The bundled training set: synthetic letters from ``workflow.training``."""
    from workflow.training import DEFAULT_SEED, DEFAULT_TRAIN_SIZE, generate

    docs = generate(n or DEFAULT_TRAIN_SIZE, DEFAULT_SEED if seed is None else seed)
    return [LabeledText(d.text, d.doc_type, d.department) for d in docs]


def retrain(corrections: Iterable[LabeledText], out_path: str | Path, generated: int | None = None) -> TrainReport:
    """Train on the bundled generated data plus people's corrections (weighted x5) and save the model."""
    start = time.monotonic()
    base = generated_examples(generated)
    fixes = list(corrections)
    examples = base + fixes
    weights = [1.0] * len(base) + [CORRECTION_WEIGHT] * len(fixes)
    bundle = train(examples, weights)
    bundle = ModelBundle(bundle.doc_type, bundle.department, bundle.feature_version,
                         {"generated": len(base), "corrections": len(fixes)})
    save_bundle(bundle, out_path)
    sample = examples[:2000]
    vectors = [extract(ex.text) for ex in sample]
    routed = _department_routed(sample)
    report = TrainReport(
        out_path=str(out_path), generated_examples=len(base), corrections=len(fixes),
        doc_type_classes=bundle.doc_type.classes, department_classes=bundle.department.classes,
        features=len(set(bundle.doc_type.weights) | set(bundle.department.weights)),
        train_accuracy_doc_type=_accuracy(bundle.doc_type, vectors, [e.doc_type for e in sample]),
        train_accuracy_department=_accuracy(bundle.department, [vectors[i] for i in routed],
                                            [sample[i].department for i in routed]),
        seconds=time.monotonic() - start,
    )
    log.info("model trained: %s examples (%s corrections), %s features, %.1f s -> %s",
             len(examples), len(fixes), report.features, report.seconds, out_path)
    return report
