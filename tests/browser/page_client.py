"""An app page without a browser 无界面客户端: the server's side of opening an app, nothing drawn.

A page of a Voila app does three things with the server: it loads the page, which the server
streams while the page's kernel builds the app; it opens the kernel's socket and asks, through
ipywidgets' control channel, for the state of every widget; it asks the server to shut the
kernel down when it closes. :class:`PageClient` does the same over HTTP and a websocket, so that
the server's own work can be measured apart from a browser's drawing (``bench_meeting.py
--no-browser``) and a client framing messages another way than Chromium can be tested.

The kernel socket's framing is ``protocol``: Chromium asks for ``v1.kernel.websocket.jupyter.org``;
``None`` asks for none and gets the older JSON framing.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

from harness import Workbook
from jupyter_server.services.kernels.connection.base import (
    deserialize_binary_message,
    deserialize_msg_from_ws_v1,
    serialize_msg_to_ws_v1,
)

__all__ = ["V1_PROTOCOL", "PageClient", "Visit"]

V1_PROTOCOL = "v1.kernel.websocket.jupyter.org"
# ipywidgets' control channel: one request, the states of every widget of the kernel in reply.
CONTROL_TARGET, CONTROL_VERSION = "jupyter.widget.control", "1.0.0"


@dataclass
class Visit:
    """One app opened: its kernel, the seconds until the page and the widget states arrived."""

    notebook: str
    kernel_id: str
    page_s: float
    states_s: float
    states: dict[str, Any] = field(repr=False)
    html: str = field(repr=False, default="")


def _message(msg_type: str, content: dict, session: str, **metadata: str) -> dict:
    header = {
        "msg_id": uuid.uuid4().hex,
        "msg_type": msg_type,
        "session": session,
        "username": "",
        "date": dt.datetime.now(dt.UTC).isoformat(),
        "version": "5.3",
    }
    return {
        "header": header,
        "parent_header": {},
        "metadata": metadata,
        "content": content,
        "channel": "shell",
        "buffers": [],
    }


def _pack(part: dict) -> bytes:
    return json.dumps(part).encode()


def _read(frame: bytes | str, protocol: str | None) -> dict:
    """A message from the kernel socket, in either framing (jupyter_server's own readers)."""
    if isinstance(frame, str):
        return json.loads(frame)
    if protocol != V1_PROTOCOL:
        return deserialize_binary_message(frame)
    _channel, parts = deserialize_msg_from_ws_v1(frame)
    header, parent, metadata, content = (json.loads(part) for part in parts[:4])
    return {
        "header": header,
        "parent_header": parent,
        "metadata": metadata,
        "content": content,
        "msg_type": header["msg_type"],
    }


class PageClient:
    """Opens apps of one workbook as one visitor (its own cookies), without drawing them."""

    def __init__(self, workbook: Workbook, *, protocol: str | None = V1_PROTOCOL) -> None:
        from tornado.httpclient import AsyncHTTPClient

        self.workbook = workbook
        self.protocol = protocol
        self.cookies: dict[str, str] = {}
        self.http = AsyncHTTPClient(force_instance=True)

    def _headers(self) -> dict[str, str]:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if self.workbook.token:
            headers["Authorization"] = f"token {self.workbook.token}"
        return headers

    def _root(self) -> str:
        return f"localhost:{self.workbook.port}{self.workbook.base_url}"

    async def open(self, notebook: str, *, timeout: float = 300.0) -> Visit:
        """Load the app page, then ask its kernel for every widget's state."""
        from tornado.httpclient import HTTPRequest
        from tornado.websocket import websocket_connect

        began = time.monotonic()
        page = await self.http.fetch(
            self.workbook.url(f"{notebook}.ipynb"), headers=self._headers(), request_timeout=timeout
        )
        for cookie in page.headers.get_list("Set-Cookie"):
            name, _, value = cookie.split(";")[0].partition("=")
            self.cookies[name] = value
        page_s = time.monotonic() - began
        html = page.body.decode()
        kernel_id = re.search(r'"kernelId": "([0-9a-f-]+)"', html)[1]
        session = uuid.uuid4().hex
        request = HTTPRequest(
            f"ws://{self._root()}api/kernels/{kernel_id}/channels?session_id={session}",
            headers=self._headers(),
            request_timeout=timeout,
        )
        subprotocols = [self.protocol] if self.protocol else None
        socket = await websocket_connect(request, subprotocols=subprotocols)
        try:
            comm_id = uuid.uuid4().hex
            opening = _message(
                "comm_open",
                {"comm_id": comm_id, "target_name": CONTROL_TARGET, "data": {}},
                session,
                version=CONTROL_VERSION,
            )
            asking = _message(
                "comm_msg",
                {"comm_id": comm_id, "data": {"method": "request_states"}},
                session,
                version=CONTROL_VERSION,
            )
            await self._send(socket, opening)
            # The kernel handles a message once the previous one is done: wait for the opened
            # channel before asking on it, as the page's widget manager does.
            await self._until(
                socket,
                opening,
                lambda m: m["msg_type"] == "status" and m["content"]["execution_state"] == "idle",
                began,
                timeout,
            )
            await self._send(socket, asking)
            reply = await self._until(
                socket, asking, lambda m: m["msg_type"] == "comm_msg", began, timeout
            )
        finally:
            socket.close()
        data = reply["content"]["data"]
        return Visit(notebook, kernel_id, page_s, time.monotonic() - began, data["states"], html)

    async def _send(self, socket, message: dict) -> None:
        if self.protocol == V1_PROTOCOL:
            frame = serialize_msg_to_ws_v1(message, message["channel"], _pack)
            await socket.write_message(frame, binary=True)
        else:
            await socket.write_message(json.dumps(message))

    async def _until(self, socket, sent: dict, wanted, began: float, timeout: float) -> dict:
        """The first message answering ``sent`` for which ``wanted(message)`` holds."""
        import asyncio

        while True:
            left = timeout - (time.monotonic() - began)
            frame = await asyncio.wait_for(socket.read_message(), max(left, 0.1))
            if frame is None:
                raise ConnectionError(
                    f"the kernel socket closed before answering {sent['header']['msg_type']}"
                )
            message = _read(frame, self.protocol)
            if message["parent_header"].get("msg_id") == sent["header"]["msg_id"] and wanted(
                message
            ):
                return message

    async def close(self, visit: Visit) -> None:
        """Close the page: ask the server to shut its kernel down, as the page's script does."""
        headers = {**self._headers(), "X-XSRFToken": self.cookies.get("_xsrf", "")}
        await self.http.fetch(
            f"http://{self._root()}api/kernels/{visit.kernel_id}",
            method="DELETE",
            headers=headers,
        )
