"""``wagekit serve``: the workbook as browser apps 浏览器应用, served by Voila on this machine.

Voila runs the notebooks of the ``notebooks/`` folder (``$WAGEKIT_NOTEBOOKS`` to serve others)
as apps with their code hidden, and the browser opens on ``00_home.ipynb``. The campaign folder
reaches every notebook kernel through the environment variable ``WAGEKIT_CAMPAIGN``. The
configuration ships with the package (``wagekit/voila/voila.json``) and the page templates
(``wagekit/voila/templates``) override voila's lab template in three ways: nothing is fetched
from the internet, the loading screen speaks Chinese, and the page title is the workbook's.
"""

from __future__ import annotations

import argparse
import errno
import os
import socket
import sys
import threading
import webbrowser
from pathlib import Path

from wagekit.paths import CAMPAIGN_ENV, default_campaign_folder, notebooks_folder

__all__ = [
    "register",
    "run",
    "HOME_NOTEBOOK",
    "VOILA_DIR",
    "base_url",
    "port_in_use",
    "voila_argv",
    "home_url",
]

HOME_NOTEBOOK = "00_home.ipynb"
VOILA_DIR = Path(__file__).resolve().parent.parent / "voila"


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
    parser.set_defaults(run=run)


def base_url(text: str) -> str:
    """The URL prefix the apps are served under, with one slash at each end (``/gzqx/``)."""
    parts = [part for part in text.strip().split("/") if part]
    if any(part in (".", "..") or not part.isprintable() or " " in part for part in parts):
        raise argparse.ArgumentTypeError(f"网址前缀只能由路径段组成，如 /gzqx/，实际为：{text}")
    return "/" + "".join(f"{part}/" for part in parts)


def home_url(port: int, base_url: str = "/") -> str:
    """The address of the home app on this machine."""
    return f"http://localhost:{port}{base_url}voila/render/{HOME_NOTEBOOK}"


def voila_argv(notebooks: Path, port: int, open_browser: bool, prefix: str = "/") -> list[str]:
    """Command-line arguments for Voila: the shipped config file, then what the user chose."""
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
    ]
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


def _voila_app_class():
    from traitlets import Unicode
    from voila.app import Voila

    class WorkbookVoila(Voila):
        """Voila with wagekit's page templates first and the browser opened on the home app."""

        home = Unicode(HOME_NOTEBOOK, config=True, help="Notebook the browser opens on.")

        def setup_template_dirs(self) -> None:
            super().setup_template_dirs()
            # Our templates shadow voila's lab template file by file (jinja searches in order).
            self.template_paths = [str(VOILA_DIR / "templates"), *self.template_paths]

        def launch_browser(self) -> None:
            url = f"{self.connection_url}voila/render/{self.home}"
            threading.Thread(target=webbrowser.open, args=(url,), daemon=True).start()

        def listen(self) -> None:
            print(
                f"工作簿已启动：{home_url(self.port, self.base_url)}（按 Ctrl+C 停止）",
                flush=True,
            )
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
    # Kernels inherit this process's environment.
    os.environ[CAMPAIGN_ENV] = str(campaign.resolve())
    # Voila shows every line a kernel writes to stderr as a red box in the app; warnings are
    # for developers, who see them under pytest and nbval, not for the office.
    os.environ["PYTHONWARNINGS"] = "ignore"
    app_class = _voila_app_class()
    app_class.launch_instance(
        argv=voila_argv(notebooks, args.port, not args.no_browser, args.base_url)
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run ``wagekit serve`` alone (``python -m wagekit.commands.serve``)."""
    parser = argparse.ArgumentParser(prog="wagekit")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["serve", *(sys.argv[1:] if argv is None else argv)])
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
