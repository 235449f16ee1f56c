"""``wagekit serve``: the workbook as browser apps 浏览器应用, served by Voila on this machine.

Voila runs the notebooks of the ``notebooks/`` folder (``$WAGEKIT_NOTEBOOKS`` to serve others)
as apps with their code hidden, and the browser opens on ``00_home.ipynb``. The campaign folder
reaches every notebook kernel through the environment variable ``WAGEKIT_CAMPAIGN``. The
configuration ships with the package (``wagekit/voila/voila.json``) and the page templates
(``wagekit/voila/templates``) override voila's lab template in three ways: nothing is fetched
from the internet, the loading screen speaks Chinese, and the page title is the workbook's.

On top of Voila the workbook server adds: the *XSRF cookie* 跨站请求令牌 on every app page, which
the page's script must send back when it is closed so that Voila shuts its kernel down; a *cap
on kernels* 内核上限 (pages open at once), beyond which a visitor gets a Chinese page asking to
close unused pages; a *Host check* 主机名检查 refusing any request whose ``Host`` header does not
name this machine (a web page elsewhere cannot reach the apps by DNS rebinding); and *sharing*
共享 (``--share``): every network interface, and a *token* 访问令牌 without which nothing is served.
Every kernel is a copy of one *kernel template* 内核模板 that has loaded the libraries and the
campaign once (:mod:`wagekit.forked_kernels`); ``--no-kernel-template`` starts each the plain way.
"""

from __future__ import annotations

import argparse
import errno
import ipaddress
import os
import re
import secrets
import shutil
import socket
import sys
import tempfile
import threading
import webbrowser
from collections.abc import Iterable
from pathlib import Path

from wagekit.paths import CAMPAIGN_ENV, ROOT_ENV, default_campaign_folder, notebooks_folder

__all__ = [
    "register",
    "run",
    "HOME_NOTEBOOK",
    "MAX_KERNELS",
    "VOILA_DIR",
    "patient_widget_manager",
    "base_url",
    "host_allowed",
    "lan_address",
    "port_in_use",
    "voila_argv",
    "home_url",
]

HOME_NOTEBOOK = "00_home.ipynb"
# Voila's widget manager asks a page's kernel for the state of all its widgets and gives up
# after 4 s; a page then shows "Loading widget..." for good (jupyter-widgets/ipywidgets#3633).
# The kernels run ipywidgets 8, which always answers, so the workbook serves a copy that waits.
WIDGET_MANAGER = "@voila-dashboards/widgets-manager8"
_GIVE_UP = '"Control comm did not respond in time")),{}'
STATES_TIMEOUT_MS = 120_000
VOILA_DIR = Path(__file__).resolve().parent.parent / "voila"
# Pages open at once, beyond the pre-heated kernels: with the sample a kernel holds ~140 MiB,
# most of it shared with the kernel template: 24 pages and the six kept warm stay under 4.5 GB.
MAX_KERNELS = 24
# The kernel provisioner forking kernels from the template (pyproject.toml's entry point).
FORK_PROVISIONER = "wagekit-fork"
# A URL prefix segment: Voila puts the prefix into its routes' regular expressions.
_PREFIX_SEGMENT = re.compile(r"[A-Za-z0-9_-]+")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "serve",
        help="在本机浏览器中打开工作簿（Voila 应用）",
        description="用 Voila 在本机启动工作簿，浏览器打开首页 00_home；按 Ctrl+C 停止。",
    )
    parser.add_argument(
        "campaign", nargs="?", help="专项行动文件夹（默认：$WAGEKIT_CAMPAIGN 或自带示例）"
    )
    parser.add_argument("--port", type=int, default=8866, help="端口（默认 8866）")
    parser.add_argument("--no-browser", action="store_true", help="不自动打开浏览器")
    parser.add_argument(
        "--base-url",
        default="/",
        type=base_url,
        help="网址前缀，供单位的反向代理转发使用，如 /gzqx/（默认 /）",
    )
    parser.add_argument(
        "--share",
        action="store_true",
        help="在局域网内共享：监听本机所有网卡，访问须带令牌（启动时打印带令牌的网址）",
    )
    parser.add_argument(
        "--max-kernels",
        type=_positive_int,
        default=MAX_KERNELS,
        help=f"同时打开的页面数上限，超出时请访问者稍后再试（默认 {MAX_KERNELS}）",
    )
    parser.add_argument(
        "--no-kernel-template",
        dest="kernel_template",
        action="store_false",
        help="每个页面单独启动内核，不从预先读好台账的模板进程派生（较慢，仅供排查问题）",
    )
    parser.add_argument(
        "--allow-host",
        action="append",
        default=[],
        metavar="NAME",
        help="另外允许的主机名（如单位内网为本机设置的域名），可重复",
    )
    parser.set_defaults(run=run)


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"应为正整数，实际为：{text}")
    return value


def base_url(text: str) -> str:
    """The URL prefix the apps are served under, with one slash at each end (``/gzqx/``).

    Each segment is letters, digits, ``-`` and ``_`` only: Voila builds its routes as regular
    expressions with the prefix inside, so ``.`` or ``(`` would change what they match.
    """
    parts = [part for part in text.strip().split("/") if part]
    if not all(_PREFIX_SEGMENT.fullmatch(part) for part in parts):
        raise argparse.ArgumentTypeError(
            f"网址前缀只能由字母、数字、- 和 _ 组成的路径段构成，如 /gzqx/，实际为：{text}"
        )
    return "/" + "".join(f"{part}/" for part in parts)


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


def patient_widget_manager(search: Iterable[str], into: Path) -> bool:
    """Copy Voila's widget manager into ``into``, waiting up to two minutes for widget states.

    ``search`` is Voila's labextension folders, in order; the copy goes to
    ``into/@voila-dashboards/widgets-manager8`` with its one 4-second limit raised. Returns
    False, copying nothing, when no installed widget manager holds that limit (another Voila).
    """
    source = next(
        (Path(base) / WIDGET_MANAGER for base in search if (Path(base) / WIDGET_MANAGER).is_dir()),
        None,
    )
    if source is None:
        return False
    target = into / WIDGET_MANAGER
    shutil.copytree(source, target)
    patched = False
    for chunk in (target / "static").glob("*.js"):
        text = chunk.read_text(encoding="utf-8")
        if _GIVE_UP.format("4e3") in text:
            text = text.replace(_GIVE_UP.format("4e3"), _GIVE_UP.format(STATES_TIMEOUT_MS))
            chunk.write_text(text, encoding="utf-8")
            patched = True
    if not patched:
        shutil.rmtree(target)
    return patched


def voila_argv(
    notebooks: Path,
    port: int,
    open_browser: bool,
    prefix: str = "/",
    *,
    token: str = "",
    max_kernels: int = MAX_KERNELS,
    allowed_hosts: Iterable[str] = (),
    kernel_template: bool = True,
) -> list[str]:
    """Command-line arguments for Voila: the shipped config file, then what the user chose.

    With a ``token`` (``--share``) Voila listens on every interface and serves nothing without
    the token. They are passed inside this process (``launch_instance``), never on a command
    line another user of the machine could read.
    """
    argv = [
        str(notebooks),
        f"--port={port}",
        # That port or none (port_in_use checked it): never a server on another port than the
        # address printed for the user.
        "--Voila.port_retries=0",
        # Behind a reverse proxy the pages, their assets, the kernels' sockets and the
        # pre-heated kernels' query socket all live under the prefix.
        f"--Voila.base_url={prefix}",
        # Only the shipped file: a stray voila.json in the current folder must not change
        # how the apps behave.
        f"--Voila.config_file_paths={VOILA_DIR}",
        f"--WorkbookVoila.max_kernels={max_kernels}",
    ]
    argv += [f"--WorkbookVoila.allowed_hosts={name}" for name in allowed_hosts]
    if kernel_template:
        argv.append(f"--KernelProvisionerFactory.default_provisioner_name={FORK_PROVISIONER}")
    if token:
        argv += ["--Voila.ip=", f"--Voila.token={token}"]
    if not open_browser:
        argv.append("--no-browser")
    return argv


def port_in_use(port: int) -> bool:
    """Whether a server already listens on ``port`` of this machine.

    Voila would quietly move to the next free port while wagekit announced the one asked for;
    the office would open the other server (often a workbook started earlier, on another
    campaign). Checked with the reuse flag Tornado sets too, so a port left in TIME_WAIT by a
    workbook just stopped counts as free.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        if os.name != "nt":  # as Tornado: on Windows the flag would share a port in use
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError as error:
            return error.errno == errno.EADDRINUSE
    return False


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


def _voila_app_class():
    import tornado.web
    import voila.notebook_renderer
    from tornado.routing import Matcher, Rule
    from traitlets import Int, List, Unicode
    from voila.app import Voila
    from voila.request_info_handler import RequestInfoSocketHandler
    from voila.tornado.handler import TornadoVoilaHandler

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
            if patient_widget_manager(get_voila_labextensions_path(extra), Path(self._patient)):
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
            ours = {TornadoVoilaHandler: AppPageHandler, RequestInfoSocketHandler: LocalQuerySocket}
            return [
                (route[0], ours.get(route[1], route[1]), *route[2:])
                for route in super().init_handlers()
            ]

        def pages_open(self) -> int:
            """Kernels serving a visitor: every kernel but those pre-heated and not yet used."""
            waiting = set()
            # Voila keeps its pools private; a pool holds tasks that end in the kernel's id.
            for pool in getattr(self.kernel_manager, "_pools", {}).values():
                for task in pool:
                    if task.done() and not task.cancelled() and task.exception() is None:
                        waiting.add(task.result()["kernel_id"])
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
            super().listen()

    return WorkbookVoila


def run(args: argparse.Namespace) -> int:
    campaign = Path(args.campaign).expanduser() if args.campaign else default_campaign_folder()
    if not (campaign / "campaign.toml").is_file():
        print(f"错误：{campaign} 不是专项行动文件夹（缺少 campaign.toml）。", file=sys.stderr)
        return 2
    notebooks = notebooks_folder()
    if not (notebooks / HOME_NOTEBOOK).is_file():
        print(f"错误：在 {notebooks} 中找不到工作簿首页 {HOME_NOTEBOOK}。", file=sys.stderr)
        return 2
    if port_in_use(args.port):
        print(
            f"错误：端口 {args.port} 已被占用。工作簿可能已经在运行，请打开 "
            f"{home_url(args.port, args.base_url)}；或用 --port 指定其他端口。",
            file=sys.stderr,
        )
        return 2
    # Kernels inherit this process's environment: the campaign, and the one tree the folder
    # pickers may open (the campaign served, unless the office chose a wider one).
    os.environ[CAMPAIGN_ENV] = str(campaign.resolve())
    os.environ[ROOT_ENV] = str(Path(os.environ.get(ROOT_ENV) or campaign).expanduser().resolve())
    # Voila shows every line a kernel writes to stderr as a red box in the app; warnings are
    # for developers, who see them under pytest and nbval, not for the office.
    os.environ["PYTHONWARNINGS"] = "ignore"
    app_class = _voila_app_class()
    argv = voila_argv(
        notebooks,
        args.port,
        not args.no_browser,
        args.base_url,
        token=secrets.token_urlsafe(32) if args.share else "",
        max_kernels=args.max_kernels,
        allowed_hosts=args.allow_host,
        kernel_template=args.kernel_template,
    )
    app_class.launch_instance(argv=argv)
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run ``wagekit serve`` alone (``python -m wagekit.commands.serve``)."""
    parser = argparse.ArgumentParser(prog="wagekit")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["serve", *(sys.argv[1:] if argv is None else argv)])
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
