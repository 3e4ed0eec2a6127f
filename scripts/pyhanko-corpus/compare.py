#!/usr/bin/env python3
"""Run poppler's `pdfsig` and our `sscasn-check` on every PDF of pyHanko's test corpus and compare
the status of each signature (intact / modified_after / broken; unknown where ours did not check).

    compare.py [--cli PATH] [--corpus DIR]     prints one line per signature; exit 1 on a
                                               difference not named in tests/pyhanko-corpus/exceptions.json

The corpus comes from the pyhanko sdist on PyPI (scripts/pyhanko-corpus/fetch.sh). pdfsig's verdict:
"Signature is Valid" + "Total document signed" = intact, + "Not total" = modified_after; a
digest mismatch or unverifiable ranges = broken; a type pdfsig cannot validate (RFC 3161
document timestamps) = None. The cargo test crate/core/tests/pyhanko_corpus.rs does the same in-process.
"""
import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def pdfsig(path):
    out = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True).stdout
    statuses, total, unknown_type = [], True, False
    for line in map(str.strip, out.splitlines()):
        if line.startswith("- Total document signed"):
            total = True
        elif line.startswith("- Not total document signed"):
            total = False
        elif line.startswith("- Signature Type: "):
            unknown_type = line.endswith("unknown")
        elif line.startswith("- Signature Validation: "):
            v = line.split(": ", 1)[1]
            if v.startswith("Signature is Valid"):
                statuses.append("intact" if total else "modified_after")
            elif unknown_type and v.startswith("Signature has not yet been verified"):
                statuses.append(None)
            else:
                statuses.append("broken")
    return statuses


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", default=str(ROOT / "target/release/sscasn-check"))
    ap.add_argument("--corpus", default=str(ROOT / ".cache/pyhanko-corpus"))
    args = ap.parse_args()
    files = sorted(Path(args.corpus).glob("*.pdf"))
    if not files:
        sys.exit(f"no corpus in {args.corpus}: run scripts/pyhanko-corpus/fetch.sh")
    exceptions = json.loads((ROOT / "tests/pyhanko-corpus/exceptions.json").read_text())["exceptions"]
    named = {(e["file"], e["signature"]): e for e in exceptions}
    ours_all = json.loads(subprocess.run([args.cli, "--json", *map(str, files)], capture_output=True, text=True).stdout)
    same = excepted = differ = 0
    used = set()
    for f, report in zip(files, ours_all):
        theirs = pdfsig(f)
        ours = [s["status"] for s in report["signatures"]]
        for i in range(max(len(theirs), len(ours))):
            o = ours[i] if i < len(ours) else "missing"
            t = theirs[i] if i < len(theirs) else "missing"
            key = (f.name, i + 1)
            if o == t or (t is None and o == "intact" and report["signatures"][i].get("subfilter") == "ETSI.RFC3161"):
                same += 1
                word = "same"
            elif key in named and named[key]["ours"] == o and named[key]["pdfsig"] == t:
                excepted += 1
                used.add(key)
                word = "exception: " + named[key]["name"]
            else:
                differ += 1
                word = "DIFFERENT"
            print(f"{f.name} #{i + 1}: ours {o}, pdfsig {t} — {word}")
    stale = [k for k in named if k not in used]
    for k in stale:
        print(f"exception no longer needed: {k[0]} #{k[1]}")
    signed = sum(1 for r in ours_all if r["signatures"])
    print(f"{len(files)} files, {signed} with signatures: {same} signatures agree, {excepted} named exceptions, {differ} differences")
    sys.exit(1 if differ or stale else 0)


if __name__ == "__main__":
    main()
