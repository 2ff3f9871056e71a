#!/usr/bin/env python3
"""The text-heavy definition of issue 18, point 7: a first-match classification over
two dozen `starts_with` prefixes and a unique one over ten `email ends_with ... and
company contains ...` labels (plus the label for every other lead). A clean
definition: `leadc check` must report nothing. Usage: gen_text_heavy.py > t.lead"""

PREFIXES = ["acme", "beta", "gam", "delta", "eps", "zeta", "eta", "theta", "iota", "kappa", "lam", "mu",
            "nu", "xi", "omi", "pi", "rho", "sig", "tau", "ups", "phi", "chi", "psi", "omega"]
DOMAINS = ["acme.com", "beta.io", "corp.net", "gmail.com", "yahoo.com", "x.org", "y.de", "z.fr", "q.co", "w.uk"]
COMPANIES = ["Acme", "Beta", "Corp", "Goo", "Yah", "Xo", "Yd", "Zf", "Qc", "Wu"]

lines = ['definition "text heavy"', "lead {", "  lead_id: text key", "  email: email?", "  company: text?",
         "  source: text?", "}", "classify src (first match) {"]
lines += [f'  s{i} when source starts_with "{p}"' for i, p in enumerate(PREFIXES)]
lines += ["  other otherwise", "}", "classify dom (unique) {"]
conds = [f'email ends_with "@{d}" and company contains "{c}"' for d, c in zip(DOMAINS, COMPANIES)]
lines += [f"  d{i} when {c}" for i, c in enumerate(conds)]
lines += ["  none when not (" + " or ".join(f"({c})" for c in conds) + ") or email is missing or company is missing",
          "}", "output lead_id, src, dom"]
print("\n".join(lines))
