"""extract_text: the OCR stage as one readable recipe. Pure orchestration; the page work is injected.

sniff -> split into page plans -> check resolution -> recognise scan pages -> assemble page texts ->
build the searchable rendition -> decide whether a person has to look (typed errors carry the result).
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import PurePath

from workflow.ocr.engine import OcrEngine
from workflow.ocr.errors import (
    BlankDocumentError,
    DocumentTooLargeError,
    LowConfidenceError,
    ResolutionTooLowError,
)
from workflow.ocr.model import ExtractedText, OcrLimits, PageImage, PagePlan, PageText, TextSource
from workflow.ocr.page_work import PageResult, process_page
from workflow.ocr.pdf_overlay import overlay_pdf
from workflow.ocr.pdf_pages import plan_pdf_pages
from workflow.ocr.raster_pages import plan_raster_pages
from workflow.ocr.rendition import ScanPage, TextLayer, build_scan_pdf
from workflow.ocr.sniff import PDF, extension_mismatch, sniff_media_type

log = logging.getLogger(__name__)

MIN_ALNUM = 3  # fewer letters/digits on an OCR page: the page counts as empty
RecognizePages = Callable[[Sequence[PageImage], bool], list[PageResult]]


def extract_text(
    data: bytes,
    filename: str,
    engine: OcrEngine,
    *,
    languages: str = "deu",
    make_rendition: bool = True,
    limits: OcrLimits = OcrLimits(),
) -> ExtractedText:
    """Text per page (text layer or OCR with ``engine``) and a searchable PDF rendition of one document.

    ``languages`` is recorded in the rendition; the engine was configured with the languages it recognises.
    Raises typed :mod:`workflow.ocr.errors` for bad input; :class:`BlankDocumentError` and
    :class:`LowConfidenceError` carry the extracted result for the triage queue.
    """

    def sequential(pages: Sequence[PageImage], want_embed: bool) -> list[PageResult]:
        return [process_page(engine, page, limits, want_embed=want_embed) for page in pages]

    return run_extraction(data, filename, sequential, languages=languages, make_rendition=make_rendition,
                          limits=limits)


def run_extraction(
    data: bytes,
    filename: str,
    recognize_pages: RecognizePages,
    *,
    languages: str,
    make_rendition: bool,
    limits: OcrLimits,
) -> ExtractedText:
    """The recipe behind :func:`extract_text`; ``recognize_pages`` runs the page work (inline or in a pool)."""
    if len(data) > limits.max_bytes:
        raise DocumentTooLargeError(
            f"{filename}: {len(data) / 1e6:.1f} MB, erlaubt sind {limits.max_bytes / 1e6:.0f} MB.")
    media_type = sniff_media_type(data, filename)
    warnings = [w for w in [extension_mismatch(media_type, filename)] if w]
    plans = plan_pdf_pages(data, filename, limits) if media_type == PDF else plan_raster_pages(data, filename, limits)
    _check_resolution(plans, filename, limits)
    images = [plan.image for plan in plans if plan.image is not None]
    want_embed = make_rendition and media_type != PDF
    results = {result.index: result for result in recognize_pages(images, want_embed)} if images else {}
    pages = tuple(_page_text(plan, results.get(plan.index)) for plan in plans)
    warnings += [plan.note for plan in plans if plan.note]
    for result in sorted(results.values(), key=lambda r: r.index):
        warnings += [result.note] if result.note else []
        notes = result.recognition.notes if result.recognition else ()
        warnings += [f"Seite {result.index + 1}: {note}" for note in notes]
        if result.recognition is not None and pages[result.index].source == TextSource.EMPTY:
            warnings.append(f"Seite {result.index + 1}: keine Schrift erkannt.")
    rendition = _rendition(data, media_type, plans, results, filename, languages) if make_rendition else None
    extracted = ExtractedText(pages=pages, rendition_pdf=rendition, media_type=media_type, warnings=tuple(warnings))
    _check_usable(extracted, filename, limits)
    return extracted


def _check_resolution(plans: Sequence[PagePlan], filename: str, limits: OcrLimits) -> None:
    for plan in plans:
        if plan.image is not None and plan.image.dpi < limits.min_dpi:
            raise ResolutionTooLowError(
                f"{filename}: Seite {plan.index + 1} hat nur {plan.image.dpi:.0f} dpi "
                f"({plan.image.width}x{plan.image.height} Pixel); für Texterkennung nötig sind {limits.min_dpi:.0f} dpi."
            )


def _page_text(plan: PagePlan, result: PageResult | None) -> PageText:
    if plan.text_layer is not None:
        return PageText(plan.index, plan.text_layer.strip(), None, TextSource.TEXT_LAYER.value)
    if result is None or result.recognition is None or not _has_words(result.recognition.text):
        return PageText(plan.index, "", None, TextSource.EMPTY.value)
    recognition = result.recognition
    return PageText(plan.index, recognition.text.strip(), recognition.confidence, TextSource.OCR.value)


def _has_words(text: str) -> bool:
    """OCR of dust and speckles yields a few stray marks; real text has at least a few letters or digits."""
    return sum(ch.isalnum() for ch in text) >= MIN_ALNUM


def _layer(result: PageResult, placement: tuple[float, float, float, float, float, float]) -> TextLayer | None:
    if result.recognition is None or not result.recognition.words:
        return None
    return TextLayer(result.recognition.words, result.image_size, result.recognition.orientation, placement,
                     result.skew)


def _rendition(data: bytes, media_type: str, plans: Sequence[PagePlan], results: dict[int, PageResult],
               filename: str, languages: str) -> bytes:
    lang = "en" if languages.startswith("eng") else "de"
    if media_type == PDF:
        layers = {}
        for plan in plans:
            result = results.get(plan.index)
            if result is not None and plan.image is not None and plan.image.placement is not None:
                layer = _layer(result, plan.image.placement.matrix)
                if layer is not None:
                    layers[plan.index] = layer
        return overlay_pdf(data, layers)
    scan_pages = []
    for plan in plans:
        result = results[plan.index]
        if result.embed is None:
            raise ValueError(f"page {plan.index} has no rendition image although one was requested")
        width_pt = result.image_size[0] * 72.0 / result.dpi
        height_pt = result.image_size[1] * 72.0 / result.dpi
        scan_pages.append(ScanPage(result.embed, result.dpi, _layer(result, (width_pt, 0.0, 0.0, height_pt, 0.0, 0.0))))
    return build_scan_pdf(scan_pages, title=PurePath(filename).stem, language=lang)


def _check_usable(extracted: ExtractedText, filename: str, limits: OcrLimits) -> None:
    if not any(page.text for page in extracted.pages):
        raise BlankDocumentError(
            f"{filename}: auf keiner der {len(extracted.pages)} Seiten wurde Text gefunden.", extracted)
    confidence = extracted.mean_confidence
    if confidence is not None and confidence < limits.min_mean_confidence:
        raise LowConfidenceError(
            f"{filename}: mittlere OCR-Konfidenz {confidence:.0f} liegt unter {limits.min_mean_confidence:.0f}; "
            "der Text ist vermutlich unzuverlässig.", extracted)
