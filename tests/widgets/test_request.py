"""A pre-heated kernel waits for its visitor with wagekit's own client of Voila's query socket."""

from __future__ import annotations

import asyncio
import json
import os
import socket
import threading
import time
import uuid

import pytest
import tornado.httpserver
import tornado.netutil
import tornado.web
from voila.request_info_handler import RequestInfoSocketHandler
from wagekit.widgets.runtime import request

KERNEL_ID = str(uuid.uuid4())


@pytest.fixture
def voila_query_socket():
    """Voila's own query handler on a free port, in a thread: (port, send(payload))."""
    ready = threading.Event()
    state: dict = {}

    def serve() -> None:
        async def main() -> None:
            app = tornado.web.Application(
                [(r"/voila/query/(?P<kernel_id>[\w-]+)", RequestInfoSocketHandler)]
            )
            sockets = tornado.netutil.bind_sockets(0, address="127.0.0.1")
            server = tornado.httpserver.HTTPServer(app)
            server.add_sockets(sockets)
            state["port"] = sockets[0].getsockname()[1]
            state["loop"] = asyncio.get_running_loop()
            state["stop"] = asyncio.Event()
            ready.set()
            await state["stop"].wait()
            server.stop()

        asyncio.run(main())

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    assert ready.wait(10)

    def send(payload: dict) -> None:
        message = {"kernel_id": KERNEL_ID, "payload": json.dumps(payload)}
        state["loop"].call_soon_threadsafe(RequestInfoSocketHandler.send_updates, message)

    yield state["port"], send
    state["loop"].call_soon_threadsafe(state["stop"].set)
    thread.join(10)
    RequestInfoSocketHandler._cache.pop(KERNEL_ID, None)


def _preheated(monkeypatch, port: int) -> None:
    # Offices often set a proxy for the internet; the kernel's own server is never behind it.
    for proxy in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "ALL_PROXY"):
        monkeypatch.setenv(proxy, "http://127.0.0.1:9")
    for bypass in ("NO_PROXY", "no_proxy"):
        monkeypatch.delenv(bypass, raising=False)
    monkeypatch.setenv("VOILA_PREHEAT", "True")
    monkeypatch.setenv("VOILA_KERNEL_ID", KERNEL_ID)
    monkeypatch.setenv("VOILA_APP_IP", "127.0.0.1")
    monkeypatch.setenv("VOILA_APP_PORT", str(port))
    monkeypatch.setenv("VOILA_SERVER_URL", "/")


def _request_details_restored(monkeypatch, *names: str) -> None:
    """Remove the variables a visit sets, and have monkeypatch remove them again afterwards.

    ``delenv`` of an absent variable records nothing to undo: set it first, so the undo knows
    it was absent.
    """
    for name in names:
        monkeypatch.setenv(name, "")
        monkeypatch.delenv(name)


def test_waits_until_the_visit_and_takes_its_details(monkeypatch, voila_query_socket):
    """The kernel blocks until Voila sends the request, then has its details in os.environ."""
    port, send = voila_query_socket
    _preheated(monkeypatch, port)
    _request_details_restored(monkeypatch, "QUERY_STRING", "PATH_INFO")
    waiter = threading.Thread(target=request.wait_for_request)
    waiter.start()
    time.sleep(0.5)
    assert waiter.is_alive(), "returned before anyone opened the app"
    send({"QUERY_STRING": "township=城关镇", "PATH_INFO": "/voila/render/04_summary.ipynb"})
    waiter.join(10)
    assert not waiter.is_alive()
    assert os.environ["QUERY_STRING"] == "township=城关镇"
    assert os.environ["PATH_INFO"] == "/voila/render/04_summary.ipynb"


def test_request_sent_before_the_kernel_asks_is_not_lost(monkeypatch, voila_query_socket):
    """A visit that comes before the kernel reached the call is handed over when it asks."""
    port, send = voila_query_socket
    _preheated(monkeypatch, port)
    _request_details_restored(monkeypatch, "SCRIPT_NAME")
    send({"SCRIPT_NAME": "/voila/render/01_publicity.ipynb"})
    time.sleep(0.2)
    request.wait_for_request()
    assert os.environ["SCRIPT_NAME"] == "/voila/render/01_publicity.ipynb"


def test_outside_a_preheated_kernel_returns_at_once(monkeypatch):
    """Under jupyter, nbval or a kernel Voila started for a visitor there is nothing to wait for."""
    monkeypatch.delenv("VOILA_PREHEAT", raising=False)
    monkeypatch.setenv("VOILA_KERNEL_ID", KERNEL_ID)
    monkeypatch.setenv("VOILA_APP_PORT", "9")  # nothing to connect to: any attempt would wait
    began = time.monotonic()
    request.wait_for_request()
    monkeypatch.setenv("VOILA_PREHEAT", "False")
    request.wait_for_request()
    assert time.monotonic() - began < 0.5


def test_unreachable_server_returns_without_writing_stderr(monkeypatch, capfd):
    """No query socket: the app goes on (as without pre-heating) and no red box appears."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    _preheated(monkeypatch, port)
    before = dict(os.environ)
    request.wait_for_request()
    assert dict(os.environ) == before
    assert capfd.readouterr().err == ""


@pytest.mark.parametrize(
    "env",
    [
        {},
        {"VOILA_SERVER_URL": "/workbook/"},
        {"VOILA_SERVER_URL": "/a/", "VOILA_WS_BASE_URL": "/b/", "VOILA_WS_PROTOCOL": "wss"},
    ],
)
def test_connects_where_voila_itself_would(monkeypatch, env):
    """The socket address is the one voila.utils.wait_for_request builds from the same variables."""
    import voila.utils

    _preheated(monkeypatch, 8866)
    for key in ("VOILA_SERVER_URL", "VOILA_WS_BASE_URL", "VOILA_WS_PROTOCOL"):
        monkeypatch.delenv(key, raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    asked: list[str] = []

    async def fake_get_request_info(ws_url: str) -> None:
        asked.append(ws_url)

    monkeypatch.setattr(voila.utils, "_get_request_info", fake_get_request_info)
    voila.utils.wait_for_request()
    assert asked == [request.query_url()]
