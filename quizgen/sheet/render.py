"""Answer sheets as files: per version V, `<recipe>-sheet-V.html` (the page, through the
`sheet.html` template), `<recipe>-sheet-V.json` (its layout, what `quizgen grade` reads) and, when
asked, `<recipe>-sheet-V.pdf` printed by Chromium like the quiz."""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup

from ..quiz.items import Quiz
from .layout import MARKER_SIZE, SheetLayout, sheet_layout
from .marks import marker_svg, qr_svg


def sheet_files(quiz: Quiz, env, *, digits: int = 6, pdf: bool = False) -> dict[str, bytes]:
    """File name -> bytes of every version's answer sheet and layout (and PDF with `pdf`)."""
    from ..render.templates import render

    files: dict[str, bytes] = {}
    pages: dict[str, str] = {}
    for version in quiz.versions:
        layout = sheet_layout(quiz, version, digits=digits)
        stem = f"{quiz.name}-sheet-{version.letter}"
        # The SVGs are ours (marker bits and a QR of hex ids and a letter), never fact text.
        pages[stem] = render(env, "sheet.html", sheet=layout, qr_svg=Markup(qr_svg(layout.qr_text, layout.qr[2])),
                             marker_svgs=[Markup(marker_svg(m.id, MARKER_SIZE)) for m in layout.markers])
        files[f"{stem}.html"] = pages[stem].encode("utf-8")
        files[f"{stem}.json"] = layout.json_bytes()
    if pdf:
        from ..render.pdf import html_to_pdf

        for stem, data in zip(pages, html_to_pdf(list(pages.values())), strict=True):
            files[f"{stem}.pdf"] = data
    return files


def render_sheet_files(quiz: Quiz, template_folders: list[Path], *, digits: int = 6,
                       pdf: bool = False) -> dict[str, bytes]:
    from ..render.templates import make_environment

    return sheet_files(quiz, make_environment(template_folders), digits=digits, pdf=pdf)
