"""Split TIFF (multi-page), PNG and JPEG files into page plans; frames are decoded later, in the worker."""
from __future__ import annotations

import io
import warnings

from PIL import Image

from workflow.ocr.errors import CorruptDocumentError, DecompressionBombError, DocumentTooLargeError
from workflow.ocr.imaging import check_page_size
from workflow.ocr.model import OcrLimits, PageImage, PagePlan

A4_SHORT_EDGE_IN = 8.27
_MAX_PLAUSIBLE_EDGE_IN = 17.0  # longer than A3: the header's dpi value cannot be right


def resolve_dpi(width: int, height: int, header_dpi: float | None) -> tuple[float, str | None]:
    """The resolution to use for a raster page, and a note when the header value was missing or implausible.

    A header dpi that would make the page smaller than a business card or larger than A3 is replaced by the
    resolution the image would have as an A4 page (short edge 8.27 in).
    """
    estimate = min(width, height) / A4_SHORT_EDGE_IN
    if not header_dpi or header_dpi <= 0:
        return estimate, f"Auflösung fehlt im Dateikopf; als A4 geschätzt: {estimate:.0f} dpi."
    longest_in = max(width, height) / header_dpi
    if longest_in > _MAX_PLAUSIBLE_EDGE_IN or (longest_in < 2.0 and estimate > header_dpi):
        return estimate, f"Auflösung im Dateikopf ({header_dpi:.0f} dpi) unplausibel; als A4 geschätzt: {estimate:.0f} dpi."
    return float(header_dpi), None


def plan_raster_pages(data: bytes, filename: str, limits: OcrLimits) -> list[PagePlan]:
    """One plan per frame of a TIFF, or a single plan for PNG/JPEG. Only headers are read here."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # bomb warnings: our own limit decides below; EXIF noise: irrelevant
            image = Image.open(io.BytesIO(data))
            n_frames = int(getattr(image, "n_frames", 1))
    except Image.DecompressionBombError as exc:
        raise DecompressionBombError(f"{filename}: {exc}") from exc
    except Exception as exc:  # PIL raises OSError, SyntaxError, ValueError, struct.error ... for damaged headers
        raise CorruptDocumentError(f"{filename}: Bilddatei lässt sich nicht öffnen ({type(exc).__name__}: {exc}).") from exc
    if n_frames > limits.max_pages:
        raise DocumentTooLargeError(f"{filename}: {n_frames} Seiten, erlaubt sind höchstens {limits.max_pages}.")
    plans = []
    for frame in range(n_frames):
        try:
            image.seek(frame)
            width, height = image.size
            header = image.info.get("dpi")
            fmt = image.format or ""
        except Exception as exc:
            raise CorruptDocumentError(
                f"{filename}: Seite {frame + 1} der Bilddatei ist beschädigt ({type(exc).__name__}: {exc})."
            ) from exc
        check_page_size(width, height, f"{filename}: Seite {frame + 1}", limits)
        header_dpi = float(min(header)) if header else None
        dpi, note = resolve_dpi(width, height, header_dpi)
        page = PageImage(index=frame, encoded=data, width=width, height=height, dpi=dpi, frame=frame,
                         original_format=fmt)
        plans.append(PagePlan(index=frame, image=page, note=note))
    return plans
