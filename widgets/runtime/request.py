"""Waiting for a visitor 等待访问: a pre-heated kernel pauses until Voila hands it a request.

Voila pre-heats a kernel per notebook: it runs the notebook up to the call of
``wait_for_request()``, which blocks until someone opens the app, and then runs the rest with
the request's details in the environment. Each notebook builds its app before that call and
brings it up to date after it (:mod:`wagekit.widgets.runtime.ahead`), so that what an app
shows is never older than its visit.

``voila.utils.wait_for_request`` does this, but importing ``voila.utils`` imports the whole
Jupyter server with it (``jupyter_server``, ``jupyterlab_server``, and jsonschema's format
checkers, which compile an RFC 3987 grammar on import): about 3 s of CPU in every kernel, four
fifths of a pre-heated kernel's start-up, spent again each time Voila refills its pool while
someone is waiting for another app. :func:`wait_for_request` speaks the same protocol with the
standard library and ``websockets`` (a dependency of Voila): it connects to Voila's query socket
``voila/query/<kernel id>`` and puts the one JSON message it receives into ``os.environ``.
``tests/widgets/test_request.py`` holds it to Voila's own function.
"""

from __future__ import annotations

import asyncio
import json
import os
import threading

__all__ = ["query_url", "wait_for_request"]

# The environment Voila gives a pre-heated kernel (voila.utils.ENV_VARIABLE).
PREHEAT_ENV = "VOILA_PREHEAT"
KERNEL_ID_ENV = "VOILA_KERNEL_ID"
# Seconds to wait for Voila's query socket to accept the connection (Voila waits 5).
OPEN_TIMEOUT = 5


def query_url() -> str:
    """The address of Voila's query socket for this kernel, built from Voila's variables."""
    env = os.environ
    protocol = env.get("VOILA_WS_PROTOCOL", "ws")
    server_ip = env.get("VOILA_APP_IP", "127.0.0.1")
    server_port = env.get("VOILA_APP_PORT", "8866")
    ws_base_url = env.get("VOILA_WS_BASE_URL", env.get("VOILA_SERVER_URL", "/"))
    kernel_id = env.get(KERNEL_ID_ENV)
    return f"{protocol}://{server_ip}:{server_port}{ws_base_url}voila/query/{kernel_id}"


async def _receive(url: str) -> str | None:
    from websockets.asyncio.client import connect
    from websockets.exceptions import WebSocketException

    try:
        # proxy=None: the socket is this machine's own Voila server, never behind the office's
        # internet proxy (websockets would otherwise take one from $HTTP_PROXY / $HTTPS_PROXY).
        async with connect(url, open_timeout=OPEN_TIMEOUT, proxy=None) as websocket:
            message = await websocket.recv()
    except (OSError, TimeoutError, WebSocketException):
        return None
    return message if isinstance(message, str) else message.decode("utf-8")


def wait_for_request() -> None:
    """Block until Voila hands this pre-heated kernel a request, and take its details.

    The details (``QUERY_STRING``, ``PATH_INFO``…) go into ``os.environ``. It returns None, as
    Voila's function does, so that the notebook cell calling it shows nothing.

    Outside a pre-heated kernel (``jupyter``, nbval, a kernel Voila started for a visitor) it
    returns at once. When Voila's query socket cannot be reached it returns too, silently: the
    app then reads the store now, which is what a kernel without pre-heating does, and a
    warning would show as a red box in the app.
    """
    if os.environ.get(PREHEAT_ENV, "False") == "False":
        return
    received: list[str | None] = [None]

    def receive() -> None:
        # The kernel's own event loop runs in this thread's caller: wait in a loop of our own.
        received[0] = asyncio.run(_receive(query_url()))

    thread = threading.Thread(target=receive, name="wagekit-wait-for-request", daemon=True)
    thread.start()
    thread.join()
    if received[0] is None:
        return
    for key, value in json.loads(received[0]).items():
        os.environ[key] = value
