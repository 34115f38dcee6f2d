"""classify(text) -> Classification: rules and a linear model decide type and department, with reasons.

Order: (1) flags that stop reading (persönlich/vertraulich, Personalrat); (2) document type = linear model
scores + weighted rules; (3) department = fixed route for the type (config) or model + config keyword hints;
(4) deadlines for Fristsachen; (5) triage when a confidence is below the configured threshold.
"""
from __future__ import annotations

import logging
import re
import threading
from importlib import resources
from pathlib import Path

from workflow.classify.config import RoutingConfig, load_config
from workflow.classify.deadlines import court_deadline, general_deadline, letter_date, widerspruch_deadline
from workflow.classify.features import FEATURE_VERSION, extract, fold, subject_line
from workflow.classify.flags import unopened_flags
from workflow.classify.lexicon import stem_hits
from workflow.classify.model import LinearModel, ModelBundle, load_bundle, softmax
from workflow.classify.rules import apply_rules
from workflow.classify.segments import Letter, split_letter
from workflow.classify.types import Classification, Decision, DocType
from workflow.classify.units import addressed_departments
from workflow.errors import BadInputError

log = logging.getLogger(__name__)

DEFAULT_MODEL_FILE = "default_model.json.gz"
MAX_TEXT_CHARS = 400_000
HINT_WEIGHT = 0.6  # per configured keyword found in the text
SUBJECT_HINT_WEIGHT = 1.2  # extra when it is in the subject line: the subject names the matter
HINT_CAP = 3.0
LEXICON_WEIGHT = 0.5  # per built-in goods/matter stem (lexicon.py) found in the core text
SUBJECT_LEXICON_WEIGHT = 0.8  # extra when the stem is in the subject line
LEXICON_CAP = 2.5
GOODS_LEXICON_WEIGHT = 1.0  # invoices/credit notes/delivery notes go to the ordering department: goods decide
GOODS_TYPES = frozenset({"rechnung", "gutschrift", "lieferschein"})
UNIT_WEIGHT = 1.0  # the unit named in the address block/letterhead ("Amt für Bauordnung"): evidence, not proof
# A lawyer (or other representative) writing for a client about the client's matter: the representative's words say
# who writes, not which department decides. A Widerspruch goes to the department that issued the contested decision.
ON_BEHALF_TYPES = frozenset({"widerspruch", "antrag", "beschwerde"})
_REPRESENTATIVE = re.compile(
    r"\S*(anwalt|anwält|anwaelt|kanzlei|mandant|vollmacht|bevollmächtig|bevollmachtig|sozietät|sozietat|"
    r"rechtsbeistand|partnerschaftsgesellschaft)\S*|\brvg\b|\bmbb\b", re.IGNORECASE)


def without_representative(text: str) -> str:
    """``text`` without the words that describe a lawyer or other representative (Kanzlei, Rechtsanwalt, Mandant)."""
    return _REPRESENTATIVE.sub(" ", text)

_lock = threading.Lock()
_default_bundle: ModelBundle | None = None
_default_config: RoutingConfig | None = None


class ClassifyInputError(BadInputError):
    """The text handed to the classifier is not usable (not a string, or absurdly long)."""


def default_bundle() -> ModelBundle:
    """The bundled model; trained from the generated data on first use if the file is missing."""
    global _default_bundle
    with _lock:
        if _default_bundle is None:
            ref = resources.files("workflow.classify").joinpath(DEFAULT_MODEL_FILE)
            if ref.is_file():
                _default_bundle = load_bundle(Path(str(ref)), FEATURE_VERSION)
            else:
                from workflow.classify.train import generated_examples, train

                log.warning("bundled model %s missing: training from generated data (about a minute)",
                            DEFAULT_MODEL_FILE)
                _default_bundle = train(generated_examples())
        return _default_bundle


def _config(config: RoutingConfig | None) -> RoutingConfig:
    global _default_config
    if config is not None:
        return config
    if _default_config is None:
        _default_config = load_config()
    return _default_config


def _feature_reason(feat: str) -> str:
    kind, _, word = feat.partition(":")
    return {"w": f"Wort '{word}'", "b": f"Wortpaar '{word.replace('_', ' ')}'", "s": f"Betreff enthält '{word}'",
            "o": f"Einleitungssatz enthält '{word}'",
            "c": f"Wortteil '{word.strip('<>')}'"}.get(kind, feat)


def _top_reasons(contrib: list[tuple[float, str]], n: int = 4) -> list[str]:
    seen: list[str] = []
    for _, feat in sorted(contrib, reverse=True):
        if feat.startswith("c:") and len(seen) >= 2:
            continue
        seen.append(_feature_reason(feat))
        if len(seen) >= n:
            break
    return seen


def _decide_doc_type(text: str, letter: Letter, model: LinearModel, features: dict[str, float]) -> Decision:
    scores, contrib = model.logits(features)
    index = {c: i for i, c in enumerate(model.classes)}
    rule_reasons: dict[str, list[str]] = {}
    for hit in apply_rules(text, letter):
        if hit.doc_type in index:
            scores[index[hit.doc_type]] += hit.weight
            rule_reasons.setdefault(hit.doc_type, []).append(f"Regel: {hit.reason}")
    probs = softmax(scores)
    best = max(range(len(probs)), key=probs.__getitem__)
    value = model.classes[best]
    reasons = rule_reasons.get(value, []) + _top_reasons(contrib[value])
    return Decision(value, round(probs[best], 4), tuple(reasons))


def _decide_department(text: str, letter: Letter, doc_type: Decision, model: LinearModel,
                       features: dict[str, float], cfg: RoutingConfig) -> Decision:
    route = cfg.doc_type_routes.get(doc_type.value)
    if route is not None:
        return Decision(route, doc_type.confidence,
                        (f"Regel: {doc_type.value} geht immer an {cfg.label(route)} (Routing-Konfiguration)",))
    codes = cfg.codes()
    if doc_type.value in ON_BEHALF_TYPES and _REPRESENTATIVE.search(text):
        text = without_representative(text)
        letter = split_letter(text)
        features = extract(text, letter)
    scores_model, contrib = model.logits(features)
    by_class = dict(zip(model.classes, scores_model))
    floor = min(scores_model) if scores_model else 0.0
    core = letter.core  # later pages and boilerplate name no department
    folded = fold(core)
    subject_text = subject_line(core)
    subject = fold(subject_text)
    goods = doc_type.value in GOODS_TYPES
    stems = stem_hits(core, goods)
    subject_stems = stem_hits(subject_text, goods)
    units = addressed_departments(core)
    units = units if len(units) <= 2 else []  # a letterhead listing many offices names none
    per_stem = GOODS_LEXICON_WEIGHT if goods else LEXICON_WEIGHT
    scores: list[float] = []
    hint_reasons: dict[str, list[str]] = {}
    for dept in cfg.departments:
        score = by_class.get(dept.code, floor)
        hits = [h for h in dept.hints if h in folded]
        bonus = min(HINT_CAP, HINT_WEIGHT * len(hits) + SUBJECT_HINT_WEIGHT * sum(1 for h in hits if h in subject))
        found = stems.get(dept.code, [])
        bonus += min(LEXICON_CAP, per_stem * len(found)
                     + SUBJECT_LEXICON_WEIGHT * len(subject_stems.get(dept.code, [])))
        if dept.code in units:
            bonus += UNIT_WEIGHT
        reasons_here = ([f"adressiert an {dept.label}"] if dept.code in units else []) + \
            [f"Stichwort '{h}'" for h in hits[:3]] + [f"Sachbegriff '{w}'" for w in found[:3]]
        if reasons_here:
            hint_reasons[dept.code] = reasons_here[:4]
        scores.append(score + bonus)
    probs = softmax(scores)
    best = max(range(len(probs)), key=probs.__getitem__)
    code = codes[best]
    reasons = hint_reasons.get(code, []) + _top_reasons(contrib.get(code, []), 3)
    return Decision(code, round(probs[best], 4), tuple(reasons) or ("kein deutliches Merkmal",))


def classify(text: str, config: RoutingConfig | None = None, bundle: ModelBundle | None = None) -> Classification:
    """Classify one document text (OCR or text layer). Raises ClassifyInputError for non-text input."""
    if not isinstance(text, str):
        raise ClassifyInputError(f"Text erwartet, erhalten {type(text).__name__}")
    if len(text) > MAX_TEXT_CHARS:
        raise ClassifyInputError(f"Text mit {len(text)} Zeichen zu lang (Grenze {MAX_TEXT_CHARS}); Dokument trennen",
                                 fix="Stapel-Scan in einzelne Dokumente trennen und erneut einliefern.")
    cfg = _config(config)
    flags, flag_reason = unopened_flags(text)
    if not text.strip():
        unknown = Decision(DocType.SONSTIGES.value, 0.0, ("kein Text erkannt",))
        dept = Decision(cfg.default_department, 0.0, ("kein Text erkannt",))
        return Classification(unknown, dept, True, "kein Text: manuell zuordnen", flags, None, None)
    model = bundle or default_bundle()
    letter = split_letter(text)
    features = extract(text, letter)
    doc_type = _decide_doc_type(text, letter, model.doc_type, features)
    department = _decide_department(text, letter, doc_type, model.department, features, cfg)
    deadline, deadline_reason = None, None
    all_flags = list(flags)
    if doc_type.value == DocType.WIDERSPRUCH:
        d = widerspruch_deadline(text)
        deadline, deadline_reason = d.value, d.reason
        all_flags.append("fristsache")
    elif doc_type.value == DocType.GERICHTSPOST:
        d = court_deadline(text, letter_date(text))
        deadline, deadline_reason = d.value, d.reason
        all_flags.append("fristsache")
        if d.eeb:
            all_flags.append("eeb")
    elif doc_type.value == DocType.BESCHEID:
        d = general_deadline(text, letter_date(text))
        if d.value is not None:
            deadline, deadline_reason = d.value, d.reason
            all_flags.append("fristsache")
    triage_reasons = []
    if doc_type.confidence < cfg.triage_threshold:
        triage_reasons.append(f"Dokumenttyp unsicher ({doc_type.value} {doc_type.confidence:.2f} < "
                              f"{cfg.triage_threshold:.2f})")
    if department.confidence < cfg.triage_threshold:
        triage_reasons.append(f"Amt unsicher ({department.value} {department.confidence:.2f} < "
                              f"{cfg.triage_threshold:.2f})")
    if flags:
        triage_reasons = []  # routed unopened by the marking, nobody reads it centrally
        department = Decision(department.value, department.confidence,
                              department.reasons + (flag_reason or "",))
    triage = bool(triage_reasons)
    return Classification(doc_type, department, triage, "; ".join(triage_reasons) or None, tuple(all_flags),
                          deadline, deadline_reason)


__all__ = ["ClassifyInputError", "classify", "default_bundle", "without_representative"]
