"""GlassKernel: the Jupyter protocol glue around a Shell (an ipykernel wrapper kernel).

Everything JavaScript lives in shell.py; completion/inspection in
completion.py; magics in magics.py.  This module turns requests into calls
on those and their results into messages.
"""
from __future__ import annotations

import os

from ipykernel.kernelbase import Kernel

import glassjs
from glassjs.kernel import completion, errors, magics
from glassjs.kernel.config import Limits
from glassjs.kernel.history import History
from glassjs.kernel.output import StreamOutput
from glassjs.kernel.shell import Shell


class GlassKernel(Kernel):
    implementation = "glassjs"
    implementation_version = glassjs.__version__
    language = "javascript"
    language_version = "ES5.1+"
    language_info = {
        "name": "javascript",
        "version": "ES5.1+",
        "mimetype": "application/javascript",
        "file_extension": ".js",
        "codemirror_mode": "javascript",
        "pygments_lexer": "javascript",
    }
    banner = (f"glassjs {glassjs.__version__}: a glass-box JavaScript engine. "
              "%lsmagic lists the magics; NAME? shows documentation.")
    help_links = [{"text": "glassjs kernel", "url": "https://github.com/glassjs/glassjs/blob/main/docs/kernel.md"}]

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._silent = False
        self.output = StreamOutput(self._send_stream)
        self.js = Shell(Limits.from_env(os.environ),
                           stdout=lambda text: self.output.write("stdout", text),
                           stderr=lambda text: self.output.write("stderr", text),
                           publish=self._publish_display, clear=self._clear_output)
        self.history = History()
        self._init_comms()

    # --- comms (ipywidgets) ---------------------------------------------------------------

    def _init_comms(self):
        import comm
        import ipykernel.ipkernel  # noqa: F401  (installs ipykernel's Comm classes into `comm`)
        self.comm_manager = comm.get_comm_manager()
        for msg_type in ("comm_open", "comm_msg", "comm_close"):
            self.shell_handlers[msg_type] = getattr(self.comm_manager, msg_type)

    # --- output -----------------------------------------------------------------------------

    def send_response(self, stream, msg_or_type, content=None, *args, **kwargs):
        # JavaScript strings may hold lone surrogates, which cannot travel as UTF-8 JSON
        return super().send_response(stream, msg_or_type, _clean(content), *args, **kwargs)

    def _send_stream(self, name, text):
        self.send_response(self.iopub_socket, "stream", {"name": name, "text": text})

    def write(self, name: str, text: str) -> None:
        """Text on the stdout/stderr stream of the current cell (used by magics)."""
        self.output.write(name, text)

    def _publish_display(self, data, metadata, display_id, update):
        if self._silent:
            return
        self.output.flush()
        content = {"data": data, "metadata": metadata or {}, "transient": {"display_id": display_id}}
        self.send_response(self.iopub_socket, "update_display_data" if update else "display_data", content)

    def publish(self, data: dict, metadata: dict | None = None, display_id: str | None = None) -> None:
        """A display_data message (used by magics and the visualizers)."""
        if self._silent:
            return
        self.output.flush()
        content = {"data": data, "metadata": metadata or {}}
        if display_id:
            content["transient"] = {"display_id": display_id}
        self.send_response(self.iopub_socket, "display_data", content)

    def display_object(self, obj, display_id: str | None = None) -> None:
        """Show a Python object the way IPython's display() would (ipywidgets, HTML reprs...)."""
        if hasattr(obj, "_repr_mimebundle_"):
            bundle = obj._repr_mimebundle_()
            data, metadata = bundle if isinstance(bundle, tuple) else (bundle, {})
        else:
            data, metadata = {"text/plain": repr(obj)}, {}
            for mime, method in (("text/html", "_repr_html_"), ("image/svg+xml", "_repr_svg_"),
                                 ("image/png", "_repr_png_"), ("text/markdown", "_repr_markdown_")):
                if hasattr(obj, method):
                    value = getattr(obj, method)()
                    if value is not None:
                        data[mime] = value
        self.publish(data, metadata, display_id)

    def _clear_output(self, wait):
        if self._silent:
            return
        self.output.flush()
        self.send_response(self.iopub_socket, "clear_output", {"wait": bool(wait)})

    # --- execute ----------------------------------------------------------------------------

    async def do_execute(self, code, silent, store_history=True, user_expressions=None,
                         allow_stdin=False, **kwargs):
        self._silent = silent
        self.output.start_cell(enabled=not silent)
        count = self.execution_count
        filename = f"<cell {count}>" if not silent else "<silent>"
        if store_history and not silent:
            self.history.add(count, code)
        try:
            try:
                result = self._execute(code, filename, count, silent, store_history)
            except KeyboardInterrupt:                 # SIGINT outside the engine's own polling
                result = self._error(errors.report_interrupt(), count, silent)
            if user_expressions and result["status"] == "ok":
                result["user_expressions"] = self._user_expressions(user_expressions)
            return _clean(result)
        finally:
            self.output.end_cell()
            self._silent = False

    def _execute(self, code, filename, count, silent, store_history):
        name = magics.page_request(code)
        if name is not None:
            info = completion.inspect_info(self.js, name, len(name), detail_level=1)
            text = info["data"].get("text/plain") if info["found"] else f"{name}: not found"
            return self._ok(count, payload=[{"source": "page", "data": {"text/plain": text}, "start": 0}])
        line_magics, cell_magic, body = magics.split_cell(code)
        try:
            for mname, arg in line_magics:
                magics.run_magic(self, mname, arg)
            if cell_magic is not None:
                magics.run_magic(self, cell_magic[0], cell_magic[1], body)
                return self._ok(count)
            if not body.strip():
                return self._ok(count)
            value = self.js.run(body, filename)
        except magics.MagicError as exc:
            msg = str(exc)
            return self._error(errors.ErrorReport("UsageError", msg, [f"{errors.RED}UsageError{errors.RESET}: {msg}"]),
                               count, silent)
        except (glassjs.JSError, glassjs.JSInterrupted, KeyboardInterrupt) as exc:
            return self._error(self.js.error_report(exc), count, silent)
        except Exception as exc:                       # an engine bug must not kill the kernel
            return self._error(errors.report_internal(exc), count, silent)
        if value is not glassjs.undefined and not silent and not self.js.display_api.is_handle(value):
            try:
                data = self.js.result_bundle(value)
            except Exception as exc:
                return self._error(errors.report_internal(exc), count, silent)
            self.output.flush()
            self.send_response(self.iopub_socket, "execute_result",
                               {"execution_count": count, "data": data, "metadata": {}})
            if store_history:
                self.history.set_output(count, data.get("text/plain"))
        return self._ok(count)

    def _ok(self, count, payload=None):
        return {"status": "ok", "execution_count": count, "payload": payload or [], "user_expressions": {}}

    def _error(self, report, count, silent):
        content = report.content()
        if not silent:
            self.output.flush()
            self.send_response(self.iopub_socket, "error", content)
        return {"status": "error", "execution_count": count, **content}

    def _user_expressions(self, expressions):
        out = {}
        for key, expr in expressions.items():
            try:
                value = self.js.engine.eval(expr, filename="<user expression>")
                out[key] = {"status": "ok", "data": self.js.result_bundle(value), "metadata": {}}
            except (glassjs.JSError, KeyboardInterrupt, glassjs.JSInterrupted) as exc:
                out[key] = {"status": "error", **self.js.error_report(exc).content()}
        return out

    # --- introspection ------------------------------------------------------------------------

    async def do_complete(self, code, cursor_pos):
        cursor_pos = len(code) if cursor_pos is None else cursor_pos
        return _clean(completion.complete(self.js, code, cursor_pos))

    async def do_inspect(self, code, cursor_pos, detail_level=0, omit_sections=()):
        cursor_pos = len(code) if cursor_pos is None else cursor_pos
        return _clean(completion.inspect_info(self.js, code, cursor_pos, detail_level))

    async def do_is_complete(self, code):
        line_magics, cell_magic, body = magics.split_cell(code)
        if cell_magic is not None or magics.page_request(code):
            return {"status": "complete"}
        return completion.is_complete(body)

    async def do_history(self, hist_access_type, output, raw, session=None, start=None, stop=None,
                         n=None, pattern=None, unique=False):
        return _clean({"status": "ok",
                "history": self.history.request(output=output, raw=raw, hist_access_type=hist_access_type,
                                                session=session, start=start, stop=stop, n=n,
                                                pattern=pattern, unique=unique)})

    async def do_shutdown(self, restart):
        self.output.flush()
        return {"status": "ok", "restart": restart}


def _clean(value):
    """Lone UTF-16 surrogates replaced by U+FFFD (valid pairs are joined), recursively."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
            return value
        except UnicodeEncodeError:
            return value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value
