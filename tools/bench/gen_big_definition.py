#!/usr/bin/env python3
"""Writes a large, deterministic lead definition for timing `leadc check`:
200 terms, 50 classifications of 10 labels (40 first-match, 10 unique bands)
and 5 scores over 30 fields of every kind.

usage: gen_big_definition.py [OUT.lead] [--terms N] [--classifications N] [--unique N] [--seed S]

--unique N makes the first N classifications unique (default: a fifth) over every
kind of field in turn (int, money and duration bands, enum members, text prefixes,
a bool); the others are first match. Issue 18's size target is
`--terms 200 --classifications 40 --unique 20`.
"""
import argparse
import random
import sys


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out", nargs="?", default="-")
    ap.add_argument("--terms", type=int, default=200)
    ap.add_argument("--classifications", type=int, default=50)
    ap.add_argument("--labels", type=int, default=10)
    ap.add_argument("--unique", type=int, default=-1)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rnd = random.Random(args.seed)
    mixed = args.unique >= 0  # the old default (int bands, prefix atoms) keeps its figures comparable
    out = []
    w = out.append

    w('definition "Generated benchmark" version "1.0"')
    w("")
    enums = {f"kind{k}": [f"k{k}_{m}" for m in range(5)] for k in range(3)}
    for name, members in enums.items():
        w(f"type {name} = enum {{ {', '.join(members)} }}")
    w("")
    fields = {"ints": [f"n{i}" for i in range(10)], "money": [f"amount{i}" for i in range(4)],
              "durations": [f"wait{i}" for i in range(4)], "bools": [f"flag{i}" for i in range(6)],
              "enums": [f"cat{i}" for i in range(3)], "texts": [f"code{i}" for i in range(3)]}
    w("lead {")
    w("  lead_id: text key")
    for f in fields["ints"]:
        w(f"  {f}: int?")
    for f in fields["money"]:
        w(f"  {f}: money(USD)?")
    for f in fields["durations"]:
        w(f"  {f}: duration? in days")
    for f in fields["bools"]:
        w(f"  {f}: bool" + ("?" if f != "flag0" else ""))
    for i, f in enumerate(fields["enums"]):
        w(f"  {f}: kind{i}?")
    for f in fields["texts"]:
        w(f"  {f}: text?")
    w("}")
    w("")

    def atom():
        kind = rnd.choice(["ints", "ints", "money", "durations", "bools", "enums", "texts", "missing"])
        if kind == "ints":
            f = rnd.choice(fields["ints"])
            lo = rnd.randint(0, 90)
            return rnd.choice([f"{f} >= {lo}", f"{f} < {lo}", f"{f} in {lo}..{lo + rnd.randint(1, 30)}"])
        if kind == "money":
            return f"{rnd.choice(fields['money'])} >= {rnd.choice([10, 50, 250, 1000])}k USD"
        if kind == "durations":
            return f"{rnd.choice(fields['durations'])} <= {rnd.choice([7, 30, 90, 180])} days"
        if kind == "bools":
            return rnd.choice(fields["bools"])
        if kind == "enums":
            i = rnd.randrange(3)
            members = rnd.sample(enums[f"kind{i}"], rnd.randint(1, 3))
            return f"cat{i} in [{', '.join(members)}]"
        if kind == "texts":
            f = rnd.choice(fields["texts"])
            if not mixed:
                return f'{f} starts_with "{rnd.randint(1, 9)}"'
            op = rnd.choice(["starts_with", "starts_with", "ends_with", "contains", "=="])
            return f'{f} {op} "{rnd.choice(["1", "2", "9", "ab", "x-1", "corp"])}"'
        f = rnd.choice(fields["ints"] + fields["money"] + fields["durations"])
        return f"{f} is missing"

    terms = []
    for t in range(args.terms):
        name = f"t{t}"
        if t < 60 or rnd.random() < 0.3:
            body = atom()
        else:
            a, b = rnd.sample(terms, 2)
            body = rnd.choice([f"{a} and {b}", f"{a} or {b}", f"{a} and not {b}", f"({a} or {b}) and {atom()}"])
        w(f"term {name} = {body}")
        terms.append(name)
    w("")

    for s in range(5):
        w(f"score s{s} (0..100) {{")
        for _ in range(5):
            w(f"  +{rnd.choice([5, 10, 15, 20])} when {rnd.choice(terms)}")
        w("}")
    w("")

    n_unique = args.classifications // 5 if args.unique < 0 else args.unique

    def bands(f, unit, width):
        for k in range(args.labels):
            lo = k * width
            if k == 0:
                cond = f"{f} < {width}{unit}"
            elif k == args.labels - 1:
                cond = f"{f} >= {lo}{unit} or {f} is missing"
            else:
                cond = f"{f} >= {lo}{unit} and {f} < {lo + width}{unit}"
            w(f"  B{k} when {cond}")

    for c in range(args.classifications):
        if c < n_unique:
            # Unique, with no overlaps and no gaps (missing goes to the last label).
            kind = c % 6 if mixed else 0
            w(f"classify band{c} (unique) {{")
            if kind == 0:
                bands(fields["ints"][c % len(fields["ints"])], "", 10)
            elif kind == 1:
                bands(fields["money"][c % len(fields["money"])], "k USD", 10)
            elif kind == 2:
                bands(fields["durations"][c % len(fields["durations"])], " days", 7)
            elif kind == 3:
                i = c % 3
                for k, m in enumerate(enums[f"kind{i}"]):
                    w(f"  E{k} when cat{i} == {m}")
                w(f"  E_missing when cat{i} is missing")
            elif kind == 4:
                f = fields["texts"][c % len(fields["texts"])]
                for k in range(1, args.labels):
                    w(f'  P{k} when {f} starts_with "{k}"')
                w("  P_other otherwise")
            else:
                f = fields["bools"][0]  # the required one
                w(f"  Yes when {f}")
                w(f"  No when not {f}")
            w("}")
        else:
            w(f"classify tier{c} (first match) {{")
            for k in range(args.labels - 1):
                a, b = rnd.sample(terms, 2)
                cond = rnd.choice([a, f"{a} and {b}", f"{a} or {b}", f"{a} and s{rnd.randrange(5)} >= {rnd.randint(10, 60)}"])
                w(f"  L{k} when {cond}")
            w(f"  L{args.labels - 1} otherwise")
            w("}")
    w("")
    w("output lead_id, " + ", ".join(f"s{s}" for s in range(5)))
    text = "\n".join(out) + "\n"
    if args.out == "-":
        sys.stdout.write(text)
    else:
        with open(args.out, "w") as fh:
            fh.write(text)


if __name__ == "__main__":
    main()
