"""Bubble answer sheets: one page per student for a quiz version, read back by `quizgen grade`.

`layout` places every mark on the page in millimetres (pure geometry, the same numbers the HTML
uses and the reader reads), `marks` draws the corner markers and the QR code as SVG, `render` fills
the `sheet.html` template. Nothing here needs OpenCV: sheets print without the `grade` extra.
"""

from .layout import SheetLayout, sheet_layout
from .render import render_sheet_files

__all__ = ["SheetLayout", "render_sheet_files", "sheet_layout"]
