"""The machine-readable marks of an answer sheet, drawn as SVG: four ArUco markers and a QR code.

The markers are ArUco's 4x4 dictionary (`DICT_4X4_50`), ids 0-3. A marker is data, 16 bits inside
a black border, so its bits are written down here (read once from OpenCV's dictionary; a test in
tests/test_grade_*.py compares them with `cv2.aruco` whenever OpenCV is installed) and drawn as
squares: printing a sheet needs no OpenCV, only reading one does. The QR code comes from `segno`,
a small pure-Python encoder, drawn the same way.
"""

from __future__ import annotations

#: DICT_4X4_50 ids 0-3: the 4x4 inner cells row by row, 1 = black.
ARUCO_4X4_BITS = (
    "0100101011001101",
    "1111000001100101",
    "1100110011010010",
    "0110011010111001",
)


def _cells_path(cells: list[tuple[int, int]], cell: float) -> str:
    """An SVG path of unit squares at (column, row), merged along rows to keep the path short."""
    out = []
    by_row: dict[int, list[int]] = {}
    for c, r in cells:
        by_row.setdefault(r, []).append(c)
    for r, cols in sorted(by_row.items()):
        cols.sort()
        start = prev = cols[0]
        for c in [*cols[1:], None]:
            if c is not None and c == prev + 1:
                prev = c
                continue
            out.append(f"M{start * cell:g} {r * cell:g}h{(prev - start + 1) * cell:g}v{cell:g}"
                       f"h-{(prev - start + 1) * cell:g}z")
            if c is not None:
                start = prev = c
    return "".join(out)


def marker_svg(marker_id: int, size_mm: float) -> str:
    """Marker `marker_id` as an inline SVG `size_mm` wide: a black border cell around 4x4 bits."""
    bits = ARUCO_4X4_BITS[marker_id]
    cells = [(c, r) for r in range(6) for c in range(6)
             if r in (0, 5) or c in (0, 5) or bits[(r - 1) * 4 + (c - 1)] == "1"]
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{size_mm}mm" height="{size_mm}mm" '
            f'viewBox="0 0 6 6" shape-rendering="crispEdges"><path d="{_cells_path(cells, 1)}"/></svg>')


def qr_svg(text: str, size_mm: float) -> str:
    """`text` as a QR code `size_mm` wide (error correction M; the quiet zone is the page around)."""
    import segno

    code = segno.make_qr(text, error="m")
    matrix = [list(row) for row in code.matrix]
    n = len(matrix)
    cells = [(c, r) for r in range(n) for c in range(n) if matrix[r][c]]
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{size_mm}mm" height="{size_mm}mm" '
            f'viewBox="0 0 {n} {n}" shape-rendering="crispEdges"><path d="{_cells_path(cells, 1)}"/></svg>')
