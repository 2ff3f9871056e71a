"""Latency of `leadc lsp` as an editor sees it: the time from a didChange of
examples/readytalk.lead to its publishDiagnostics (debounce, compile and the Z3
analysis included), and the round trip of a hover and a completion request.
Prints medians (and min/max) over N runs.
Usage: python3 tools/bench/lsp_latency.py LEADC [N]"""
import os
import statistics
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(SRC, "tests/e2e/lsp"))
from lsp_client import Client  # noqa: E402

leadc = sys.argv[1]
n = int(sys.argv[2]) if len(sys.argv) > 2 else 30
text = open(os.path.join(SRC, "examples/readytalk.lead")).read()
tmp = tempfile.mkdtemp()
path = os.path.join(tmp, "readytalk.lead")
open(path, "w").write(text)

c = Client(leadc, *sys.argv[3:])
c.initialize(tmp)
u = c.open(path, text)
c.diagnostics(u, 1)


def position(needle, delta=1):
    at = text.index(needle) + delta
    return {"line": text.count("\n", 0, at), "character": at - (text.rfind("\n", 0, at) + 1)}


diag, hover, comp, early = [], [], [], []
for i in range(n):
    version = i + 2
    edited = text.replace("90 days", "%d days" % (60 + i))  # a real change: a new constant
    t0 = time.perf_counter()
    c.change(u, edited, version)
    p = c.diagnostics(u, version)
    diag.append((time.perf_counter() - t0) * 1000)
    assert p is not None and p["diagnostics"] == [], p
    t0 = time.perf_counter()
    r = c.request("textDocument/hover", {"textDocument": {"uri": u}, "position": position("soon and hand_raiser")})
    hover.append((time.perf_counter() - t0) * 1000)
    assert r["result"], r
    t0 = time.perf_counter()
    r = c.request("textDocument/completion", {"textDocument": {"uri": u},
                                              "position": position("lead_source == referral", len("lead_source == "))})
    comp.append((time.perf_counter() - t0) * 1000)
    assert r["result"], r
    # A hover that arrives right after a change, before its diagnostics: that version
    # is compiled without the solver to answer it.
    c.change(u, edited.replace("50..5000", "%d..5000" % (40 + i)), version + 1000)
    t0 = time.perf_counter()
    r = c.request("textDocument/hover", {"textDocument": {"uri": u}, "position": position("soon and hand_raiser")})
    early.append((time.perf_counter() - t0) * 1000)
    assert r["result"], r
    c.diagnostics(u, version + 1000)
c.request("shutdown")
c.notify("exit", None)


def show(name, xs):
    print("%-45s median %7.1f ms   min %7.1f   max %7.1f   (n=%d)" % (name, statistics.median(xs), min(xs), max(xs), len(xs)))


show("didChange -> publishDiagnostics (readytalk)", diag)
show("hover (after the change was checked)", hover)
show("completion after `==` (enum members)", comp)
show("hover right after a change (compiles first)", early)
