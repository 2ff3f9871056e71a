#!/usr/bin/env python3
"""Writes the lead files of tests/e2e/real_exports.sh the way each tool writes them.

Run from this folder; the files are committed, this shows how they were made. Every
file holds the same five leads as clean.csv (plain UTF-8, ISO values)."""
import csv, io

HEADER = ["Record ID", "First Name", "Contacted Us", "Annual Revenue", "Last Activity Date"]
# (id, name, contacted, revenue, (y, m, d, hh, mm)) — names outside ASCII on purpose.
LEADS = [
    ("101", "Jürgen", True, "1200.50", (2026, 3, 29, 0, 30)),
    ("102", "Zoë", False, "250.00", (2026, 11, 22, 10, 30)),
    ("103", "François", True, "99.99", (2024, 1, 15, 10, 30)),
    ("104", "Ana", None, "", None),
    ("105", "Søren", True, "45000.00", (2026, 10, 25, 1, 59)),
]

def table(boolean, money, stamp):
    rows = [HEADER]
    for i, name, contacted, revenue, ts in LEADS:
        rows.append([i, name, "" if contacted is None else boolean(contacted),
                     money(revenue) if revenue else "", stamp(*ts) if ts else ""])
    return rows

def write(rows, delimiter=",", quoting=csv.QUOTE_MINIMAL, newline="\r\n"):
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, quoting=quoting, lineterminator=newline).writerows(rows)
    return out.getvalue()

iso = lambda y, m, d, hh, mm: f"{y:04}-{m:02}-{d:02}T{hh:02}:{mm:02}:00Z"
clean = table(lambda b: "true" if b else "false", lambda r: r, iso)
open("clean.csv", "w", encoding="utf-8", newline="").write(write(clean, newline="\n"))

# HubSpot: Yes/No as Y/N in a custom property, `$` amounts, "YYYY-MM-DD HH:MM" (UTC).
hubspot = table(lambda b: "Y" if b else "N", lambda r: "$" + r,
                lambda y, m, d, hh, mm: f"{y:04}-{m:02}-{d:02} {hh:02}:{mm:02}")
text = write(hubspot)
open("hubspot.csv", "w", encoding="utf-8", newline="").write(text)
# Excel in Germany/France: "CSV UTF-8 (durch Trennzeichen getrennt)": `;`, a BOM.
open("excel_semicolon_bom.csv", "wb").write(b"\xef\xbb\xbf" + write(hubspot, ";").encode("utf-8"))
# Excel "Unicode Text (*.txt)": UTF-16 LE with a BOM, TAB-separated.
open("excel_unicode_text.txt", "wb").write(b"\xff\xfe" + write(hubspot, "\t").encode("utf-16-le"))
# An older "CSV (Comma delimited)" save: Windows-1252, amounts with the code after.
cp = table(lambda b: "yes" if b else "no", lambda r: r + " USD",
           lambda y, m, d, hh, mm: f"{y:04}-{m:02}-{d:02}T{hh:02}:{mm:02}")
open("windows_1252.csv", "wb").write(write(cp).encode("cp1252"))
# Salesforce Data Loader: every cell quoted, `true`/`false`, ISO with `.000+0000`.
sf = table(lambda b: "true" if b else "false", lambda r: r,
           lambda y, m, d, hh, mm: f"{y:04}-{m:02}-{d:02}T{hh:02}:{mm:02}:00.000+0000")
open("salesforce_dataloader.csv", "w", encoding="utf-8", newline="").write(write(sf, quoting=csv.QUOTE_ALL, newline="\n"))

# A German Excel export ("CSV (Trennzeichen-getrennt)"): `;`, decimal commas with `.`
# thousands, `DD.MM.YYYY HH:mm` (read with crm_de.lead's formats; UTC, no zone).
de = table(lambda b: "1" if b else "0",
           lambda r: f"{float(r):,.2f}".replace(",", "_").replace(".", ",").replace("_", "."),
           lambda y, m, d, hh, mm: f"{d:02}.{m:02}.{y:04} {hh:02}:{mm:02}")
open("excel_german.csv", "w", encoding="utf-8", newline="").write(write(de, ";"))

# A US spreadsheet: `$1,200.50`, `M/D/YYYY h:mm A` in New York time (crm_us.lead says
# `zone "America/New_York"`); the instants are clean.csv's.
from datetime import datetime, timezone
from zoneinfo import ZoneInfo
def us_stamp(y, m, d, hh, mm):
    t = datetime(y, m, d, hh, mm, tzinfo=timezone.utc).astimezone(ZoneInfo("America/New_York"))
    return f"{t.month}/{t.day}/{t.year} {(t.hour + 11) % 12 + 1}:{t.minute:02} {'PM' if t.hour >= 12 else 'AM'}"
us = table(lambda b: "Yes" if b else "No", lambda r: f"${float(r):,.2f}", us_stamp)
open("us_spreadsheet.csv", "w", encoding="utf-8", newline="").write(write(us))

# HubSpot's API/exports of datetime properties: Unix epoch milliseconds (crm_epoch.lead).
ms = lambda y, m, d, hh, mm: str(int(datetime(y, m, d, hh, mm, tzinfo=timezone.utc).timestamp()) * 1000)
epoch = table(lambda b: "true" if b else "false", lambda r: r, ms)
open("hubspot_epoch_millis.csv", "w", encoding="utf-8", newline="").write(write(epoch, newline="\n"))
