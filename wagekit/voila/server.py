"""The workbook's Voila server 工作簿服务: what ``wagekit serve`` adds to Voila.

- the *XSRF cookie* 跨站请求令牌 on every app page, which the page's script sends back when it is
  closed so that Voila shuts its kernel down;
- a *cap on kernels* 内核上限 (pages open at once), beyond which a visitor gets a Chinese page
  asking to close unused pages;
- a *Host check* 主机名检查 refusing any request whose ``Host`` header does not name this machine
  (a web page elsewhere cannot reach the apps by DNS rebinding);
- a *query socket* only kernels on this machine may use, which drops what it no longer needs;
- *kernel sockets* that read every framing of the kernel protocol (Voila's own mistook the
  older framing's first bytes for a count of billions and filled the server's memory);
- a copy of Voila's *widget manager* that waits for a busy kernel's widgets instead of 4 s;
- debug lines not even made unless asked for (``--log-level=DEBUG``);
- page templates *compiled once* and every kernel *forked from a template*
  (:mod:`wagekit.forked_kernels`) when the server starts with that provisioner.

The command itself (its options, the checks before starting) is :mod:`wagekit.commands.serve`.
"""

from __future__ import annotations

import ipaddress
import json
import re
import shutil
import socket
import tempfile
import threading
import webbrowser
from collections.abc import Iterable
from pathlib import Path

__all__ = [
    "FORK_PROVISIONER",
    "HOME_NOTEBOOK",
    "MAX_KERNELS",
    "VOILA_DIR",
    "WIDGET_MANAGERS",
    "home_url",
    "host_allowed",
    "kernel_message_header",
    "lan_address",
    "patient_widget_managers",
    "workbook_voila_class",
]

HOME_NOTEBOOK = "00_home.ipynb"
# A page's widget manager asks its kernel for the state of all its widgets and gives up after
# 4 s, falling back to asking for each widget's state one by one (jupyter-widgets/ipywidgets#3633):
# several hundred requests and replies more for the kernel, the server and the page, when the
# machine is already too busy to answer in 4 s. The kernels run ipywidgets 8, which always
# answers, so the workbook serves copies that wait. The limit lies in every widget manager
# bundle Voila serves: its own and jupyterlab_widgets'. Pages run whichever carries the newer
# @jupyter-widgets/base (webpack's shared modules), so both are patched.
WIDGET_MANAGERS = ("@jupyter-widgets/jupyterlab-manager", "@voila-dashboards/widgets-manager8")
_GIVE_UP = re.compile(r'("Control comm did not respond in time"\)\)?,)4e3\)')
STATES_TIMEOUT_MS = 120_000
VOILA_DIR = Path(__file__).resolve().parent
# Pages open at once, beyond the pre-heated kernels: with the sample a kernel holds ~140 MiB,
# most of it shared with the kernel template: 24 pages and the six kept warm stay under 4.5 GB.
MAX_KERNELS = 24
# The kernel provisioner forking kernels from the template (pyproject.toml's entry point).
FORK_PROVISIONER = "wagekit-fork"
# Milliseconds between two looks at whether the kernel template still runs.
TEMPLATE_WATCH_MS = 1000


FULL_PAGE = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>工作簿已满 · 根治欠薪工作簿</title></head>
<body style="font-family: sans-serif; max-width: 40em; margin: 4em auto; line-height: 1.7">
<h1>工作簿已满，请稍后再试</h1>
<p>同时打开的工作簿页面已达上限（{limit} 个）。请关闭不再使用的工作簿页面，
一两分钟后刷新本页即可打开。</p>
<p>如果经常出现本页，请管理员用 <code>wagekit serve --max-kernels</code> 调高上限
（每个打开的页面约占 150 MB 内存）。</p>
</body></html>
"""

HOST_REFUSED_PAGE = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>拒绝访问 · 根治欠薪工作簿</title></head>
<body style="font-family: sans-serif; max-width: 40em; margin: 4em auto; line-height: 1.7">
<h1>拒绝访问</h1>
<p>请用工作簿所在电脑的地址或名称打开工作簿（启动时打印的网址）。经其他网址转来的请求一律拒绝，
以防其他网站借用浏览器访问工作簿。</p>
<p>单位内网为本机设置了域名的，请管理员用 <code>wagekit serve --allow-host 域名</code> 启动。</p>
</body></html>
"""


def home_url(port: int, base_url: str = "/", host: str = "localhost", token: str = "") -> str:
    """The address of the home app (on this machine, or at ``host``, with the token if any)."""
    query = f"?token={token}" if token else ""
    return f"http://{host}:{port}{base_url}voila/render/{HOME_NOTEBOOK}{query}"


def lan_address() -> str:
    """The address colleagues reach this machine at on its network (else its name).

    Connecting a UDP socket sends nothing; it only asks the system which address it would use.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("10.255.255.255", 1))
            return probe.getsockname()[0]
        except OSError:
            return socket.gethostname()


def host_allowed(host: str, local_address: str | None, names: Iterable[str]) -> bool:
    """Whether a request's ``Host`` header names this machine.

    Allowed: a loopback address, the address the request arrived on (``local_address``), or
    one of ``names`` (``localhost``, the machine's names, names allowed with ``--allow-host``),
    with or without a port. A page of another site that rebinds its own name to this machine
    sends that other name, and is refused.
    """
    match = re.fullmatch(r"\[(?P<v6>[^\]]+)\](?::\d+)?|(?P<name>[^:]+)(?::\d+)?", host.strip())
    if match is None:
        return False
    name = (match["v6"] or match["name"]).lower().rstrip(".")
    try:
        address = ipaddress.ip_address(name)
    except ValueError:
        return name in {known.lower().rstrip(".") for known in names}
    if address.is_loopback:
        return True
    try:
        arrived_on = ipaddress.ip_address((local_address or "").split("%")[0])
    except ValueError:
        return False
    if isinstance(arrived_on, ipaddress.IPv6Address) and arrived_on.ipv4_mapped:
        arrived_on = arrived_on.ipv4_mapped
    return address == arrived_on


def patient_widget_managers(search: Iterable[str], into: Path) -> list[str]:
    """Copy the widget managers Voila serves into ``into``, waiting two minutes for widget states.

    ``search`` is Voila's labextension folders, in order (the first holding a name is the one
    Voila serves). Each of :data:`WIDGET_MANAGERS` found is copied to ``into/<name>`` with its
    4-second limit raised; one without the limit (another release) is not copied. Returns the
    names copied.
    """
    copied = []
    for name in WIDGET_MANAGERS:
        source = next((Path(base) / name for base in search if (Path(base) / name).is_dir()), None)
        if source is None:
            continue
        target = into / name
        shutil.copytree(source, target)
        patched = False
        for chunk in (target / "static").glob("*.js"):
            text = chunk.read_text(encoding="utf-8")
            text, count = _GIVE_UP.subn(rf"\g<1>{STATES_TIMEOUT_MS})", text)
            if count:
                chunk.write_text(text, encoding="utf-8")
                patched = True
        if patched:
            copied.append(name)
        else:
            shutil.rmtree(target)
    return copied


# The kernel websocket protocol browsers negotiate; a client that asks for none gets the
# older framing (jupyter_server's "legacy" protocol).
V1_PROTOCOL = "v1.kernel.websocket.jupyter.org"


def kernel_message_header(frame: bytes, protocol: str | None) -> dict | None:
    """The header of a kernel message sent to a browser as one binary frame, or None.

    A message with binary buffers (a chart's picture) goes as one frame, framed by ``protocol``:
    with :data:`V1_PROTOCOL`, a count then offsets of 8 bytes little-endian, then the channel,
    header, parent header, metadata, content and buffers; with none, a count then offsets of 4
    bytes big-endian, then the whole message as JSON, then the buffers. A count the frame
    cannot hold, or a part that is not JSON, gives None.
    """
    width, order, part = (8, "little", 1) if protocol == V1_PROTOCOL else (4, "big", 0)
    count = int.from_bytes(frame[:width], order)
    if count <= part or width * (count + 1) > len(frame):
        return None
    offsets = [
        int.from_bytes(frame[width * i : width * (i + 1)], order) for i in range(1, count + 1)
    ]
    end = offsets[part + 1] if part + 1 < count else len(frame)
    try:
        found = json.loads(frame[offsets[part] : end])
    except ValueError:
        return None
    if not isinstance(found, dict):
        return None
    return found if part else found.get("header")


def _start_kernel_template(config, folder: str):
    """Start the kernel template when the provisioner forking from it is configured.

    Its socket lies in ``folder``, which only this user can open; the provisioner, running in
    this process, finds it through ``$WAGEKIT_KERNEL_TEMPLATE``. The template ends with the
    server (``stop``, which also removes the folder, or by itself when the server dies).
    """
    from wagekit.forked_kernels import start_template

    factory = config.get("KernelProvisionerFactory", {})
    if factory.get("default_provisioner_name") != FORK_PROVISIONER:
        return None
    return start_template(folder)


def _compiled_templates():
    """A Jinja bytecode cache holding the page templates compiled once, for the server's life.

    Voila renders each page with a new exporter, whose new Jinja environment compiled every
    template of the page again: the largest single cost of the server's one thread when many
    pages open at once. Jinja checks each template's source against the cached code's checksum,
    so an edited template is compiled again.
    """
    import jinja2

    class CompiledTemplates(jinja2.BytecodeCache):
        def __init__(self) -> None:
            self._code: dict[str, tuple[str, object]] = {}

        def load_bytecode(self, bucket) -> None:
            found = self._code.get(bucket.key)
            if found is not None and found[0] == bucket.checksum:
                bucket.code = found[1]

        def dump_bytecode(self, bucket) -> None:
            self._code[bucket.key] = (bucket.checksum, bucket.code)

    return CompiledTemplates()


def _exporter_class(compiled):
    from voila.exporter import VoilaExporter

    class WorkbookExporter(VoilaExporter):
        """Voila's page exporter, with its templates compiled once (:func:`_compiled_templates`)."""

        def _create_environment(self):
            environment = super()._create_environment()
            environment.bytecode_cache = compiled
            return environment

    return WorkbookExporter


def workbook_voila_class():
    """Voila as the workbook serves it (imported only when a server starts)."""
    import tornado.ioloop
    import tornado.web
    import voila.notebook_renderer
    from tornado.routing import Matcher, Rule
    from traitlets import Int, List, Unicode
    from voila.app import Voila
    from voila.request_info_handler import RequestInfoSocketHandler
    from voila.tornado.handler import TornadoVoilaHandler
    from voila.tornado.kernel_websocket_handler import VoilaKernelWebsocketHandler

    from wagekit.voila.activity import pre_heated

    class AppPageHandler(TornadoVoilaHandler):
        """An app page: the XSRF cookie set, and a Chinese page instead when the server is full."""

        async def prepare(self) -> None:
            await super().prepare()
            if not self._finished:
                # Reading the token sets the _xsrf cookie. The page's script sends it back when
                # the page is closed, to have Voila shut the page's kernel down; without it that
                # request is refused (403) and the kernel lives on. Voila renders a pre-heated
                # page outside any handler, so nothing else reads the token.
                self.xsrf_token  # noqa: B018

        @tornado.web.authenticated
        async def get(self, path: str | None = None) -> None:
            app = self.settings["voila"]
            if app.pages_open() >= app.max_kernels:
                self.set_status(503)
                self.set_header("Retry-After", "60")
                self.set_header("Content-Type", "text/html; charset=utf-8")
                self.finish(FULL_PAGE.format(limit=app.max_kernels))
                return
            await super().get(path)

    class LocalQuerySocket(RequestInfoSocketHandler):
        """Voila's query socket, where a pre-heated kernel waits for its visitor.

        Only kernels (on this machine) may connect: the message carries the visitor's address
        and query. A closed socket removes its own waiter, and a message taken from the cache
        is dropped from it (Voila's own handler removes the last waiter registered, whoever
        it was, and keeps every visit's message for the life of the server).
        """

        async def get(self, *args: str, **kwargs: str) -> None:
            if not ipaddress.ip_address(self.request.remote_ip or "0.0.0.0").is_loopback:
                raise tornado.web.HTTPError(403)
            await super().get(*args, **kwargs)

        def open(self, kernel_id: str) -> None:
            super().open(kernel_id)
            RequestInfoSocketHandler._cache.pop(kernel_id, None)

        def on_close(self) -> None:
            waiters = RequestInfoSocketHandler._waiters
            for kernel_id, waiter in list(waiters.items()):
                if waiter is self:
                    del waiters[kernel_id]

    class KernelSocket(VoilaKernelWebsocketHandler):
        """Voila's kernel socket, reading each message by the framing its client chose.

        As Voila's, it keeps the apps' code (``execute_input``) from the page. Voila read every
        binary frame as the v1 framing; a client that chose none gets the older framing, whose
        first bytes made that reading build a list of billions of offsets: one such client held
        the server's one thread and grew it until the machine ran out of memory.
        """

        def write_message(self, message, binary: bool = False):
            if isinstance(message, bytes):
                try:
                    protocol = self.selected_subprotocol
                except AttributeError:  # the socket already closed
                    protocol = None
                header = kernel_message_header(message, protocol)
            elif isinstance(message, str):  # the older framing, without buffers
                header = json.loads(message).get("header")
            else:
                header = message.get("header") if isinstance(message, dict) else None
            if header and header.get("msg_type") == "execute_input":
                return None
            return super(VoilaKernelWebsocketHandler, self).write_message(message, binary)

    class ForeignHost(Matcher):
        """Matches a request whose Host header does not name this machine."""

        def __init__(self, names: set[str]) -> None:
            self.names = names

        def match(self, request) -> dict | None:
            try:
                local_address = request.connection.stream.socket.getsockname()[0]
            except (AttributeError, OSError):
                local_address = None
            return None if host_allowed(request.host, local_address, self.names) else {}

    class HostRefusedHandler(tornado.web.RequestHandler):
        def prepare(self) -> None:
            self.set_status(403)
            self.set_header("Content-Type", "text/html; charset=utf-8")
            self.finish(HOST_REFUSED_PAGE)

    # Voila builds its page exporter by this module-level name, once per page.
    voila.notebook_renderer.VoilaExporter = _exporter_class(_compiled_templates())

    class WorkbookVoila(Voila):
        """Voila with wagekit's page templates first and the browser opened on the home app."""

        home = Unicode(HOME_NOTEBOOK, config=True, help="Notebook the browser opens on.")
        max_kernels = Int(MAX_KERNELS, config=True, help="App pages open at once, at most.")
        allowed_hosts = List(
            Unicode(), config=True, help="Host names accepted besides this machine's own."
        )

        def _configure_logging(self) -> None:
            super()._configure_logging()
            # traitlets leaves the server's logger at DEBUG and drops debug lines in its
            # handler, so every debug call made a record to throw away: nbclient makes two for
            # each kernel message, hundreds per app page.
            self.log.setLevel(self.log_level)

        def setup_template_dirs(self) -> None:
            super().setup_template_dirs()
            # Our templates shadow voila's lab template file by file (jinja searches in order).
            self.template_paths = [str(VOILA_DIR / "templates"), *self.template_paths]

        def start(self) -> None:
            from voila.utils import get_voila_labextensions_path

            self._template_folder = tempfile.mkdtemp(prefix="wagekit-kernels-")  # mode 0700
            self._template = _start_kernel_template(self.config, self._template_folder)
            extra = list(self.voila_configuration.extra_labextensions_path)
            self._patient = tempfile.mkdtemp(prefix="wagekit-labextensions-")
            if patient_widget_managers(get_voila_labextensions_path(extra), Path(self._patient)):
                # Searched first: this copy is the one pages load.
                self.voila_configuration.extra_labextensions_path = [self._patient, *extra]
            super().start()

        def stop(self) -> None:
            shutil.rmtree(self._patient, ignore_errors=True)
            super().stop()
            if self._template is not None:
                self._template.terminate()
            shutil.rmtree(self._template_folder, ignore_errors=True)

        def init_handlers(self) -> list:
            names = {"localhost", socket.gethostname(), socket.getfqdn(), *self.allowed_hosts}
            # First rule of the application, before every route Voila adds: no page, asset or
            # socket answers a request for another host name.
            self.app.default_router.rules.insert(0, Rule(ForeignHost(names), HostRefusedHandler))
            ours = {
                TornadoVoilaHandler: AppPageHandler,
                RequestInfoSocketHandler: LocalQuerySocket,
                VoilaKernelWebsocketHandler: KernelSocket,
            }
            return [
                (route[0], ours.get(route[1], route[1]), *route[2:])
                for route in super().init_handlers()
            ]

        def pages_open(self) -> int:
            """Kernels serving a visitor: every kernel but those pre-heated and not yet used."""
            waiting = set(pre_heated(self.kernel_manager))
            return len(set(self.kernel_manager.list_kernel_ids()) - waiting)

        def launch_browser(self) -> None:
            url = f"{self.connection_url}voila/render/{self.home}"
            threading.Thread(target=webbrowser.open, args=(url,), daemon=True).start()

        def listen(self) -> None:
            if self.token:
                address = home_url(self.port, self.base_url, lan_address(), self.token)
                print(
                    f"工作簿已在局域网共享：{address}\n"
                    "请把这个网址（含令牌）发给同事；不带令牌的访问一律拒绝。按 Ctrl+C 停止。",
                    flush=True,
                )
            else:
                address = home_url(self.port, self.base_url)
                print(f"工作簿已启动：{address}（按 Ctrl+C 停止）", flush=True)
            if self._template is not None:
                tornado.ioloop.PeriodicCallback(self.keep_template, TEMPLATE_WATCH_MS).start()
            super().listen()

        def keep_template(self) -> None:
            """Start the kernel template again if it ended (killed, out of memory).

            Without it every kernel would start the slow way, from nothing. The kernels it had
            forked end with it; Voila's restarter starts them again, and the kernel manager
            replaces the pre-heated ones (:mod:`wagekit.voila.activity`), which come back
            without their app.
            """
            if self._template.poll() is None:
                return
            self.log.warning("内核模板进程已退出（%s），正在重新启动", self._template.returncode)
            from wagekit.forked_kernels import start_template

            self._template = start_template(self._template_folder)

    return WorkbookVoila
