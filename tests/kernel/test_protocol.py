"""The kernel through jupyter_client: interrupts keep state, re-running let
cells, stream ordering, comms/widgets, limits from the kernelspec, and a
kernel that survives bad input."""
import re
import time

import pytest

from jupyter_client.manager import start_new_kernel

KERNEL = "glassjs-test"
ANSI = re.compile(r"\x1b\[[0-9;]*m")
SMALL_KERNEL = "glassjs-test-small"


class Session:
    def __init__(self, kernel_name):
        self.km, self.kc = start_new_kernel(kernel_name=kernel_name, startup_timeout=30)

    def close(self):
        self.kc.stop_channels()
        self.km.shutdown_kernel(now=True)

    def collect(self, msg_id, timeout=20):
        """iopub messages of one request, up to its idle status."""
        out = []
        deadline = time.monotonic() + timeout
        while True:
            msg = self.kc.get_iopub_msg(timeout=max(deadline - time.monotonic(), 0.01))
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                return out
            if msg["msg_type"] not in ("status", "execute_input"):
                out.append(msg)

    def reply(self, msg_id, timeout=20):
        while True:
            msg = self.kc.get_shell_msg(timeout=timeout)
            if msg["parent_header"].get("msg_id") == msg_id:
                return msg["content"]

    def run(self, code, timeout=20):
        """(reply content, [iopub messages])."""
        msg_id = self.kc.execute(code)
        reply = self.reply(msg_id, timeout)
        return reply, self.collect(msg_id, timeout)

    def value(self, code):
        reply, msgs = self.run(code)
        assert reply["status"] == "ok", reply
        results = [m["content"]["data"]["text/plain"] for m in msgs if m["msg_type"] == "execute_result"]
        return results[0] if results else None

    def stdout(self, code):
        reply, msgs = self.run(code)
        assert reply["status"] == "ok", reply
        return "".join(m["content"]["text"] for m in msgs
                       if m["msg_type"] == "stream" and m["content"]["name"] == "stdout")


@pytest.fixture(scope="module")
def k():
    s = Session(KERNEL)
    yield s
    s.close()


@pytest.fixture(scope="module")
def small():
    s = Session(SMALL_KERNEL)
    yield s
    s.close()


def test_interrupt_stops_a_loop_and_keeps_state(k):
    assert k.value("var kept = 41; let lex = 'x'; function f() { return kept + 1 }; kept") == "41"
    msg_id = k.kc.execute("while (true) {}")
    time.sleep(0.3)
    t0 = time.monotonic()
    k.km.interrupt_kernel()
    reply = k.reply(msg_id, timeout=5)
    assert time.monotonic() - t0 < 1.0
    assert reply["status"] == "error" and reply["ename"] == "KeyboardInterrupt"
    msgs = k.collect(msg_id)
    assert [m["msg_type"] for m in msgs] == ["error"]
    assert k.value("f() + lex") == "'42x'"
    # interrupting code that is inside a host call (display) and a deep recursion also keeps state
    msg_id = k.kc.execute("function spin(n) { if (n) return spin(n - 1); while (true) {} }\nspin(100)")
    time.sleep(0.3)
    k.km.interrupt_kernel()
    assert k.reply(msg_id, timeout=5)["ename"] == "KeyboardInterrupt"
    k.collect(msg_id)
    assert k.value("kept") == "41"


def test_rerunning_let_and_const_cells(k):
    for _ in range(3):
        assert k.value("let counter = 1; const name = 'glass'; counter + name") == "'1glass'"
    assert k.value("let counter = 2; counter") == "2"
    assert k.value("counter = 3; counter") == "3"


def test_execution_count(k):
    reply1, msgs1 = k.run("1")
    reply2, msgs2 = k.run("2")
    assert reply2["execution_count"] == reply1["execution_count"] + 1
    assert msgs2[0]["content"]["execution_count"] == reply2["execution_count"]


def test_stream_order_with_results_and_displays(k):
    reply, msgs = k.run("console.log('a'); console.error('b'); console.log('c');\n"
                        "display.html('<i>d</i>'); console.log('e'); 42")
    got = [(m["msg_type"], m["content"].get("name"), m["content"].get("text") or
            m["content"].get("data", {}).get("text/html") or m["content"].get("data", {}).get("text/plain"))
           for m in msgs]
    assert got == [("stream", "stdout", "a\n"), ("stream", "stderr", "b\n"), ("stream", "stdout", "c\n"),
                   ("display_data", None, "<i>d</i>"), ("stream", "stdout", "e\n"),
                   ("execute_result", None, "42")]


def test_output_arrives_while_the_cell_runs(k):
    # 'early' goes out at once; 'burst' comes within the batching interval, so the timer sends it
    msg_id = k.kc.execute("console.log('early'); console.log('burst');\n"
                          "var t = Date.now(); while (Date.now() - t < 2500) {}\n'done'")
    texts = []
    t0 = time.monotonic()
    while "".join(texts) != "early\nburst\n":
        msg = k.kc.get_iopub_msg(timeout=5)
        if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "stream":
            texts.append(msg["content"]["text"])
    assert time.monotonic() - t0 < 1.5           # not held back until the cell ends (2.5 s)
    assert k.reply(msg_id)["status"] == "ok"
    k.collect(msg_id)


def test_display_update(k):
    reply, msgs = k.run("var h = display.html('<b>1</b>', {display_id: 'counter'}); h.update('<b>2</b>')")
    types = [(m["msg_type"], m["content"]["transient"]["display_id"]) for m in msgs]
    assert types == [("display_data", "counter"), ("update_display_data", "counter")]
    assert msgs[1]["content"]["data"]["text/html"] == "<b>2</b>"
    reply, msgs = k.run("display.markdown('*x*')")            # a handle as the value: no execute_result
    assert [m["msg_type"] for m in msgs] == ["display_data"]


def test_errors_have_cell_relative_stacks(k):
    k.run("function thrower() {\n  null.x;\n}")
    reply, msgs = k.run("1;\nthrower()")
    assert reply["status"] == "error" and reply["ename"] == "TypeError"
    tb = "\n".join(reply["traceback"])
    n = reply["execution_count"]
    assert f"(<cell {n - 1}>:2:" in tb and f"<cell {n}>:2:1" in tb
    assert "  null.x;" in tb                       # the offending line of the earlier cell
    reply, msgs = k.run("var ok = 1;\nvar = 2;")
    assert reply["ename"] == "SyntaxError"
    tb = [ANSI.sub("", line) for line in reply["traceback"]]
    assert tb[:3] == [f"<cell {n + 1}>:2", "var = 2;", "    ^"]


@pytest.mark.parametrize("code,evalue", [("throw 'text'", "'text'"), ("throw {code: 7}", "{ code: 7 }"),
                                         ("throw null", "null"), ("throw undefined", "undefined")])
def test_throwing_non_errors(k, code, evalue):
    reply, msgs = k.run(code)
    assert reply["status"] == "error" and reply["evalue"] == evalue
    assert [m["msg_type"] for m in msgs] == ["error"]


def test_kernel_survives_bad_input(k):
    for code in ["let z = (;", "[" * 20000 + "]" * 20000, "(" * 5000 + "1" + ")" * 5000,
                 "var o = {}; for (var i = 0; i < 100000; i++) o = {o: o}; JSON.stringify(o)",
                 "function r() { return r() }\nr()", "\\u0000 \x00 x", "`${`${`"]:
        reply, _ = k.run(code)
        assert reply["status"] == "error", code[:40]
    assert k.value("'alive'") == "'alive'"


def test_lone_surrogates_do_not_break_messages(k):
    reply, msgs = k.run("console.log('a\\ud800b'); throw new Error('\\udc00')")
    assert reply["status"] == "error" and reply["evalue"] == "\ufffd"
    text = msgs[0]["content"]["text"]
    assert text.startswith("a\ufffd") and text.endswith("b\n")
    assert k.value("'\\ud83d\\ude00'") == "'\U0001f600'"
    assert k.value("'\\ud83d'") is not None


def test_huge_output_is_capped(k):
    reply, msgs = k.run("var s = 'x'.repeat(1 << 20); for (var i = 0; i < 12; i++) console.log(s); 1")
    assert reply["status"] == "ok"
    text = sum(len(m["content"]["text"]) for m in msgs if m["msg_type"] == "stream")
    assert text < 11_000_000
    assert any("output limit" in m["content"]["text"] for m in msgs if m["msg_type"] == "stream")
    assert k.value("[1, 2].concat(new Array(5000).join('y').split(''))").startswith("[\n  1,")


def test_stack_overflow_is_a_js_error(k):
    reply, _ = k.run("function deep(n) { return deep(n + 1) + 1 }\ndeep(0)")
    assert reply["ename"] == "RangeError" and "call stack" in reply["evalue"]
    assert any("repeated" in line for line in reply["traceback"])
    assert k.value("1 + 1") == "2"


def test_limits_from_the_kernelspec_and_out_of_memory(small):
    assert "24 MiB" in small.stdout("%limits")
    reply, msgs = small.run("var keep = 'still here'; var a = []; while (true) a.push([a.length, {x: 1}])")
    assert reply["status"] == "error" and reply["ename"] == "RangeError"
    assert "out of memory" in reply["evalue"]
    assert small.value("a = null; keep") == "'still here'"
    reply, _ = small.run("function r(n) { return r(n + 1) }\nr(0)")      # 256k value stack
    assert reply["ename"] == "RangeError"
    assert small.value("keep") == "'still here'"


def test_time_limit_magic(k):
    assert "applies from the next cell" in k.stdout("%limits time=0.5")
    t0 = time.monotonic()
    reply, _ = k.run("var before = 1; while (true) {}")
    assert reply["ename"] == "TimeoutError" and time.monotonic() - t0 < 3
    k.stdout("%limits time=0")
    assert k.value("before") == "1"


def test_magics(k):
    assert "%timeit" in k.stdout("%lsmagic") and "%heap" in k.stdout("%lsmagic")
    assert "per loop" in k.stdout("%timeit -n 100 -r 2 Math.sqrt(2)")
    assert "per loop" in k.stdout("%%timeit -n 10 -r 1\nvar s = 0;\nfor (var i = 0; i < 10; i++) s += i;")
    assert "freed" in k.stdout("%gc")
    reply, msgs = k.run("%memory")
    assert "memory_used_size" in msgs[0]["content"]["data"]["text/plain"]
    reply, msgs = k.run("%stack")          # between cells nothing runs: the view says so
    assert reply["status"] == "ok" and "No JavaScript is running" in msgs[-1]["content"]["data"]["text/plain"]
    reply, _ = k.run("%no_such_magic")
    assert reply["ename"] == "UsageError"
    assert k.value("%gc\nvar afterMagic = 5; afterMagic") == "5"


def test_reset_and_profile(k):
    k.run("var doomed = 1")
    assert "every variable was cleared" in k.stdout("%reset")
    reply, _ = k.run("doomed")
    assert reply["ename"] == "ReferenceError"
    assert "FRESH engine" in k.stdout("%profile lowmem")
    assert "lowmem" in k.stdout("%profile")
    k.stdout("%profile default")
    assert k.value("typeof display") == "'function'"


def test_completion_types_and_no_side_effects(k):
    k.run("var calls = 0; var obj = {alpha: 1, beta: function () {}, get gamma() { calls++; return 1 }};"
          "let lexical = {inner: 2}")
    msg_id = k.kc.complete("obj.")
    reply = k.reply(msg_id)
    types = {t["text"]: t["type"] for t in reply["metadata"]["_jupyter_types_experimental"]}
    assert types["alpha"] == "number" and types["beta"] == "function" and types["gamma"] == "property"
    assert reply["cursor_start"] == 4
    reply = k.reply(k.kc.complete("obj.gamma."))
    assert reply["matches"] == []
    reply = k.reply(k.kc.complete("lexical.in"))
    assert reply["matches"] == ["inner"]
    reply = k.reply(k.kc.complete("lexi"))
    assert "lexical" in reply["matches"]
    reply = k.reply(k.kc.complete("f().x"))
    assert reply["matches"] == []
    assert k.value("calls") == "0"
    reply = k.reply(k.kc.inspect("[1, 2].map(x", 11))
    assert "arr.map(fn" in reply["data"]["text/plain"]
    reply = k.reply(k.kc.inspect("'abc'.toUpperCase"))
    assert "str.toUpperCase()" in reply["data"]["text/plain"]
    reply = k.reply(k.kc.complete("[].fil"))
    assert sorted(reply["matches"]) == ["fill", "filter"]
    reply = k.reply(k.kc.inspect("obj.beta"))
    assert "Type:      function" in reply["data"]["text/plain"]


def test_comm_round_trip_with_a_widget(k):
    pytest.importorskip("ipywidgets")
    reply, msgs = k.run("%_widget_selftest")
    assert reply["status"] == "ok"
    opens = [m for m in msgs if m["msg_type"] == "comm_open"]
    model = [m for m in opens if m["content"]["data"]["state"].get("_model_name") == "IntSliderModel"]
    assert model and model[0]["content"]["target_name"] == "jupyter.widget"
    comm_id = model[0]["content"]["comm_id"]
    views = [m for m in msgs if m["msg_type"] == "display_data"]
    assert views[-1]["content"]["data"]["application/vnd.jupyter.widget-view+json"]["model_id"] == comm_id
    info = k.reply(k.kc.comm_info())
    assert comm_id in info["comms"]
    # the front end moves the slider: a comm_msg on the shell channel
    msg = k.kc.session.msg("comm_msg", {"comm_id": comm_id,
                                        "data": {"method": "update", "state": {"value": 7}, "buffer_paths": []}})
    k.kc.shell_channel.send(msg)
    echoed = k.collect(msg["header"]["msg_id"])
    assert any(m["msg_type"] == "comm_msg" and m["content"]["data"].get("method") == "echo_update"
               for m in echoed)
    assert k.stdout("%_widget_selftest value").strip() == "7"
