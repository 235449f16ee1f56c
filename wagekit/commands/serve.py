"""``wagekit serve``: the workbook as browser apps 浏览器应用, served by Voila on this machine.

Voila runs the notebooks of the ``notebooks/`` folder (``$WAGEKIT_NOTEBOOKS`` to serve others)
as apps with their code hidden, and the browser opens on ``00_home.ipynb``. The campaign folder
reaches every notebook kernel through the environment variable ``WAGEKIT_CAMPAIGN``. The
configuration ships with the package (``wagekit/voila/voila.json``) and the page templates
(``wagekit/voila/templates``) override voila's lab template in three ways: nothing is fetched
from the internet, the loading screen speaks Chinese, and the page title is the workbook's.

What the workbook adds to Voila (the XSRF cookie, the cap on kernels, the Host check, kernels
forked from a template...) is :mod:`wagekit.voila.server`. Here: the command's options, the
checks before starting (campaign, notebooks, port) and *sharing* 共享 (``--share``): every
network interface, and a *token* 访问令牌 without which nothing is served;
``--no-kernel-template`` starts each kernel the plain way.
"""

from __future__ import annotations

import argparse
import errno
import os
import re
import secrets
import socket
import sys
from collections.abc import Iterable
from pathlib import Path

from wagekit.paths import CAMPAIGN_ENV, ROOT_ENV, default_campaign_folder, notebooks_folder
from wagekit.voila.server import (
    FORK_PROVISIONER,
    HOME_NOTEBOOK,
    MAX_KERNELS,
    VOILA_DIR,
    home_url,
    workbook_voila_class,
)

__all__ = ["base_url", "port_in_use", "register", "run", "voila_argv"]

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
    app_class = workbook_voila_class()
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
