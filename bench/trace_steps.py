#!/usr/bin/env python3
"""How fast the step-through player renders a step (issue 5: "each step
renders in under 100 ms" on a >= 500-instruction trace).

    python bench/trace_steps.py [--json FILE]

Records a trace of a small program (calls, recursion, objects, strings), builds
the player widget, then moves its slider -- forward over every step, backward,
and in random jumps -- timing each move from the slider's new value until
every panel widget has its new HTML and the widget messages are serialised to
JSON (a recording comm stands in for the kernel's: HMAC signing and the zmq
send are not included).  Also: recording 10,000 steps (the default budget) and
stepping in that long trace.  Figures only; no assertion (the machine is shared).
"""
from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

PROGRAM = """\
function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2) }
function Point(x, y) { this.x = x; this.y = y }
Point.prototype.norm = function () { return Math.sqrt(this.x * this.x + this.y * this.y) }
var pts = [];
for (var i = 0; i < 12; i++) {
  pts.push(new Point(i, fib(i % 7)));
}
var label = '';
for (var j = 0; j < pts.length; j++) {
  label += pts[j].norm() > 5 ? 'L' : 's';
}
var total = fib(9);
label + total
"""


def install_recording_comm():
    """Widgets send their messages through this comm: JSON-encoded, bytes counted."""
    import comm
    from comm import DummyComm

    class RecordingComm(DummyComm):
        sent_bytes = 0
        messages = 0

        def publish_msg(self, msg_type, data=None, metadata=None, buffers=None, **keys):
            RecordingComm.sent_bytes += len(json.dumps({"msg_type": msg_type, "data": data,
                                                        "metadata": metadata}))
            RecordingComm.messages += 1

    comm.create_comm = lambda *a, **kw: RecordingComm(*a, **kw)
    return RecordingComm


def stats(ms):
    ms = sorted(ms)
    return {"n": len(ms), "median_ms": round(statistics.median(ms), 3),
            "p95_ms": round(ms[min(len(ms) - 1, int(0.95 * len(ms)))], 3), "max_ms": round(ms[-1], 3)}


def time_moves(player, order, rec):
    out = []
    b0, m0 = rec.sent_bytes, rec.messages
    for i in order:
        t0 = time.perf_counter()
        player.slider.value = i
        out.append((time.perf_counter() - t0) * 1000)
    r = stats(out)
    r["bytes_per_step"] = round((rec.sent_bytes - b0) / max(len(order), 1))
    r["messages"] = rec.messages - m0
    return r


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--json", help="write the figures to this file")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()

    rec = install_recording_comm()
    import glassjs
    from glassjs.engine import tracer
    from glassjs.visualizers.trace_player import Player

    results = {}
    e = glassjs.Engine()
    t0 = time.perf_counter()
    trace = tracer.trace_source(e, PROGRAM, "<bench>")
    record_ms = (time.perf_counter() - t0) * 1000
    n = len(trace.steps)
    assert trace.status == "done", trace.message
    t0 = time.perf_counter()
    player = Player(trace, {"<bench>": PROGRAM})
    build_ms = (time.perf_counter() - t0) * 1000
    rnd = random.Random(args.seed)
    results["program"] = {"steps": n, "heap_events": len(trace.events), "record_ms": round(record_ms, 1),
                          "player_build_ms": round(build_ms, 1)}
    results["forward"] = time_moves(player, range(1, n), rec)
    results["backward"] = time_moves(player, range(n - 2, -1, -1), rec)
    results["random"] = time_moves(player, [rnd.randrange(n) for _ in range(300)], rec)

    e2 = glassjs.Engine()
    t0 = time.perf_counter()
    long = tracer.trace_source(e2, "var o = []; for (var i = 0; ; i++) { o.push({i: i, s: 'k' + i}); if (o.length > 50) o.shift() }")
    long_ms = (time.perf_counter() - t0) * 1000
    t0 = time.perf_counter()
    p2 = Player(long)
    build2 = (time.perf_counter() - t0) * 1000
    results["budget_trace"] = {"steps": len(long.steps), "status": long.status, "heap_events": len(long.events),
                               "record_ms": round(long_ms, 1), "player_build_ms": round(build2, 1)}
    results["budget_trace_random"] = time_moves(p2, [rnd.randrange(len(long.steps)) for _ in range(200)], rec)

    print(f"trace of the benchmark program: {n} instructions, {len(trace.events)} heap events; "
          f"recorded in {record_ms:.1f} ms, player built in {build_ms:.1f} ms")
    print(f"{'slider moves':<28}{'steps':>7}{'median ms':>11}{'p95 ms':>9}{'max ms':>9}{'bytes/step':>12}")
    for key in ("forward", "backward", "random", "budget_trace_random"):
        r = results[key]
        print(f"{key:<28}{r['n']:>7}{r['median_ms']:>11.2f}{r['p95_ms']:>9.2f}{r['max_ms']:>9.2f}"
              f"{r['bytes_per_step']:>12,}")
    b = results["budget_trace"]
    print(f"10,000-step budget trace: status {b['status']}, {b['steps']} steps, {b['heap_events']} heap events, "
          f"recorded in {b['record_ms']:.0f} ms, player built in {b['player_build_ms']:.0f} ms")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
