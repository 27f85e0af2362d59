"""Loopback sockets shared by the managed server and the Browser guide server."""

from __future__ import annotations

import socket


def port_open(port: int, timeout: float = 0.5) -> bool:
    """Whether something listens on 127.0.0.1:``port``."""
    with socket.socket() as s:
        s.settimeout(timeout)
        return s.connect_ex(("127.0.0.1", port)) == 0
