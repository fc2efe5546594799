"""How dark each bubble is, against the page's own paper and ink, and what that means.

The upright page is first flattened: the paper's brightness is estimated everywhere (a maximum
filter over 8 mm wipes out print and pencil, a blur smooths it) and the page divided by it, so a
light gradient, a shadow or a yellowed sheet all read as paper = 1. The ink level is read from the
corner markers (their black border against the white around them, in the same picture), so a
light printer, a grey scan or a dim photo set their own scale. Each pixel's darkness is
(1 - brightness) / (1 - ink), clipped to 0..1: 0 is clean paper, 1 is the printer's black. A
bubble is read on its inner disc (60% of its radius, clear of the printed ring) as two numbers:
its mean darkness, and its cover, the share of pixels darker than PENCIL.

Decisions leave a gap: a bubble is filled when pencil covers FILLED of it or more (a real fill,
even a light or half one, covers far more), empty when it has neither cover nor a faint trace,
and uncertain otherwise: an erased mark's trace, a stray stroke. An uncertain bubble flags its
item for the teacher; it is never guessed.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import NamedTuple

import cv2
import numpy as np

from ..sheet.layout import MARKER_CELL, SheetLayout
from .locate import PX_PER_MM

#: A pixel is pencil when it is darker than this share of the way from paper to ink.
PENCIL = 0.3
#: Filled: at least this share of the inner disc is pencil. Empty: under EMPTY_COVER pencil and a
#: mean darkness under EMPTY_MEAN (no faint trace either). Anything else: uncertain, flagged.
FILLED = 0.2
EMPTY_COVER = 0.05
EMPTY_MEAN = 0.05
INNER = 0.6


@dataclass
class Measured:
    page: np.ndarray  # the flattened page (paper = 1.0), float32
    ink: float  # the printer's black in flattened units (0 = black, 1 = paper)


def flatten(upright: np.ndarray) -> np.ndarray:
    """The page divided by its own paper brightness (estimated at 1 px/mm)."""
    h, w = upright.shape
    step = int(PX_PER_MM)
    small = cv2.resize(upright, (w // step, h // step), interpolation=cv2.INTER_AREA)
    paper = cv2.dilate(small, np.ones((9, 9), np.uint8))
    paper = cv2.GaussianBlur(paper, (0, 0), 3)
    paper = cv2.resize(paper, (w, h), interpolation=cv2.INTER_LINEAR).astype(np.float32)
    return upright.astype(np.float32) / np.maximum(paper, 1.0)


def ink_level(upright: np.ndarray, layout: SheetLayout) -> float:
    """The markers' black relative to the paper just around them (median over the markers)."""
    s = PX_PER_MM
    ratios = []
    for m in layout.markers:
        x0, y0 = m.corners[0]
        x1, y1 = m.corners[2]
        c = MARKER_CELL
        # the middle of the top and left border cells (solid black), and the white just outside
        black = np.concatenate([
            upright[int((y0 + 0.3 * c) * s):int((y0 + 0.7 * c) * s), int((x0 + c) * s):int((x1 - c) * s)].ravel(),
            upright[int((y0 + c) * s):int((y1 - c) * s), int((x0 + 0.3 * c) * s):int((x0 + 0.7 * c) * s)].ravel()])
        white = np.concatenate([
            upright[int((y0 - 2.2) * s):int((y0 - 1.0) * s), int(x0 * s):int(x1 * s)].ravel(),
            upright[int(y0 * s):int(y1 * s), int((x1 + 1.0) * s):int((x1 + 2.2) * s)].ravel()])
        if black.size and white.size:
            ratios.append(float(np.median(black)) / max(float(np.median(white)), 1.0))
    return float(np.median(ratios)) if ratios else 0.15


def measure_page(upright: np.ndarray, layout: SheetLayout) -> Measured:
    return Measured(page=flatten(upright), ink=min(ink_level(upright, layout), 0.8))


@functools.cache
def _offsets(radius_mm: float) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, int]:
    """Pixel offsets (dy, dx) of the inner disc and of the ring of paper just outside the printed
    circle, around a bubble's centre."""
    s = PX_PER_MM
    outer = (radius_mm + 0.95) * s
    r = int(np.ceil(outer))
    yy, xx = np.mgrid[-r:r + 1, -r:r + 1]
    d2 = xx * xx + yy * yy
    inner = d2 <= (radius_mm * INNER * s) ** 2
    ring = (d2 >= ((radius_mm + 0.45) * s) ** 2) & (d2 <= outer * outer)
    return yy[inner], xx[inner], yy[ring], xx[ring], r


class Fill(NamedTuple):
    """How a bubble's inner disc reads: its mean darkness, and the share of it that is pencil."""

    mean: float
    cover: float


def fills(measured: Measured, centres: list[tuple[float, float]], radius_mm: float) -> list[Fill]:
    """The fill of each bubble centred at `centres` (mm), all at once. The paper is taken twice:
    the flattened page's, and the ring just around the bubble (its median, so a stray stroke does
    not count), and the brighter wins: a shadow's edge across a bubble then reads as paper."""
    iy, ix, ry, rx, r = _offsets(radius_mm)
    page = measured.page
    h, w = page.shape
    c = np.rint(np.asarray(centres, dtype=np.float64).reshape(-1, 2) * PX_PER_MM).astype(np.intp)
    inside = (c[:, 0] >= r) & (c[:, 1] >= r) & (c[:, 0] + r < w) & (c[:, 1] + r < h)
    cx, cy = np.where(inside, c[:, 0], r), np.where(inside, c[:, 1], r)
    paper = np.minimum(1.0, np.median(page[cy[:, None] + ry, cx[:, None] + rx], axis=1))
    disc = page[cy[:, None] + iy, cx[:, None] + ix]
    dark = np.clip((paper[:, None] - disc) / (paper[:, None] * (1.0 - measured.ink)), 0.0, 1.0)
    means, covers = dark.mean(axis=1), (dark > PENCIL).mean(axis=1)
    nan = float("nan")
    return [Fill(float(m), float(v)) if ok else Fill(nan, nan)
            for m, v, ok in zip(means, covers, inside, strict=True)]


def state(fill: Fill) -> str:
    """'filled', 'empty' or 'uncertain' (NaN, a bubble off the picture, is uncertain)."""
    if fill.cover != fill.cover:
        return "uncertain"
    if fill.cover >= FILLED:
        return "filled"
    if fill.cover < EMPTY_COVER and fill.mean < EMPTY_MEAN:
        return "empty"
    return "uncertain"
