"""Scans as grayscale pages: PDFs rasterized by pdfium (no poppler, no ImageMagick), JPEG and PNG
decoded by OpenCV (which turns a phone photo upright by its EXIF orientation)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import numpy as np

from ..problems import Problem

#: PDF pages are rasterized at this resolution: enough for 4.6 mm bubbles, fast to read.
PDF_DPI = 200
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".tif", ".tiff", ".bmp", ".webp")


def _open_pdf(path: Path):
    """pdfium's document of a PDF scan, or None for a picture; any other file, or a PDF that
    pdfium cannot open, is a Problem."""
    suffix = path.suffix.lower()
    if suffix != ".pdf":
        if suffix not in IMAGE_SUFFIXES:
            raise Problem(str(path), 1, 1, "not a scan: give PDF, JPEG or PNG files")
        return None
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as err:
        raise Problem(str(path), 1, 1, f"not a readable PDF ({err})") from None


def count_pages(path: Path) -> int:
    """Pages in a scan file (for the progress bar)."""
    doc = _open_pdf(path)
    if doc is None:
        return 1
    with closing(doc):
        return len(doc)


def pages(path: Path) -> Iterator[tuple[int, np.ndarray | None]]:
    """(1-based page number, grayscale uint8 image) of every page of a scan file; the image is
    None for a page that cannot be decoded (it is reported as unreadable, not skipped)."""
    doc = _open_pdf(path)
    if doc is None:
        import cv2

        data = np.fromfile(str(path), dtype=np.uint8)
        yield 1, cv2.imdecode(data, cv2.IMREAD_GRAYSCALE) if data.size else None
        return
    with closing(doc):
        for i in range(len(doc)):
            page = doc[i]
            try:
                bitmap = page.render(scale=PDF_DPI / 72, grayscale=True)
                pixels = bitmap.to_numpy()
                yield i + 1, np.ascontiguousarray(pixels if pixels.ndim == 2 else pixels[:, :, 0])
            finally:
                page.close()
