"""The loopback HTTP server that hands the tfkg guide and stylesheet to Neo4j Browser.

``python -m tfkg.browser.serve --port P --browser-port H`` serves ``/tfkg.html`` and ``/tfkg.grass`` on
127.0.0.1 only, with CORS headers for Browser's own origins (``http://localhost:H`` and ``http://127.0.0.1:H``);
nothing else. :func:`spawn` and :func:`stop` run it beside the managed Neo4j (a pid file in the server home).
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from tfkg.browser import guide
from tfkg.net import port_open


def _content() -> dict[str, tuple[str, bytes]]:
    return {
        "/tfkg.html": ("text/html; charset=utf-8", guide.render().encode()),
        "/tfkg.grass": ("text/plain; charset=utf-8", guide.stylesheet().encode()),
    }


def make_handler(browser_port: int):
    content = _content()
    origins = {f"http://localhost:{browser_port}", f"http://127.0.0.1:{browser_port}"}

    class Handler(BaseHTTPRequestHandler):
        def _cors(self) -> None:
            origin = self.headers.get("Origin")
            if origin in origins:
                self.send_header("Access-Control-Allow-Origin", origin)
                self.send_header("Access-Control-Allow-Methods", "GET, OPTIONS")
                self.send_header("Access-Control-Allow-Headers", "pragma, cache-control, content-type")
                self.send_header("Vary", "Origin")

        def do_OPTIONS(self) -> None:  # noqa: N802 - the CORS preflight of Browser's fetch
            self.send_response(204)
            self._cors()
            self.end_headers()

        def do_GET(self) -> None:  # noqa: N802
            path = self.path.split("?", 1)[0]
            if path not in content:
                self.send_error(404, "tfkg serves only /tfkg.html and /tfkg.grass")
                return
            kind, body = content[path]
            self.send_response(200)
            self._cors()
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-cache")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, fmt: str, *args) -> None:
            sys.stderr.write(f"{self.address_string()} {fmt % args}\n")

    return Handler


def urls(port: int) -> tuple[str, str]:
    """(guide, stylesheet) as Browser must ask for them: ``localhost`` is on its default allowlist."""
    return f"http://localhost:{port}/tfkg.html", f"http://localhost:{port}/tfkg.grass"


def _alive(pid_file: Path) -> int | None:
    try:
        pid = int(pid_file.read_text())
        os.kill(pid, 0)
        return pid
    except (OSError, ValueError):
        return None


def spawn(port: int, browser_port: int, pid_file: Path, log_file: Path, timeout: float = 10.0) -> None:
    """Start the guide server in the background unless it already runs; wait until it answers."""
    if _alive(pid_file):
        return
    if port_open(port, 0.3):
        raise OSError(f"port {port} on 127.0.0.1 (the Browser guide) is already in use; set TFKG_GUIDE_PORT to another port")
    with open(log_file, "ab") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "tfkg.browser.serve", "--port", str(port), "--browser-port", str(browser_port)],
            stdout=log,
            stderr=log,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    pid_file.write_text(str(proc.pid))
    deadline = time.monotonic() + timeout
    while not port_open(port, 0.3):
        if proc.poll() is not None or time.monotonic() > deadline:
            raise OSError(f"the Browser guide server did not start; see {log_file}")
        time.sleep(0.1)


def _exited(pid: int) -> bool:
    """Whether ``pid`` has ended: a zombie counts (its parent, or init, may take seconds to reap it)."""
    try:
        os.waitpid(pid, os.WNOHANG)  # reaps it when this process started it
    except ChildProcessError:
        pass
    try:
        os.kill(pid, 0)
    except OSError:
        return True
    return proc_state(pid) == "Z"


def proc_state(pid: int) -> str | None:
    """The process state letter in ``/proc/<pid>/stat`` (``Z``: ended, not yet reaped), None where unreadable."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return None


def stop(pid_file: Path) -> None:
    pid = _alive(pid_file)
    if pid:
        os.kill(pid, signal.SIGTERM)
        for _ in range(50):  # its port is free once it has gone
            if _exited(pid):
                break
            time.sleep(0.05)
    pid_file.unlink(missing_ok=True)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--browser-port", type=int, required=True, help="the Neo4j HTTP port Browser is served from")
    a = ap.parse_args(argv)
    server = ThreadingHTTPServer(("127.0.0.1", a.port), make_handler(a.browser_port))
    signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=server.shutdown).start())
    try:
        server.serve_forever()
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
