"""The notebook runner's client (wagekit.voila.runner_client) against a real kernel.

A notebook run through nbclient with it gives the same outputs as with jupyter_client's own
client (streams, displays updated and cleared, results, errors, a widget's view), and the
server no longer receives the widgets' messages while it runs the notebook.
"""

from __future__ import annotations

import asyncio
import re

import nbformat
from jupyter_client.manager import AsyncKernelManager
from nbclient import NotebookClient

RUNNER = "wagekit.voila.runner_client.RunnerClient"
PLAIN = "jupyter_client.asynchronous.AsyncKernelClient"

CELLS = [
    'print("打印")',
    "from IPython.display import HTML, clear_output, display\n"
    'shown = display(HTML("<b>一</b>"), display_id=True)',
    'shown.update(HTML("<b>二</b>"))',
    'print("先")\nclear_output()\nprint("后")',
    "import sys\nprint('错', file=sys.stderr)",
    "import ipywidgets as widgets\nslider = widgets.IntSlider(3, description='人数')\nslider",
    "widgets.VBox([widgets.HTML(f'<i>{n}</i>') for n in range(20)])",
    "1 + 1",
    'raise ValueError("坏")',
]


def run(client_class: str) -> nbformat.NotebookNode:
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in CELLS])
    manager = AsyncKernelManager(kernel_name="python3", client_class=client_class)
    NotebookClient(notebook, km=manager, allow_errors=True, timeout=60).execute()
    return notebook


def outputs(notebook: nbformat.NotebookNode) -> list[list[str]]:
    """Each cell's outputs as text, with the ids a run makes up (widget models) made alike."""
    return [[re.sub(r"[0-9a-f]{32}", "M", repr(o)) for o in c.outputs] for c in notebook.cells]


def test_a_notebook_run_with_the_runner_client_has_the_same_outputs():
    ran = run(RUNNER)
    assert outputs(ran) == outputs(run(PLAIN))
    texts = repr(outputs(ran))
    for shown in ("打印", "<b>二</b>", "后", "错", "application/vnd.jupyter.widget-view+json", "2"):
        assert shown in texts
    assert "<b>一</b>" not in texts and "先" not in texts  # updated and cleared, as plainly
    assert ran.cells[-1].outputs[0].ename == "ValueError"


def iopub_types(client_class: str) -> list[str]:
    """Types of the IOPub messages a client receives while one cell builds widgets."""

    async def main() -> list[str]:
        manager = AsyncKernelManager(kernel_name="python3", client_class=client_class)
        await manager.start_kernel()
        client = manager.client()
        client.start_channels()
        try:
            await client.wait_for_ready(timeout=60)
            msg_id = client.execute(
                "import ipywidgets as widgets\n"
                "box = widgets.VBox([widgets.HTML(str(n)) for n in range(10)])\n"
                "print('建好了')"
            )
            types = []
            while True:
                message = await client.get_iopub_msg(timeout=60)
                if message["parent_header"].get("msg_id") != msg_id:
                    continue
                types.append(message["msg_type"])
                if message["msg_type"] == "status" and message["content"]["execution_state"] == (
                    "idle"
                ):
                    return types
        finally:
            client.stop_channels()
            await manager.shutdown_kernel(now=True)

    return asyncio.run(main())


def test_the_runner_client_hears_the_cell_but_not_the_widgets():
    plain = iopub_types(PLAIN)
    assert plain.count("comm_open") >= 30  # each HTML with its layout and style, and the box
    heard = iopub_types(RUNNER)
    assert not [t for t in heard if t.startswith("comm")]
    assert heard == [t for t in plain if not t.startswith("comm")]
    assert "stream" in heard
