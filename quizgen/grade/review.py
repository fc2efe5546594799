"""The review page: every flagged bubble row and unreadable page with its picture, and the line to
put in the overrides file to decide it (rendered by the `review.html` template, sandboxed like
every template; the pictures are inline PNGs, so the page is one file)."""

from __future__ import annotations

import base64

from markupsafe import Markup

from .read import PageRead


def _img(png: bytes | None) -> Markup | None:
    if not png:
        return None
    return Markup(f'<img alt="" src="data:image/png;base64,{base64.b64encode(png).decode("ascii")}">')


def render_review(pages: list[PageRead], duplicates: list[str], overrides: str | None, *, pages_read: int) -> str:
    """The review of `pages` (those counted: a sheet scanned twice appears once)."""
    from ..render.templates import make_environment, render

    unreadable = [{"file": p.file, "page": p.page, "problem": p.problem, "image": _img(p.thumbnail)}
                  for p in pages if p.problem]
    flagged = []
    for p in pages:
        if p.problem or not p.flags:
            continue
        entries = []
        if p.student_flag:
            entries.append({"what": "student number", "reason": p.student_flag, "image": _img(p.student_crop),
                            "line": f"{p.file},{p.page},student,", "fills": ""})
        for r in p.rows:
            if r.flag:
                fills = "  ".join(f"{v}: {f.cover:.0%} pencil" for v, f in zip(r.values, r.fills, strict=True))
                entries.append({"what": f"question {r.number} ({r.item})", "reason": r.flag,
                                "image": _img(r.crop), "line": f"{p.file},{p.page},{r.item},", "fills": fills})
        flagged.append({"file": p.file, "page": p.page, "student": p.student, "version": p.version,
                        "entries": entries})
    return render(make_environment(), "review.html", unreadable=unreadable, flagged=flagged,
                  duplicates=duplicates, pages=pages_read, overrides=overrides)
