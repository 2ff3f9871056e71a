"""Random lead definitions and lead files for the SQL differential test.

`generate(seed, folder)` writes random_SEED.lead and random_SEED.csv: a lead block with
every field kind (optional, awkward column names), random terms, scores and
classifications over them, outputs of every kind, and rows with missing cells,
quoted CSV cells and the cell spellings the readers accept: currency marks on money,
`format` number patterns ("1,234", "1.234,56", "1 234,56"), ISO timestamps with `Z`,
`±HH:MM` or `±HHMM` offsets (Salesforce's `…T10:30:00.000+0000`) and fractions.
"""
import csv
import datetime
import random

ATOMS_BY_FIELD = {
    "flag": ["flag", "not flag", "flag is missing", "flag == true"],
    "visits": ["visits > {i}", "visits in 1..{i}", "visits == {i}", "visits is known",
               "min(visits, 3) == 3", "visits * 2 >= ratio", "visits / {i} >= 1",
               "visits - {i} < 0"],
    "ratio": ["ratio <= {f}", "ratio > -{f}", "ratio + visits >= {i}", "max(ratio, 1) == 1"],
    "wait": ["wait <= {d} days", "wait > 2 weeks", "wait + secs >= {d} hours", "wait is missing"],
    "secs": ["secs >= 60 seconds", "secs < {d} minutes", "secs in 0 seconds..2 hours"],
    "revenue": ["revenue >= {m}k USD", "revenue < 1M USD", "revenue / 2 > 100 USD",
                "revenue == 12.34 USD"],
    "name": ['name starts_with "{s}"', 'name ends_with "{s}"', 'name contains "{s}"',
             'name == "{s}"', 'name != ""'],
    "mail": ['mail ends_with ".example"', 'mail contains "@"', "mail is known"],
    "tel": ['tel starts_with "+"', "tel is missing"],
    "created": ["created within {d} days", "created within 2 years", "created is known"],
    "seen": ["seen within 400 days", "seen within {d} weeks", "seen is missing"],
    "staff": ["staff >= {i}000", "staff < 50", "staff is missing", "staff * 2 > visits"],
    "umsatz": ["umsatz >= {m}k EUR", "umsatz < 1000 EUR", "umsatz == 1200.50 EUR", "umsatz is known"],
    "share": ["share > {f}", "share <= 1234.5", "share is missing"],
    "synced": ["synced within {d} days", "synced is known", "synced > seen"],
    "born": ["born within 2 years", "born is missing", "born == created"],
    "tier": ["tier == gold", "tier in [gold, silver]", "tier != bronze", "tier not in [bronze]"],
}

TEXTS = ["Ann", "ann", "Bob O'Neil", "", " padded ", "Zoë", "a,b", 'say "hi"', "multi\nline",
         "100%_", "An"]


def fill(rng, template):
    return template.format(i=rng.randint(1, 6), f=rng.choice(["0.5", "2.5", "10"]),
                           d=rng.choice([1, 30, 90, 400]), m=rng.choice([1, 10, 250]),
                           s=rng.choice(["A", "a", "n", "O'", "%", ""]))


def condition(rng, depth=0):
    if depth >= 2 or rng.random() < 0.4:
        field = rng.choice(list(ATOMS_BY_FIELD))
        return fill(rng, rng.choice(ATOMS_BY_FIELD[field]))
    op = rng.choice(["and", "or", "and", "or", "not"])
    if op == "not":
        return "not (" + condition(rng, depth + 1) + ")"
    return "(" + condition(rng, depth + 1) + " " + op + " " + condition(rng, depth + 1) + ")"


# Half the random definitions have an activity block: every aggregate kind, decay,
# and aggregates combined with lead fields (LANGUAGE.md section 6).
ACTIVITY = """activity {
  lead_id: text key
  kind:    enum { view, click, buy }
  at:      timestamp
  amount:  money(USD)?
  pages:   int?
}
"""


def activity_lines(rng):
    d = rng.choice([7, 30, 90, 400])
    return [ACTIVITY,
            "term clicks = count(activity where kind == click)",
            f"term bought_recently = any(activity where kind == buy within {d} days)",
            "term quiet = none(activity within 90 days)",
            "term spent = sum(activity.amount where kind == buy)",
            f"term pages_read = sum(activity.pages where pages >= {rng.randint(0, 3)})",
            "term last_seen = latest(activity.at)",
            "term first_buy = earliest(activity.at where kind == buy)",
            "term engaged = clicks >= 2 and (visits > 1 or spent >= 10 USD)",
            "",
            "score heat {",
            f"  decay half_life {rng.choice([7, 30, 90])} days",
            f"  +10 per count(activity where kind == click) max {rng.randint(20, 40)}",
            "  +20 when any(activity where kind == buy)",
            "  -3 when quiet",
            "}",
            ""]


def definition(rng, seed, phone, activities=False):
    lines = [f'definition "random {seed}"', "",
             "type tier = enum { gold, silver, bronze }", "",
             "lead {",
             '  lead_id: text key from "id"',
             '  flag:    bool? from "flag \\"quoted\\""',
             '  visits:  int? from "\\"; DROP TABLE leads; --"',
             "  ratio:   number?",
             '  wait:    duration? in days from "wait days"',
             "  secs:    duration? in seconds",
             '  revenue: money(USD)? from "revenue_usd"',
             "  name:    text?",
             "  mail:    email?",
             "  tel:     " + ("phone?" if phone else "text?"),
             "  created: date?",
             "  seen:    timestamp?",
             "  tier:    tier?",
             '  staff:   int? format "1,234" from "Employees"',
             '  umsatz:  money(EUR)? format "1.234,56" from "Umsatz"',
             '  share:   number? format "1 234,56"',
             "  synced:  timestamp? format epoch_millis",
             "  born:    date? format epoch_seconds",
             "}", ""]
    terms = []
    for k in range(rng.randint(2, 5)):
        terms.append(f"cond_{k}")
        lines.append(f"term cond_{k} = {condition(rng)}")
    if activities:
        lines += activity_lines(rng)
    lines.append("term total = visits * 2 + ratio")
    lines.append("term waited = wait + secs")
    lines.append("term per_visit = revenue / visits")
    lines.append("")
    lines.append("score points (0..100) {" if rng.random() < 0.6 else "score points {")
    lines.append(f"  +{rng.randint(5, 10)} per visits max {rng.randint(30, 60)}")
    for _ in range(rng.randint(1, 5)):
        kind = rng.random()
        if kind < 0.6:
            lines.append(f"  {rng.choice(['+', '-'])}{rng.randint(1, 30)} when {rng.choice(terms + [condition(rng)])}")
        else:
            cap = f" max {rng.randint(5, 40)}" if rng.random() < 0.7 else ""
            lines.append(f"  +{rng.randint(1, 10)} per visits{cap}")
    if activities:
        lines.append(f"  +{rng.randint(1, 5)} per count(activity where kind == view) max {rng.randint(5, 20)}")
        lines.append(f"  -{rng.randint(1, 9)} when engaged")
    lines.append("}")
    lines.append("")
    lines.append("classify band (first match) {")
    lines.append(f"  top when points >= {rng.randint(10, 30)} and {rng.choice(terms)}")
    lines.append(f"  1 when {rng.choice(terms)} or tier == gold")
    lines.append("  rest otherwise")
    lines.append("}")
    lines.append("")
    lines.append("classify known_flag (unique) {")
    lines.append("  yes when flag")
    lines.append("  no when not flag")
    lines.append("  unsure when flag is missing")
    lines.append("}")
    lines.append("")
    outs = ["lead_id", "flag", "visits", "ratio", "wait", "secs", "revenue", "name", "mail", "tel",
            "created", "seen", "tier", "staff", "umsatz", "share", "synced", "born", "total", "waited", "per_visit", "points", "band",
            "known_flag"] + terms
    if activities:
        outs += ["clicks", "bought_recently", "quiet", "spent", "pages_read", "last_seen", "first_buy",
                 "engaged", "heat"]
    lines.append("output " + ", ".join(outs))
    return "\n".join(lines) + "\n"


def cell(rng, field):
    if field != "id" and rng.random() < 0.2:
        return ""
    pad = (lambda s: " " + s + " ") if rng.random() < 0.15 else (lambda s: s)
    if field == "flag":
        return pad(rng.choice(["true", "false", "yes", "No", "1", "0", "TRUE"]))
    if field == "visits":
        return pad(str(rng.randint(-3, 12)))
    if field == "ratio":
        return pad(rng.choice(["0", "-12", "3.5", "0.1", "2.5", "10", "-0.25"]))
    if field == "wait":
        return pad(rng.choice(["0", "1", "1.5", "14", "30", "90", "400"]))
    if field == "secs":
        return pad(rng.choice(["0", "59", "60", "3600", "7200.5"]))
    if field == "revenue":
        return pad(rng.choice(["0", "12.34", "0.29", "1.15", "250000", "999999.99", "1000000",
                               "$12.34", "$ 0.29", "1.15 USD", "USD 250000", "999999.99USD"]))
    if field == "staff":
        return pad(rng.choice(["0", "12", "1,200", "1200", "12,345,678", "-1,000", "999"]))
    if field == "umsatz":
        return pad(rng.choice(["0", "1.200,50", "EUR 1.200,50", "\u20ac12,5", "1200", "0,29",
                               "999.999,99 \u20ac", "1.000.000", "12,34 EUR"]))
    if field == "synced":
        return pad(rng.choice(["1763807400000", "1700000000123", "86400000", "1772323200000", "1772409599999"]))
    if field == "born":
        return pad(rng.choice(["1700000000", "1700000000.75", "1763807400", "1772323199", "1772323200"]))
    if field == "share":
        return pad(rng.choice(["0", "1 234,5", "12,25", "-3", "1\u00a0234", "1234,5", "0,1"]))
    if field == "name":
        return rng.choice(TEXTS)
    if field == "mail":
        return rng.choice(["ann@corp.example", "b@x.io", "o'neil@mail.example"])
    if field == "tel":
        return rng.choice(["+1 720 555 0101", "(303) 555-0177", "555.123.4567"])
    if field == "created":
        return pad(f"{rng.randint(2019, 2027)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}")
    if field == "seen":
        date = f"{rng.randint(2019, 2027)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        time = f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}"
        if rng.random() < 0.7:
            time += f":{rng.randint(0, 59):02d}"
            if rng.random() < 0.3:
                time += "." + rng.choice(["5", "25", "125", "000"])
        zone = rng.choice(["Z", "", "+02:00", "-05:30", "+0000", "+0530", "-0800"])
        return pad(date + rng.choice(["T", " "]) + time + zone)
    if field == "tier":
        return rng.choice(["gold", "silver", "bronze"])
    return "?"


COLUMNS = ["id", 'flag "quoted"', '"; DROP TABLE leads; --', "ratio", "wait days", "secs",
           "revenue_usd", "name", "mail", "tel", "created", "seen", "tier", "Employees", "Umsatz", "share",
           "synced", "born", "extra"]
FIELDS = ["id", "flag", "visits", "ratio", "wait", "secs", "revenue", "name", "mail", "tel",
          "created", "seen", "tier", "staff", "umsatz", "share", "synced", "born", "extra"]

# The number patterns of the columns above (thousands separator, decimal mark), for
# the typed loads of the differential test, which insert plain numbers.
NUMBER_FORMATS = {"Employees": (",", "."), "Umsatz": (".", ","), "share": (" ", ",")}
EPOCH_FORMATS = {"synced": 1000, "born": 1}  # Unix times: the divisor to seconds
CURRENCY_MARKS = ["USD", "$", "EUR", "\u20ac"]


def iso_of_epoch(column, text, date):
    """A Unix-time cell as the ISO text a typed load holds (UTC)."""
    seconds = float(text.strip(" ")) / EPOCH_FORMATS[column]
    t = datetime.datetime.fromtimestamp(seconds, datetime.timezone.utc)
    return t.strftime("%Y-%m-%d") if date else t.isoformat()


def plain_number(column, text):
    """A number cell as plain decimal text, as the reader reads it: without the
    currency mark, and the column's pattern separators."""
    for mark in CURRENCY_MARKS:
        text = text.replace(mark, "")
    text = text.strip(" ")
    if column in NUMBER_FORMATS:
        group, decimal = NUMBER_FORMATS[column]
        for g in [group] + (["\u00a0", "\u202f"] if group == " " else []):
            text = text.replace(g, "")
        text = text.replace(decimal, ".")
    return text


def event_rows(rng, keys):
    rows = []
    for _ in range(rng.randint(0, 3 * len(keys))):
        key = rng.choice(keys) if rng.random() < 0.9 else f"X{rng.randint(0, 9)}"  # some keys have no lead
        # around the as-of time of the test (2026-03-01), a few after it
        at = f"2026-{rng.randint(1, 4):02d}-{rng.randint(1, 28):02d}T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:00"
        at += rng.choice(["Z", "Z", ".000+0000", "+0530", "-0800", "-03:00"])
        if rng.random() < 0.2:
            at = f"{rng.randint(2024, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T00:00:00Z"
        amount = "" if rng.random() < 0.3 else rng.choice(["0", "9.99", "12.34", "100", "250.5"])
        pages = "" if rng.random() < 0.3 else str(rng.randint(0, 9))
        rows.append([key, rng.choice(["view", "click", "buy"]), at, amount, pages])
    return rows


def generate(seed, folder, phone=True, activities=None):
    """Returns (definition, leads file, events file or None)."""
    rng = random.Random(seed)
    if activities is None:
        activities = seed % 2 == 0
    lead = f"{folder}/random_{seed}.lead"
    leads = f"{folder}/random_{seed}.csv"
    with open(lead, "w") as f:
        f.write(definition(rng, seed, phone, activities))
    with open(leads, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(COLUMNS)
        keys = []
        for row in range(rng.randint(20, 60)):
            values = [cell(rng, field) for field in FIELDS]
            values[0] = f"L{row:04d}-{rng.randint(0, 99)}"
            values[-1] = "ignored"
            w.writerow(values)
            keys.append(values[0])
    if not activities:
        return lead, leads, None
    events = f"{folder}/random_{seed}_events.csv"
    with open(events, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["lead_id", "kind", "at", "amount", "pages"])
        w.writerows(event_rows(rng, keys))
    return lead, leads, events
