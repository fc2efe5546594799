"""Rendering: quiz models to HTML through Jinja templates (`templates`, `html`), and HTML to PDF
through headless Chromium (`pdf`). Renderers return text or bytes; only the writer touches disk."""
