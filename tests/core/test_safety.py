"""Bad input must give a JavaScript error and leave the engine usable."""
import os
import signal
import threading
import time

import pytest

import glassjs
from glassjs import JSError, JSInterrupted
from glassjs.engine import introspect


def test_out_of_memory_is_a_catchable_range_error():
    e = glassjs.Engine(memory_limit=4 << 20)
    caught = e.eval("""
        function fill() { var o = {}; for (var i = 0; ; i++) o['k' + i] = 'v' + i }
        var caught;
        try { fill() } catch (err) { caught = err.message + ' ' + (err instanceof RangeError) }
        caught""")
    assert caught == "out of memory true"
    # the garbage of the failed function is gone and the engine keeps working
    assert e.eval("var list = []; for (var i = 0; i < 1000; i++) list.push({i: i}); list.length") == 1000
    assert introspect.check_heap(e) == []


def test_uncaught_out_of_memory_reaches_python():
    e = glassjs.Engine(memory_limit=2 << 20)
    with pytest.raises(JSError) as info:
        e.eval("var s = 'x'; while (true) s = s + s")
    assert (info.value.name, info.value.message) == ("RangeError", "out of memory")
    e.eval("s = null")
    assert e.eval("1 + 1") == 2


def test_stack_overflow_is_a_range_error():
    e = glassjs.Engine()
    with pytest.raises(JSError) as info:
        e.eval("function f() { return f() + 1 } f()")
    assert info.value.name == "RangeError"
    assert "call stack" in info.value.message
    depth = e.eval("var d = 0; function g() { d++; g() } try { g() } catch (x) {} d")
    assert depth > 1000
    assert introspect.check_heap(e) == []


def test_stack_overflow_through_natives():
    e = glassjs.Engine()
    with pytest.raises(JSError) as info:
        e.eval("function h() { return [1].map(h) } h()")
    assert info.value.name == "RangeError"
    assert e.eval("2 * 21") == 42


def test_interrupt_handler_stops_code_uncatchably():
    deadline = time.time() + 0.3
    e = glassjs.Engine(interrupt_handler=lambda: time.time() > deadline)
    e.eval("var z = 1")
    started = time.time()
    with pytest.raises(JSInterrupted):
        e.eval("try { while (true) {} } catch (x) { z = 2 } finally { z = 3 }")
    assert time.time() - started < 2
    assert e.eval("z") == 1            # neither catch nor finally ran
    e.interrupt_handler = None
    assert e.eval("z + 1") == 2
    assert introspect.check_heap(e) == []


def test_keyboard_interrupt_stops_code_and_keeps_state():
    e = glassjs.Engine()
    e.eval("var kept = 'yes'")
    timer = threading.Timer(0.3, lambda: os.kill(os.getpid(), signal.SIGINT))
    timer.start()
    with pytest.raises(KeyboardInterrupt):
        e.eval("for (;;) {}")
    assert e.eval("kept") == "yes"
    assert introspect.check_heap(e) == []


def test_deeply_nested_source_is_a_clean_error():
    e = glassjs.Engine()
    with pytest.raises(JSError) as info:
        e.eval("(" * 100000 + "1" + ")" * 100000)
    assert info.value.name in ("SyntaxError", "RangeError")
    assert e.eval("1") == 1
