"""Find the page in a picture: the four ArUco corner markers give a homography from the sheet's
millimetres to the picture's pixels, the QR code says which quiz, version and layout it is, and the
page is warped upright to a fixed scale (`PX_PER_MM`) for measuring.

Any three markers are enough (a thumb over a corner, a torn corner): twelve corner points fix a
homography. The markers' ids say which corner is which, so an upside-down scan reads the same.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import cv2
import numpy as np

from ..sheet.layout import MARKER_INSET, PAGE_MM, QR_SIZE, markers, parse_qr
from ..recipe import Paper

#: The upright page is measured at 6 px per mm (152 dpi).
PX_PER_MM = 6.0
#: Pictures larger than this (long side, px) are shrunk first: a 12-MP photo holds no more
#: information about a 4.6 mm bubble than a 2400-px one, and is five times slower to handle.
WORK_LONG_SIDE = 2400
#: Markers are searched on a copy at most this large (long side, px); corners are scaled back.
DETECT_LONG_SIDE = 1400


@dataclass
class Located:
    homography: np.ndarray  # page mm -> picture px
    seen: dict[int, np.ndarray]  # marker id -> its corners in the picture
    image: np.ndarray  # the (possibly shrunk) picture the homography refers to


@functools.cache
def _detector():
    params = cv2.aruco.DetectorParameters()
    params.cornerRefinementMethod = cv2.aruco.CORNER_REFINE_SUBPIX
    dictionary = cv2.aruco.getPredefinedDictionary(cv2.aruco.DICT_4X4_50)
    return cv2.aruco.ArucoDetector(dictionary, params)


def shrink(image: np.ndarray, long_side: int) -> tuple[np.ndarray, float]:
    """`image` at most `long_side` px long, and the scale applied. Halvings by `pyrDown` (fast,
    and it smooths before it drops pixels), then one linear step: INTER_AREA at an odd ratio
    costs more than everything else a page needs."""
    h, w = image.shape[:2]
    if max(h, w) <= long_side:
        return image, 1.0
    out = image
    while max(out.shape[:2]) >= 2 * long_side:
        out = cv2.pyrDown(out)
    oh, ow = out.shape[:2]
    factor = long_side / max(oh, ow)
    if factor < 1.0:
        out = cv2.resize(out, (round(ow * factor), round(oh * factor)), interpolation=cv2.INTER_LINEAR)
    return out, out.shape[1] / w


def find_markers(image: np.ndarray) -> dict[int, np.ndarray]:
    """Marker id -> its four outer corners (picture px), for ids 0-3 seen once each."""
    small, scale = shrink(image, DETECT_LONG_SIDE)
    corners, ids, _ = _detector().detectMarkers(small)
    found: dict[int, list[np.ndarray]] = {}
    if ids is not None:
        for c, i in zip(corners, ids.ravel(), strict=True):
            if 0 <= int(i) <= 3:
                found.setdefault(int(i), []).append(c.reshape(4, 2) / scale)
    return {i: cs[0] for i, cs in found.items() if len(cs) == 1}


def locate(image: np.ndarray, paper: Paper = Paper.a4) -> Located | None:
    """The homography from `paper`'s millimetres to `image`, or None with fewer than 3 markers."""
    image, _ = shrink(image, WORK_LONG_SIDE)
    seen = find_markers(image)
    if len(seen) < 3:
        return None
    return _fit(image, seen, paper)


def _fit(image: np.ndarray, seen: dict[int, np.ndarray], paper: Paper) -> Located | None:
    width, height = PAGE_MM[paper]
    page = {m.id: np.array(m.corners, dtype=np.float64) for m in markers(width, height)}
    src = np.concatenate([page[i] for i in sorted(seen)])
    dst = np.concatenate([seen[i] for i in sorted(seen)]).astype(np.float64)
    h, _ = cv2.findHomography(src, dst, 0)
    if h is None:
        return None
    return Located(homography=h, seen=seen, image=image)


def refit(located: Located, paper: Paper) -> Located:
    """The same markers fitted to another paper size (once the QR code has said which)."""
    return _fit(located.image, located.seen, paper) or located


def warp(located: Located, width_mm: float, height_mm: float, *, x0: float = 0.0, y0: float = 0.0,
         px_per_mm: float = PX_PER_MM) -> np.ndarray:
    """The page region from (x0, y0), `width_mm` x `height_mm`, upright at `px_per_mm`."""
    to_region = np.array([[1 / px_per_mm, 0, x0], [0, 1 / px_per_mm, y0], [0, 0, 1]])
    m = located.homography @ to_region  # region px -> picture px
    size = (round(width_mm * px_per_mm), round(height_mm * px_per_mm))
    return cv2.warpPerspective(located.image, m, size, flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP,
                               borderMode=cv2.BORDER_REPLICATE)


def read_qr(located: Located, paper: Paper = Paper.a4) -> tuple[str, str, str] | None:
    """(quiz id, version, layout id) from the QR code; None if it cannot be read. The code sits at
    the same place from the top-right marker on every paper size."""
    import zxingcpp

    width, _ = PAGE_MM[paper]
    margin = 6.0
    x0 = width - MARKER_INSET - QR_SIZE - margin
    region = warp(located, QR_SIZE + 2 * margin, QR_SIZE + 2 * margin, x0=x0, y0=20.0 - margin,
                  px_per_mm=8.0)
    for picture in (region, located.image):
        for result in zxingcpp.read_barcodes(picture, formats=zxingcpp.BarcodeFormat.QRCode):
            parsed = parse_qr(result.text)
            if parsed:
                return parsed
    return None
