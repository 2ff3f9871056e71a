#!/usr/bin/env python3
"""Writes the definitions of the analysis scaling cases (issue 19, items 3-5) for timing
`leadc check`. tests/unit/analysis/scaling_test.cpp builds the same shapes in C++.

usage: gen_scaling_cases.py CASE N [OUT.lead]
  shared N   terms t_i = t_{i-1} and t_{i-1} (a shared term graph of depth N)
  chain N    N terms, each one atom and the term before it
  labels N   one first-match classification of N labels (use `unique-labels` for unique)
  unique-labels N
  nested N   first-match labels L_i when n <= 2i, each containing the ones before
  literal N  one condition comparing a text field with an N-character literal
  seq-literal N  the same, the field also compared with another field (so the finite
             text abstraction cannot take it: the literal is not given to Z3)
"""
import sys


def header(w, extra=""):
    w('definition "Scaling" version "1.0"')
    w("lead {")
    w("  lead_id: text key")
    w("  n: int?")
    w("  m: int?")
    w("  flag: bool?")
    w("  company: text?")
    w("}")


def main():
    case, n = sys.argv[1], int(sys.argv[2])
    out = []
    w = out.append
    header(w)
    if case == "shared":
        w("term t0 = flag")
        for i in range(1, n + 1):
            w(f"term t{i} = t{i-1} and t{i-1}")
        w("classify c (first match) {")
        w(f"  A when t{n}")
        w("  B otherwise")
        w("}")
    elif case == "chain":
        w("term t0 = n >= 0")
        for i in range(1, n):
            w(f"term t{i} = t{i-1} and (m >= {i} or n < {i})")
        w("classify c (first match) {")
        w(f"  A when t{n-1}")
        w("  B otherwise")
        w("}")
    elif case in ("labels", "unique-labels"):
        uniq = case == "unique-labels"
        w("classify c" + (" (unique)" if uniq else " (first match)") + " {")
        for i in range(n):
            w(f"  L{i} when n in {i * 10}..{i * 10 + 9}")
        w("  Rest otherwise")
        w("}")
    elif case == "nested":
        w("classify c (first match) {")
        for i in range(n):
            w(f"  L{i} when n <= {2 * i}")
        w("  Rest otherwise")
        w("}")
    elif case == "literal":
        lit = ("abcdefghij" * (n // 10 + 1))[:n]
        w(f'term long = company == "{lit}"')
        w("classify c (first match) {")
        w("  A when long")
        w("  B otherwise")
        w("}")
    elif case == "seq-literal":
        lit = ("abcdefghij" * (n // 10 + 1))[:n]
        w(f'term long = company == "{lit}"')
        w("term same = company == lead_id")
        w("classify c (first match) {")
        w("  A when long")
        w("  B when same")
        w("  C otherwise")
        w("}")
    else:
        sys.exit(f"unknown case {case}")
    text = "\n".join(out) + "\n"
    if len(sys.argv) > 3:
        with open(sys.argv[3], "w") as f:
            f.write(text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
