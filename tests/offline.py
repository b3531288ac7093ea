"""A machine without internet, for the tests of what Kaleido's Chromium draws.

:class:`RefusingProxy` is an HTTP proxy on 127.0.0.1 that answers every request with 403 and
writes down what was asked for. Kaleido's Chromium (choreographer) takes its proxy from
``CHOREO_PROXY_SERVER``; Chromium then sends every http(s) request through it, resolving no
name itself, and reaches only loopback addresses and local files directly. So a chart that
needs anything from the internet (a CDN's base map, a script) fails to draw, as on a server
without internet access, and :attr:`RefusingProxy.asked` says what it wanted.
"""

from __future__ import annotations

import contextlib
import socketserver
import threading


class _Refuse(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        self.request.settimeout(5)
        try:
            head = self.request.recv(8192).decode("latin-1")
        except (OSError, UnicodeError):
            return
        line = head.split("\r\n", 1)[0].strip()
        if line:
            self.server.asked.append(line)  # type: ignore[attr-defined]
        with contextlib.suppress(OSError):  # the browser may have given up already
            self.request.sendall(
                b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            )


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


class RefusingProxy:
    """``with RefusingProxy() as proxy:`` a proxy on ``proxy.address`` (``127.0.0.1:port``);
    ``proxy.asked`` holds the request lines it refused (``CONNECT cdn.plot.ly:443 HTTP/1.1``)."""

    def __init__(self) -> None:
        self._server = _Server(("127.0.0.1", 0), _Refuse)
        self._server.asked = []  # type: ignore[attr-defined]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def address(self) -> str:
        host, port = self._server.server_address[:2]
        return f"{host}:{port}"

    @property
    def asked(self) -> list[str]:
        return list(self._server.asked)  # type: ignore[attr-defined]

    def __enter__(self) -> RefusingProxy:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
