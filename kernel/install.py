"""Install the kernelspec: ``python -m glassjs.kernel install [--user | --sys-prefix | --prefix P]``.

The spec runs ``<this python> -m glassjs.kernel -f {connection_file}``; engine
limits go into its ``env`` block (see glassjs.kernel.config), so an admin can
install one bounded spec per course.
"""
from __future__ import annotations

import argparse
import json
import pathlib
import shutil
import sys
import tempfile

from glassjs.kernel.config import PROFILES, parse_size

KERNEL_NAME = "glassjs"
DISPLAY_NAME = "JavaScript (glassjs)"
RESOURCES = pathlib.Path(__file__).resolve().parent / "resources"


def kernel_json(display_name: str = DISPLAY_NAME, env: dict | None = None,
                python: str | None = None) -> dict:
    spec = {
        "argv": [python or sys.executable, "-m", "glassjs.kernel", "-f", "{connection_file}"],
        "display_name": display_name,
        "language": "javascript",
        "interrupt_mode": "signal",
        "metadata": {"debugger": False},
    }
    if env:
        spec["env"] = dict(env)
    return spec


def write_spec(folder, display_name: str = DISPLAY_NAME, env: dict | None = None) -> pathlib.Path:
    """Write kernel.json and the logos into folder (created if needed)."""
    folder = pathlib.Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "kernel.json").write_text(json.dumps(kernel_json(display_name, env), indent=2) + "\n")
    for logo in ("logo-32x32.png", "logo-64x64.png"):
        shutil.copyfile(RESOURCES / logo, folder / logo)
    return folder


def install(user: bool = False, prefix: str | None = None, name: str = KERNEL_NAME,
            display_name: str = DISPLAY_NAME, env: dict | None = None) -> str:
    """Install the spec with jupyter_client; returns the folder it went to."""
    from jupyter_client.kernelspec import KernelSpecManager
    with tempfile.TemporaryDirectory() as tmp:
        src = write_spec(pathlib.Path(tmp) / name, display_name, env)
        return KernelSpecManager().install_kernel_spec(str(src), kernel_name=name, user=user,
                                                       prefix=prefix)


def uninstall(name: str = KERNEL_NAME) -> None:
    from jupyter_client.kernelspec import KernelSpecManager
    KernelSpecManager().remove_kernel_spec(name)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m glassjs.kernel install",
                                     description="Install the glassjs Jupyter kernelspec.")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--user", action="store_true", help="install for the current user")
    where.add_argument("--sys-prefix", action="store_true",
                       help="install into this Python environment (sys.prefix)")
    where.add_argument("--prefix", metavar="P", help="install under the prefix P (P/share/jupyter/kernels)")
    parser.add_argument("--name", default=KERNEL_NAME, help="kernelspec name (default: %(default)s)")
    parser.add_argument("--display-name", default=DISPLAY_NAME)
    parser.add_argument("--memory-limit", metavar="BYTES", help="arena budget per kernel, e.g. 64M")
    parser.add_argument("--stack-size", metavar="BYTES", help="value-stack size per kernel, e.g. 1M")
    parser.add_argument("--profile", choices=PROFILES)
    parser.add_argument("--time-limit", metavar="SECONDS", type=float,
                        help="stop a cell after this many seconds")
    args = parser.parse_args(argv)
    env = {}
    if args.memory_limit:
        parse_size(args.memory_limit)
        env["GLASSJS_MEMORY_LIMIT"] = args.memory_limit
    if args.stack_size:
        parse_size(args.stack_size)
        env["GLASSJS_STACK_SIZE"] = args.stack_size
    if args.profile:
        env["GLASSJS_PROFILE"] = args.profile
    if args.time_limit:
        env["GLASSJS_TIME_LIMIT"] = str(args.time_limit)
    prefix = sys.prefix if args.sys_prefix else args.prefix
    dest = install(user=args.user, prefix=prefix, name=args.name, display_name=args.display_name,
                   env=env)
    print(f"Installed kernelspec {args.name} in {dest}")
    return 0
