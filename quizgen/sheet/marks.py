"""The machine-readable marks of an answer sheet, drawn as SVG: four ArUco markers and a QR code.

The markers are ArUco's 4x4 dictionary (`DICT_4X4_50`), ids 0-3. A marker is data, 16 bits inside
a black border, so its bits are written down here (read once from OpenCV's dictionary; a test in
tests/test_grade_*.py compares them with `cv2.aruco` whenever OpenCV is installed) and drawn as
squares: printing a sheet needs no OpenCV, only reading one does. The QR code comes from `segno`,
a small pure-Python encoder, drawn the same way.
"""

from __future__ import annotations

from itertools import groupby

#: DICT_4X4_50 ids 0-3: the 4x4 inner cells row by row, 1 = black.
ARUCO_4X4_BITS = (
    "0100101011001101",
    "1111000001100101",
    "1100110011010010",
    "0110011010111001",
)


def _svg(grid, size_mm: float) -> str:
    """The dark cells of a square grid (rows of truthy values) as an inline SVG `size_mm` wide; the
    dark cells side by side in a row are drawn as one rectangle, to keep the path short."""
    path = []
    for r, row in enumerate(grid):
        c = 0
        for dark, run in groupby(row, key=bool):
            width = len(list(run))
            if dark:
                path.append(f"M{c} {r}h{width}v1h-{width}z")
            c += width
    n = len(grid)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{size_mm}mm" height="{size_mm}mm" '
            f'viewBox="0 0 {n} {n}" shape-rendering="crispEdges"><path d="{"".join(path)}"/></svg>')


def marker_svg(marker_id: int, size_mm: float) -> str:
    """Marker `marker_id` as an inline SVG `size_mm` wide: a black border cell around 4x4 bits."""
    bits = ARUCO_4X4_BITS[marker_id]
    return _svg([[r in (0, 5) or c in (0, 5) or bits[(r - 1) * 4 + (c - 1)] == "1" for c in range(6)]
                 for r in range(6)], size_mm)


def qr_svg(text: str, size_mm: float) -> str:
    """`text` as a QR code `size_mm` wide (error correction M; the quiet zone is the page around)."""
    import segno

    return _svg(segno.make_qr(text, error="m").matrix, size_mm)
