"""Synthetic scans of filled answer sheets, for the grading tests and benchmarks/grade_bench.py.

A clean page (a sheet printed by Chromium and rasterized by pdfium) is filled like a student does
and then photographed or scanned badly, every step a parameter:

    fill styles  Fill(cover 0.5-1.0, graphite light/dark, shape scribble/half), erased (a fill rubbed
                 out to a faint trace), crossed (a fill with an X over it, and another bubble filled)
    distortions  Distortion(rotation degrees, perspective share, blur sigma px, JPEG quality,
                 light gradient, shadow, background grey, dpi, phone = 12-MP frame)

Ground truth is returned with each scan: per row the bubbles the student meant (an erased bubble is
empty, a crossed-out one is empty and its row is ambiguous by design: a double mark to flag).
Nothing here is committed as an image: scans are made in memory from a seed.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field, replace

import cv2
import numpy as np

LIGHT = (0.45, 0.6)  # graphite darkness (share of the printer's black): light pencil, pressed lightly
DARK = (0.8, 0.95)


@dataclass(frozen=True)
class Fill:
    cover: float = 0.9  # share of the bubble covered
    graphite: str = "dark"  # "light" or "dark"
    shape: str = "scribble"  # "scribble" (strokes over the whole bubble) or "half" (one side filled)


@dataclass(frozen=True)
class Distortion:
    dpi: int = 150
    rotation: float = 0.0  # degrees
    perspective: float = 0.0  # largest corner shift, as a share of the page size
    blur: float = 0.0  # Gaussian sigma, px
    jpeg: int | None = None  # JPEG quality, None = lossless PNG
    gradient: float = 0.0  # darkest corner loses this share of light
    shadow: float = 0.0  # a soft shadow band darkening by this share
    background: int | None = None  # grey of the table around the page (None: page fills frame)
    noise: float = 2.0  # sensor noise, grey levels
    phone: bool = False  # a 4000x3000 frame (12 MP) around the page


@dataclass
class Truth:
    version: str
    student: str
    answers: dict[str, str]  # item id -> letters / points the student meant ("" none)
    ambiguous: set[str] = field(default_factory=set)  # rows with a crossed-out mark
    erased: set[str] = field(default_factory=set)  # rows with an erased mark


def _stroke_mask(shape: tuple[int, int], cx: float, cy: float, r: float, fill: Fill, rng: random.Random,
                 px_per_mm: float) -> tuple[np.ndarray, int, int]:
    """Pencil coverage (0..1) of one bubble of radius `r` px, strokes until `fill.cover` is met:
    the patch and its top-left corner on the page."""
    size = int(2 * r + 6)
    x0, y0 = int(cx - size / 2), int(cy - size / 2)
    local = np.zeros((size, size), np.float32)
    lc = (cx - x0, cy - y0)
    yy, xx = np.mgrid[0:size, 0:size]
    inside = (xx - lc[0]) ** 2 + (yy - lc[1]) ** 2 <= (r * 0.92) ** 2
    width = max(1, round(rng.uniform(0.5, 0.8) * px_per_mm))
    angle = rng.uniform(0, math.pi)
    if fill.shape == "half":
        # one side of a line through the bubble, with a ragged edge, then a few strokes
        nx, ny = math.cos(angle), math.sin(angle)
        for offset in np.linspace(r, -r, 40):
            side = ((xx - lc[0]) * nx + (yy - lc[1]) * ny) > offset
            if (side & inside).sum() >= fill.cover * inside.sum():
                break
        local[side] = 1.0
        noise = np.random.default_rng(rng.randrange(1 << 30)).random(local.shape) < 0.08
        local[noise & side] = 0.0
    else:
        covered = 0.0
        tries = 0
        while covered < fill.cover and tries < 60:
            tries += 1
            a = angle + rng.uniform(-0.4, 0.4)
            spacing = width * rng.uniform(1.0, 2.2)
            n = int(2 * r / spacing) + 2
            points = []
            for i in range(n):
                t = -r + i * spacing + rng.uniform(-spacing / 3, spacing / 3)
                ends = (-r * rng.uniform(0.7, 1.05), r * rng.uniform(0.7, 1.05))
                for e in (ends if i % 2 == 0 else ends[::-1]):
                    px = lc[0] + t * math.cos(a + math.pi / 2) + e * math.cos(a)
                    py = lc[1] + t * math.sin(a + math.pi / 2) + e * math.sin(a)
                    points.append((int(px), int(py)))
            layer = np.zeros_like(local)
            cv2.polylines(layer, [np.array(points, np.int32)], False, 1.0, width, cv2.LINE_AA)
            local = np.maximum(local, layer)
            covered = float(((local > 0.5) & inside).sum() / inside.sum())
            angle += rng.uniform(0.3, 1.2)
        local = np.maximum(local, 0)
    local[~inside] *= 0.3 if fill.shape == "half" else 0.6  # strokes stray a little over the ring
    grain = np.random.default_rng(rng.randrange(1 << 30)).uniform(0.7, 1.0, local.shape).astype(np.float32)
    local *= grain
    return local, x0, y0


def _darken(page: np.ndarray, patch: tuple[np.ndarray, int, int], darkness: float) -> None:
    """Pencil over the page: each pixel keeps (1 - coverage * darkness) of its light."""
    local, x0, y0 = patch
    h, w = page.shape
    ys, xs = slice(max(0, y0), min(h, y0 + local.shape[0])), slice(max(0, x0), min(w, x0 + local.shape[1]))
    part = local[ys.start - y0:ys.stop - y0, xs.start - x0:xs.stop - x0]
    page[ys, xs] *= 1.0 - np.clip(part, 0, 1) * darkness


def _cross(page: np.ndarray, cx: float, cy: float, r: float, px_per_mm: float, darkness: float) -> None:
    e = r * 1.5
    size = int(2 * e + 8)
    x0, y0 = int(cx - size / 2), int(cy - size / 2)
    layer = np.zeros((size, size), np.float32)
    width = max(1, round(0.5 * px_per_mm))
    lx, ly = cx - x0, cy - y0
    for dx in (-1, 1):
        cv2.line(layer, (int(lx - e), int(ly - dx * e)), (int(lx + e), int(ly + dx * e)), 1.0, width, cv2.LINE_AA)
    _darken(page, (layer, x0, y0), darkness)


def random_fill(rng: random.Random, *, light_share: float = 0.3, min_cover: float = 0.5) -> Fill:
    return Fill(cover=rng.uniform(min_cover, 1.0), graphite="light" if rng.random() < light_share else "dark",
                shape="half" if rng.random() < 0.25 else "scribble")


def fill_sheet(clean: np.ndarray, layout: dict, dpi: int, rng: random.Random, *, blank_share: float = 0.08,
               erased_share: float = 0.05, crossed_share: float = 0.03, light_share: float = 0.3,
               min_cover: float = 0.5, student: str | None = None) -> tuple[np.ndarray, Truth]:
    """A student's answers pencilled on a clean page (float32, 0..255) and the truth about them."""
    page = clean.astype(np.float32)
    s = dpi / 25.4
    r = layout["bubble_radius"] * s

    def mark(b: dict, style: Fill | None = None) -> None:
        f = style or random_fill(rng, light_share=light_share, min_cover=min_cover)
        d = rng.uniform(*(LIGHT if f.graphite == "light" else DARK))
        _darken(page, _stroke_mask(page.shape, b["x"] * s, b["y"] * s, r, f, rng, s), d)

    def erase(b: dict) -> None:
        f = Fill(cover=rng.uniform(0.6, 1.0), graphite="dark")
        _darken(page, _stroke_mask(page.shape, b["x"] * s, b["y"] * s, r, f, rng, s), rng.uniform(0.06, 0.18))

    student = student or "".join(str(rng.randrange(10)) for _ in layout["student"])
    for digit, row in zip(student, layout["student"], strict=True):
        mark(row[int(digit)])
    truth = Truth(version=layout["version"], student=student, answers={})
    for row in layout["rows"]:
        bubbles = row["bubbles"]
        if row["kind"] == "points":
            chosen = rng.randrange(len(bubbles))
            mark(bubbles[chosen])
            truth.answers[row["item"]] = bubbles[chosen]["value"]
            continue
        if rng.random() < blank_share:
            truth.answers[row["item"]] = ""
            continue
        chosen = rng.randrange(len(bubbles))
        mark(bubbles[chosen])
        truth.answers[row["item"]] = bubbles[chosen]["value"]
        others = [b for i, b in enumerate(bubbles) if i != chosen]
        roll = rng.random()
        if roll < erased_share:
            erase(rng.choice(others))
            truth.erased.add(row["item"])
        elif roll < erased_share + crossed_share:
            crossed = rng.choice(others)
            mark(crossed, Fill(cover=rng.uniform(0.8, 1.0), graphite="dark"))
            _cross(page, crossed["x"] * s, crossed["y"] * s, r, s, rng.uniform(*DARK))
            truth.ambiguous.add(row["item"])
    return page, truth


def distort(page: np.ndarray, d: Distortion, rng: random.Random) -> bytes:
    """The filled page as a scanner or a phone would deliver it: encoded image bytes."""
    h, w = page.shape
    corners = np.array([[0, 0], [w, 0], [w, h], [0, h]], np.float32)
    a = math.radians(d.rotation)
    rot = np.array([[math.cos(a), -math.sin(a)], [math.sin(a), math.cos(a)]], np.float32)
    placed = corners - [w / 2, h / 2]
    if d.perspective:
        # one edge shrunk (a camera tilted towards it), the corners jittered a little
        edge = rng.randrange(4)
        shift = d.perspective * np.array([w, h], np.float32)
        for i in [(0, 1), (1, 2), (2, 3), (3, 0)][edge]:
            toward = -placed[i] / np.linalg.norm(placed[i])
            placed[i] = placed[i] + toward * float(np.linalg.norm(shift)) * 0.5
        placed += np.array([[rng.uniform(-1, 1), rng.uniform(-1, 1)] for _ in range(4)], np.float32) * shift * 0.1
    box = placed @ rot.T
    span = box.max(axis=0) - box.min(axis=0)
    if d.phone:
        frame_w, frame_h = (3000, 4000) if span[1] > span[0] else (4000, 3000)
        fit = 0.9 * min(frame_w / span[0], frame_h / span[1])
    else:
        margin = 1.1 if d.background is not None else 1.0
        fit = 1.0
        frame_w, frame_h = int(span[0] * margin) + 16, int(span[1] * margin) + 16
    centre = np.array([frame_w / 2, frame_h / 2], np.float32)
    dst = (box * fit - (box.min(axis=0) + box.max(axis=0)) / 2 * fit + centre).astype(np.float32)
    m = cv2.getPerspectiveTransform(corners, dst)
    back = 235.0 if d.background is None else float(d.background)
    out = cv2.warpPerspective(page, m, (frame_w, frame_h), flags=cv2.INTER_LINEAR,
                              borderMode=cv2.BORDER_CONSTANT, borderValue=back)
    if d.background is not None:
        texture = np.random.default_rng(rng.randrange(1 << 30)).normal(0, 6, (frame_h // 16 + 1, frame_w // 16 + 1))
        texture = cv2.resize(texture.astype(np.float32), (frame_w, frame_h))
        outside = np.ones((frame_h, frame_w), np.uint8)
        cv2.fillConvexPoly(outside, np.rint(dst).astype(np.int32), 0)
        out += texture * outside
    if d.gradient or d.shadow:
        # light is smooth: computed on a grid 8 times coarser, then enlarged
        step = 8
        yy, xx = np.mgrid[0:frame_h // step + 1, 0:frame_w // step + 1].astype(np.float32) * step
        light = np.ones(xx.shape, np.float32)
        if d.gradient:
            ga = rng.uniform(0, 2 * math.pi)
            t = (xx * math.cos(ga) + yy * math.sin(ga))
            t = (t - t.min()) / max(float(t.max() - t.min()), 1.0)
            light *= 1.0 - d.gradient * t
        if d.shadow:
            # a soft band across the page, like a phone's or a hand's shadow
            sa = rng.uniform(0, math.pi)
            pos = rng.uniform(0.3, 0.7) * (frame_w * abs(math.cos(sa)) + frame_h * abs(math.sin(sa)))
            t = xx * math.cos(sa) + yy * math.sin(sa) - pos + frame_w * min(0, math.cos(sa))
            softness = 0.02 * max(frame_w, frame_h)
            light *= 1.0 - d.shadow / (1.0 + np.exp(np.clip(-t / softness, -50, 50)))
        out *= cv2.resize(light, (frame_w, frame_h), interpolation=cv2.INTER_LINEAR)
    if d.blur:
        out = cv2.GaussianBlur(out, (0, 0), d.blur)
    if d.noise:
        cv2.setRNGSeed(rng.randrange(1 << 30))
        noise = np.empty(out.shape, np.float32)
        cv2.randn(noise, 0.0, d.noise)
        out += noise
    image = np.clip(out, 0, 255).astype(np.uint8)
    if d.jpeg:
        ok, data = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, d.jpeg])
    else:
        ok, data = cv2.imencode(".png", image, [cv2.IMWRITE_PNG_COMPRESSION, 1])
    assert ok
    return data.tobytes()


#: Named distortions that together cover every range of the brief; `profile(name, rng)` draws one.
PROFILES = ("clean", "rotated", "perspective", "blurred", "jpeg40", "lighting", "shadow", "background",
            "dpi300", "dpi200", "phone", "everything")


def profile(name: str, rng: random.Random) -> Distortion:
    pick = rng.uniform
    base = Distortion(dpi=150)
    if name == "clean":
        return replace(base, noise=0.0)
    if name == "rotated":
        return replace(base, rotation=rng.choice([-1, 1]) * pick(5, 20))
    if name == "perspective":
        return replace(base, perspective=pick(0.05, 0.15), background=120)
    if name == "blurred":
        return replace(base, blur=pick(0.8, 1.5))
    if name == "jpeg40":
        return replace(base, jpeg=40)
    if name == "lighting":
        return replace(base, gradient=pick(0.2, 0.45))
    if name == "shadow":
        return replace(base, shadow=pick(0.25, 0.5), gradient=pick(0, 0.2))
    if name == "background":
        return replace(base, background=int(pick(40, 120)), rotation=pick(-8, 8))
    if name == "dpi300":
        return replace(base, dpi=300, rotation=pick(-3, 3), jpeg=75)
    if name == "dpi200":
        return replace(base, dpi=200, rotation=pick(-3, 3), jpeg=85)
    if name == "phone":
        return Distortion(dpi=200, phone=True, rotation=pick(-20, 20), perspective=pick(0.03, 0.12),
                          blur=pick(0.5, 1.5), jpeg=int(pick(40, 85)), gradient=pick(0.1, 0.35),
                          shadow=pick(0, 0.35), background=int(pick(40, 110)))
    if name == "everything":
        return Distortion(dpi=rng.choice([150, 200, 300]), rotation=pick(-20, 20), perspective=pick(0, 0.15),
                          blur=pick(0, 1.5), jpeg=40, gradient=pick(0, 0.4), shadow=pick(0, 0.45),
                          background=int(pick(40, 120)))
    raise ValueError(name)


@dataclass
class Tally:
    """What a run of synthetic scans came to, bubble by bubble and row by row."""

    sheets: int = 0
    bubbles: int = 0
    uncertain: int = 0  # bubbles neither clearly filled nor clearly empty
    uncertain_plain: int = 0  # ... in rows the student did not make ambiguous (no erasure, no cross)
    plain_bubbles: int = 0
    details: list[str] = field(default_factory=list)
    wrong_bubbles: int = 0  # bubbles decided against the truth (filled vs empty)
    rows: int = 0
    flagged_rows: int = 0
    expected_flags: int = 0  # flagged rows the student made ambiguous (crossed-out, erased)
    silent_errors: list[str] = field(default_factory=list)  # unflagged rows read wrong: must stay empty
    unreadable: list[str] = field(default_factory=list)
    versions_wrong: int = 0
    student_read: int = 0
    student_flagged: int = 0
    seconds: float = 0.0

    def add(self, read, truth: Truth, label: str) -> None:
        self.sheets += 1
        if read.problem:
            self.unreadable.append(f"{label}: {read.problem}")
            return
        if read.version != truth.version:
            self.versions_wrong += 1
        for digit, row in zip(truth.student, read.student_rows, strict=True):
            for value, st in zip(row.values, row.states, strict=True):
                self.bubbles += 1
                self.plain_bubbles += 1
                if st == "uncertain":
                    self.uncertain += 1
                    self.uncertain_plain += 1
                elif (st == "filled") != (value == digit):
                    self.wrong_bubbles += 1
        if read.student_flag:
            self.student_flagged += 1
        elif read.student != truth.student:
            self.silent_errors.append(f"{label}: student {read.student} != {truth.student}")
        else:
            self.student_read += 1
        for row in read.rows:
            meant = truth.answers[row.item]
            self.rows += 1
            intended = set(meant) if row.kind == "choice" else {meant}
            plain = row.item not in truth.ambiguous and row.item not in truth.erased
            for value, st, f in zip(row.values, row.states, row.fills, strict=True):
                self.bubbles += 1
                self.plain_bubbles += plain
                if st == "uncertain":
                    self.uncertain += 1
                    self.uncertain_plain += plain
                    self.details.append(f"{label}: item {row.number} {value}={f.mean:.3f}/{f.cover:.3f} "
                                        f"{'meant' if value in intended else 'not meant'}"
                                        f"{'' if plain else ' (erased/crossed row)'}")
                elif row.item not in truth.ambiguous and (st == "filled") != (value in intended):
                    self.wrong_bubbles += 1
            if row.flag:
                self.flagged_rows += 1
                self.expected_flags += not plain
                if plain:
                    self.details.append(f"{label}: item {row.number} flagged: {row.flag}")
            elif row.answer != meant:
                fills = ", ".join(f"{v}={f.mean:.2f}/{f.cover:.2f}" for v, f in zip(row.values, row.fills, strict=True))
                self.silent_errors.append(f"{label}: item {row.number} read {row.answer!r}, meant {meant!r} ({fills})")

    @property
    def decided_share(self) -> float:
        return 1 - self.uncertain / max(self.bubbles, 1)

    @property
    def decided_plain_share(self) -> float:
        return 1 - self.uncertain_plain / max(self.plain_bubbles, 1)

    def report(self) -> str:
        decided = self.bubbles - self.uncertain
        return (f"{self.sheets} sheets, {self.bubbles} bubbles: {100 * self.decided_share:.2f}% decided "
                f"without a flag ({100 * self.decided_plain_share:.2f}% outside rows with an erased or "
                f"crossed-out mark), {self.wrong_bubbles} of {decided} decided bubbles wrong "
                f"({100 * (1 - self.wrong_bubbles / max(decided, 1)):.3f}% accurate); rows: "
                f"{self.flagged_rows} of {self.rows} flagged ({self.expected_flags} of them made "
                f"ambiguous by the student), {len(self.silent_errors)} unflagged errors; "
                f"students read {self.student_read}, flagged {self.student_flagged}; unreadable pages "
                f"{len(self.unreadable)}; {self.sheets / max(self.seconds, 1e-9):.1f} sheets/s read")
