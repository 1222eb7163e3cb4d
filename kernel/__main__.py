"""``python -m glassjs.kernel install [...]`` writes the kernelspec;
``python -m glassjs.kernel -f CONNECTION_FILE`` runs the kernel (what Jupyter starts)."""
from __future__ import annotations

import sys


def main(argv=None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "install":
        from glassjs.kernel.install import main as install_main
        return install_main(argv[1:])
    if argv and argv[0] in ("uninstall", "remove"):
        from glassjs.kernel.install import uninstall
        uninstall(argv[1] if len(argv) > 1 else "glassjs")
        return 0
    from ipykernel.kernelapp import IPKernelApp
    from glassjs.kernel.kernel import GlassKernel
    IPKernelApp.launch_instance(argv=argv, kernel_class=GlassKernel)
    return 0


if __name__ == "__main__":
    sys.exit(main())
