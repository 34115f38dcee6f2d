"""Searchable PDF renditions: the scan image with an invisible text layer (text rendering mode 3).

Pure: values in, PDF bytes out. Two products:

* :func:`build_scan_pdf` writes a new PDF for raster inputs (TIFF/PNG/JPEG) in PDF/A-2b form (XMP
  identification, sRGB output intent, document ID, no encryption). The invisible text uses a non-embedded
  font, which PDF/A permits for text rendering mode 3 only. Not checked with a PDF/A validator here.
* :func:`text_content` is the text layer of one page as content-stream operators; :mod:`workflow.ocr.pdf_overlay`
  appends it to the pages of an existing PDF (font from :func:`font_carrier_pdf`), so the original scan images
  stay byte-identical.

The text is encoded as Unicode code points (Identity-H) with a ToUnicode map, so copy, search and text
extraction (pypdf, pdftotext) return the recognised characters.
"""
from __future__ import annotations

import functools
import hashlib
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

from PIL import ImageCms

from workflow.ocr.geometry import Matrix, multiply, page_rotation, unskew, upright_to_stored
from workflow.ocr.model import Word

FONT_NAME = "OcrText"
_ADVANCE = 0.5  # glyph advance of the invisible font in text space units (/DW 500)


@dataclass(frozen=True, slots=True)
class EmbeddedImage:
    """An image stream ready for a PDF XObject (already compressed with ``pdf_filter``)."""

    pdf_filter: str  # "DCTDecode" or "FlateDecode"
    data: bytes
    width: int
    height: int
    bits: int  # 1 or 8
    colorspace: str  # "DeviceGray" or "DeviceRGB"


@dataclass(frozen=True, slots=True)
class TextLayer:
    """Recognised words of one page and how the OCR'd image relates to the PDF page.

    ``image_size`` is the stored image's pixel size; ``orientation`` the clockwise rotation the page had in it
    (words are upright coordinates); ``placement`` maps the image's unit square into page space.
    """

    words: tuple[Word, ...]
    image_size: tuple[int, int]
    orientation: int
    placement: Matrix
    skew: float = 0.0  # degrees the image was turned (counter-clockwise, about its centre) before OCR


@dataclass(frozen=True, slots=True)
class ScanPage:
    image: EmbeddedImage
    dpi: float
    layer: TextLayer | None


def text_content(layer: TextLayer, font_resource: str = FONT_NAME) -> bytes:
    """Content stream operators that draw ``layer.words`` invisibly over the image."""
    width, height = layer.image_size
    to_unit: Matrix = (1.0 / width, 0.0, 0.0, -1.0 / height, 0.0, 1.0)
    to_stored = multiply(upright_to_stored(layer.orientation, width, height), unskew(layer.skew, width, height))
    total = multiply(multiply(to_stored, to_unit), layer.placement)
    parts = [b"q ", _fmt_matrix(total), b" cm BT 3 Tr /", font_resource.encode(), b" 1 Tf\n"]
    words = layer.words
    for i, word in enumerate(words):
        follows = i + 1 < len(words) and words[i + 1].line == word.line and words[i + 1].x0 > word.x0
        text = word.text + (" " if follows else "")
        span = (words[i + 1].x0 - word.x0) if follows else (word.x1 - word.x0)
        size = max(1, word.y1 - word.y0)
        scale = max(span, 1) / (_ADVANCE * max(1, len(text)))
        parts += [_fmt_matrix((scale, 0.0, 0.0, -float(size), float(word.x0), float(word.y1))), b" Tm <",
                  _utf16_hex(text), b"> Tj\n"]
    parts.append(b"ET Q\n")
    return b"".join(parts)


def build_scan_pdf(pages: Sequence[ScanPage], *, title: str = "", language: str = "de") -> bytes:
    """A new PDF/A-2b-style document, one page per scan image, each with its invisible text layer."""
    w = _Writer()
    font = _add_font(w)
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    icc_ref = w.add_stream(b"<< /N 3 >>", icc, compress=True)
    page_refs = []
    pages_ref = w.reserve()
    for page in pages:
        img = page.image
        width_pt, height_pt = img.width * 72.0 / page.dpi, img.height * 72.0 / page.dpi
        image_ref = w.add_stream(
            f"<< /Type /XObject /Subtype /Image /Width {img.width} /Height {img.height} /ColorSpace "
            f"/{img.colorspace} /BitsPerComponent {img.bits} /Filter /{img.pdf_filter} >>".encode(), img.data)
        content = b"q " + _fmt_matrix((width_pt, 0.0, 0.0, height_pt, 0.0, 0.0)) + b" cm /Scan Do Q\n"
        rotate = 0
        if page.layer is not None and page.layer.words:
            content += text_content(page.layer)
            rotate = page_rotation(page.layer.orientation)
        content_ref = w.add_stream(b"<< >>", content, compress=True)
        page_refs.append(w.add(
            f"<< /Type /Page /Parent {pages_ref} 0 R /MediaBox [0 0 {width_pt:.3f} {height_pt:.3f}] /Rotate {rotate}"
            f" /Resources << /XObject << /Scan {image_ref} 0 R >> /Font << /{FONT_NAME} {font} 0 R >> >>"
            f" /Contents {content_ref} 0 R >>".encode()))
    kids = " ".join(f"{ref} 0 R" for ref in page_refs)
    w.set(pages_ref, f"<< /Type /Pages /Kids [{kids}] /Count {len(page_refs)} >>".encode())
    metadata_ref = w.add_stream(b"<< /Type /Metadata /Subtype /XML >>", _xmp(title), compress=False)
    intent = f"<< /Type /OutputIntent /S /GTS_PDFA1 /OutputConditionIdentifier (sRGB) /DestOutputProfile {icc_ref} 0 R >>"
    catalog = w.add(f"<< /Type /Catalog /Pages {pages_ref} 0 R /Metadata {metadata_ref} 0 R /Lang ({language})"
                    f" /OutputIntents [{intent}] >>".encode())
    return w.finish(catalog)


@functools.cache
def font_carrier_pdf() -> bytes:
    """A one-page PDF whose page resources hold the invisible text font (as /OcrText), built once per process;
    :mod:`workflow.ocr.pdf_overlay` copies the font from it into existing PDFs."""
    w = _Writer()
    font = _add_font(w)
    pages_ref = w.reserve()
    page = w.add(f"<< /Type /Page /Parent {pages_ref} 0 R /MediaBox [0 0 1 1]"
                 f" /Resources << /Font << /{FONT_NAME} {font} 0 R >> >> >>".encode())
    w.set(pages_ref, f"<< /Type /Pages /Kids [{page} 0 R] /Count 1 >>".encode())
    return w.finish(w.add(f"<< /Type /Catalog /Pages {pages_ref} 0 R >>".encode()))


def _add_font(w: _Writer) -> int:
    ranges = "\n".join(f"<{hi:02X}00> <{hi:02X}FF> <{hi:02X}00>" for hi in range(256))
    blocks = [ranges.split("\n")[i:i + 100] for i in range(0, 256, 100)]
    body = "".join(f"{len(block)} beginbfrange\n" + "\n".join(block) + "\nendbfrange\n" for block in blocks)
    cmap = ("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
            "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n" + body +
            "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n").encode()
    to_unicode = w.add_stream(b"<< >>", cmap, compress=True)
    descriptor = w.add(b"<< /Type /FontDescriptor /FontName /OcrTextInvisible /Flags 5 /FontBBox [0 0 500 1000]"
                       b" /ItalicAngle 0 /Ascent 1000 /Descent 0 /CapHeight 1000 /StemV 80 >>")
    cid_font = w.add(f"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /OcrTextInvisible /CIDSystemInfo"
                     f" << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor {descriptor} 0 R"
                     f" /DW 500 /CIDToGIDMap /Identity >>".encode())
    return w.add(f"<< /Type /Font /Subtype /Type0 /BaseFont /OcrTextInvisible /Encoding /Identity-H"
                 f" /DescendantFonts [{cid_font} 0 R] /ToUnicode {to_unicode} 0 R >>".encode())


def _xmp(title: str) -> bytes:
    safe = title.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        '<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">'
        "<pdfaid:part>2</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance></rdf:Description>\n"
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title><rdf:Alt>'
        f'<rdf:li xml:lang="x-default">{safe}</rdf:li></rdf:Alt></dc:title></rdf:Description>\n'
        '</rdf:RDF></x:xmpmeta>\n<?xpacket end="w"?>'
    ).encode("utf-8")


def _fmt_matrix(m: Matrix) -> bytes:
    return " ".join(_fmt_number(v) for v in m).encode()


def _fmt_number(value: float) -> str:
    text = f"{value:.8f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def _utf16_hex(text: str) -> bytes:
    codes = (ord(ch) if ord(ch) <= 0xFFFF else 0xFFFD for ch in text)
    return "".join(f"{code:04X}" for code in codes).encode()


class _Writer:
    """Minimal PDF 1.7 serializer: numbered objects, classic xref table, deterministic /ID."""

    def __init__(self) -> None:
        self._objects: list[bytes | None] = []

    def reserve(self) -> int:
        self._objects.append(None)
        return len(self._objects)

    def set(self, ref: int, body: bytes) -> None:
        self._objects[ref - 1] = body

    def add(self, body: bytes) -> int:
        self._objects.append(body)
        return len(self._objects)

    def add_stream(self, header: bytes, data: bytes, *, compress: bool = False) -> int:
        if compress:
            data = zlib.compress(data, 6)
            header = header[:-2].rstrip() + b" /Filter /FlateDecode >>"
        header = header[:-2].rstrip() + f" /Length {len(data)} >>".encode()
        return self.add(header + b"\nstream\n" + data + b"\nendstream")

    def finish(self, root: int) -> bytes:
        out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
        offsets = []
        for number, body in enumerate(self._objects, start=1):
            if body is None:
                raise ValueError(f"PDF object {number} was reserved but never written")
            offsets.append(len(out))
            out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
        xref = len(out)
        out += f"xref\n0 {len(offsets) + 1}\n0000000000 65535 f \n".encode()
        out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
        digest = hashlib.md5(bytes(out), usedforsecurity=False).hexdigest()
        out += (f"trailer\n<< /Size {len(offsets) + 1} /Root {root} 0 R /ID [<{digest}> <{digest}>] >>\n"
                f"startxref\n{xref}\n%%EOF\n").encode()
        return bytes(out)
