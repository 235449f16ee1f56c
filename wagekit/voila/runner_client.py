"""The notebook runner's kernel client 运行客户端: cells' outputs, without the widgets' traffic.

Voila runs an app's notebook through nbclient, in the server's one thread, with a kernel client
of its own. That client subscribes to all of the kernel's IOPub messages and nbclient decodes
each of them (signature, JSON, dates) to see whether it belongs to the running cell. Building
an app sends several hundred widget messages (``comm_open`` with each widget's state, then
``comm_msg`` updates) that no page is connected to hear yet: the page asks the kernel for every
widget's state once it has loaded. Decoding them was a third of the server's thread in a
meeting, paid again for every page.

ipykernel publishes each IOPub message under a *topic*, its first frame, and ZeroMQ delivers
to a subscriber only the topics it subscribed to, dropping the rest on the kernel's side.
Widget messages go out under ``comm-<id>``; a cell's outputs under the topics below. The
runner's client subscribes to those alone, so the server never receives a widget message while
it runs a notebook. The page's own kernel socket (jupyter_server's, not this client) still
subscribes to everything and receives the widgets.

Set as the kernel managers' ``client_class`` in ``voila.json``; nbclient takes its client from
``KernelManager.client()``, and nothing else in the server does.
"""

from __future__ import annotations

import zmq
from jupyter_client.asynchronous import AsyncKernelClient

__all__ = ["OUTPUT_TOPICS", "RunnerClient"]

# Topic prefixes of what a notebook run reads, as ipykernel names them:
# ``kernel.<id>.`` status, execute_input, error, shutdown; ``stream.`` stdout and stderr;
# ``display_data`` display_data, update_display_data and clear_output; ``execute_result``.
# (ipykernel sends every IOPub message under a topic. Subscribing to the frame that separates
# topics from a message, for untopical ones, makes ipykernel's welcome to that subscription
# unreadable: the welcome puts the subscription before the separator.)
OUTPUT_TOPICS = (b"kernel.", b"stream.", b"display_data", b"execute_result")


class RunnerClient(AsyncKernelClient):
    """An async kernel client whose IOPub channel hears cells' outputs, not widget messages."""

    def connect_iopub(self, identity: bytes | None = None) -> zmq.Socket:
        """The IOPub socket, subscribed to :data:`OUTPUT_TOPICS` only."""
        socket = self._create_connected_socket("iopub", identity=identity)
        for topic in OUTPUT_TOPICS:
            socket.setsockopt(zmq.SUBSCRIBE, topic)
        return socket
