"""The preview server: the standard library's threading HTTP server on 127.0.0.1, a watcher thread,
and server-sent events that tell each open page to reload.

The watcher looks at the watched files' modification times and sizes a few times a second (a pack
of 10,000 facts is a few dozen files: one look costs well under a millisecond), which keeps the
edit-to-page time within a second with no dependency; an operating-system watcher such as
`watchfiles` would answer sooner but waits for its own debounce, and adds a compiled package.
"""

from __future__ import annotations

import threading
import time
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

from ..problems import Problem
from .pages import cards_page, quiz_page
from .preview import Preview

#: How often the watcher looks at the files (seconds).
POLL_SECONDS = 0.2
#: A comment line on the event stream this often, so a closed page is noticed and let go.
KEEPALIVE_SECONDS = 10


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = True  # open event streams never hold up Ctrl-C

    def __init__(self, preview: Preview, port: int) -> None:
        super().__init__(("127.0.0.1", port), Handler)
        self.preview = preview
        self.stopping = threading.Event()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/"


class Handler(BaseHTTPRequestHandler):
    server: PreviewServer

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the standard signature
        pass  # the terminal shows what changed, not every request

    def do_GET(self) -> None:  # noqa: N802 - the standard name
        url = urlparse(self.path)
        query = parse_qs(url.query)
        preview = self.server.preview
        try:
            if url.path == "/":
                raw = query.get("from", [""])[0]
                self._send(cards_page(preview, query.get("file", [None])[0],
                                      int(raw) - 1 if raw.isdigit() and int(raw) > 0 else None))
            elif url.path == "/quiz":
                raw = query.get("seed", [""])[0]
                self._send(quiz_page(preview, int(raw) if raw.lstrip("-").isdigit() else None))
            elif url.path == "/events":
                self._events()
            else:
                self.send_error(HTTPStatus.NOT_FOUND)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _send(self, page: str) -> None:
        body = page.encode("utf-8")
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _events(self) -> None:
        """Send the load's generation now and after every change, until the page goes away."""
        preview = self.server.preview
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        sent = None
        while not self.server.stopping.is_set():
            with preview.changed:
                if preview.generation == sent:
                    preview.changed.wait(KEEPALIVE_SECONDS)
                generation = preview.generation
            if generation != sent:
                self.wfile.write(f"data: {generation}\n\n".encode())
                sent = generation
            else:
                self.wfile.write(b": still here\n\n")
            self.wfile.flush()


def watch(server: PreviewServer, report=print) -> None:
    """Reload the preview whenever a watched file changes, until the server stops."""
    preview = server.preview
    while not server.stopping.wait(POLL_SECONDS):
        try:
            started = time.perf_counter()
            if preview.refresh():
                took = time.perf_counter() - started
                state = (f"{len(preview.problems)} problem{'s' * (len(preview.problems) != 1)}"
                         if preview.problems else "ok")
                report(f"reloaded in {took:.2f} s: {state}")
        except Exception as err:  # noqa: BLE001 - the preview outlives a bug: say it, keep going
            with preview.lock:
                preview.problems = [Problem("quizgen", 1, 1, f"internal error: {type(err).__name__}: {err}")]
                preview.generation += 1
                preview.changed.notify_all()
            report(f"internal error while reloading: {type(err).__name__}: {err}")


def start(preview: Preview, port: int = 8000, report=print) -> tuple[PreviewServer, list[threading.Thread]]:
    """Load the preview, bind the server and start its threads (serving and watching)."""
    preview.refresh()
    server = PreviewServer(preview, port)
    threads = [threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True),
               threading.Thread(target=watch, args=(server, report), daemon=True)]
    for t in threads:
        t.start()
    return server, threads


def stop(server: PreviewServer, threads: list[threading.Thread]) -> None:
    """Stop watching and serving; wake the event streams so they end."""
    server.stopping.set()
    with server.preview.changed:
        server.preview.changed.notify_all()
    server.shutdown()
    server.server_close()
    for t in threads:
        t.join(timeout=2)
