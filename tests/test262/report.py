"""Pass-rate tables and result files for the test262 runner."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import PurePosixPath

__all__ = ["group_of", "summarize", "text_table", "markdown_report",
           "write_json", "write_failures"]


def group_of(path: str) -> str:
    """'test/built-ins/Array/from/x.js' -> 'built-ins/Array' (the first three
    path components without the leading 'test')."""
    parts = PurePosixPath(path).parts
    if parts and parts[0] == "test":
        parts = parts[1:]
    dirs = parts[:-1]
    return "/".join(dirs[:2]) if dirs else "(top)"


def summarize(results: dict) -> tuple[list, tuple]:
    """results: {path: status or object with .status} ->
    ([(group, passed, total), ...] sorted by group, (passed, total))."""
    acc = defaultdict(lambda: [0, 0])
    for path, r in results.items():
        status = r if isinstance(r, str) else (r["status"] if isinstance(r, dict) else r.status)
        g = acc[group_of(path)]
        g[1] += 1
        g[0] += status == "pass"
    rows = [(g, p, t) for g, (p, t) in sorted(acc.items())]
    passed = sum(p for _, p, _ in rows)
    total = sum(t for _, _, t in rows)
    return rows, (passed, total)


def _pct(p, t):
    return f"{100.0 * p / t:.1f}%" if t else "-"


def text_table(rows, totals, title: str = "") -> str:
    header = ("directory", "passed", "total", "rate")
    body = [(g, str(p), str(t), _pct(p, t)) for g, p, t in rows]
    foot = ("TOTAL", str(totals[0]), str(totals[1]), _pct(*totals))
    widths = [max(len(r[i]) for r in [header, foot] + body) for i in range(4)]

    def fmt(r):
        return "  ".join([r[0].ljust(widths[0])] + [r[i].rjust(widths[i]) for i in (1, 2, 3)])

    rule = "-" * len(fmt(header))
    lines = ([title] if title else []) + [fmt(header), rule] + [fmt(r) for r in body] + [rule, fmt(foot)]
    return "\n".join(lines) + "\n"


def markdown_report(rows, totals, engine: str, list_name: str, date: str,
                    extra: str = "") -> str:
    out = [f"# test262 results: {engine}", "",
           f"- date: {date}", f"- engine: {engine}", f"- tests: {list_name}",
           f"- passed: {totals[0]} / {totals[1]} ({_pct(*totals)})"]
    if extra:
        out.append(extra)
    out += ["", "| directory | passed | total | rate |", "|---|---:|---:|---:|"]
    out += [f"| {g} | {p} | {t} | {_pct(p, t)} |" for g, p, t in rows]
    out.append(f"| **total** | **{totals[0]}** | **{totals[1]}** | **{_pct(*totals)}** |")
    return "\n".join(out) + "\n"


def write_json(path, results: dict, info: dict):
    rows, totals = summarize(results)
    data = dict(info)
    data["summary"] = {"passed": totals[0], "total": totals[1],
                       "rate": round(totals[0] / totals[1], 6) if totals[1] else None,
                       "groups": {g: {"passed": p, "total": t} for g, p, t in rows}}
    data["results"] = {p: r.to_json() if hasattr(r, "to_json") else r
                       for p, r in sorted(results.items())}
    with open(path, "w") as f:
        json.dump(data, f, indent=1, sort_keys=False)
        f.write("\n")


def write_failures(path, results: dict):
    """One line per failing test, sorted: '<path>\\t<reason>'."""
    lines = []
    for p, r in sorted(results.items()):
        status = r["status"] if isinstance(r, dict) else r.status
        reason = r.get("reason", "") if isinstance(r, dict) else r.reason
        if status != "pass":
            lines.append(f"{p}\t{' '.join(reason.split())}")
    with open(path, "w") as f:
        f.write("\n".join(lines) + ("\n" if lines else ""))
