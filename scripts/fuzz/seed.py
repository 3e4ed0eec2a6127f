#!/usr/bin/env python3
"""Seed fuzz/corpus/<target>/ from the fixture corpus (idempotent; libFuzzer adds its own finds).

analyze: every fixture up to MAX_SEED bytes, prefixed with the selector byte for the document
         type and stage it is checked with in tests/fixtures/expected.json (see fuzz/src/lib.rs),
         plus every reproducer in tests/fixtures/fuzz-regressions/analyze/.
content: the page content streams and ToUnicode CMaps found in the fixture PDFs (inflated),
         plus tests/fixtures/fuzz-regressions/content/.
fit:     the PDFs and JPEGs among those fixtures (no selector byte; the limit is half the size).
profile: a few profile and options JSON documents, plus tests/fixtures/fuzz-regressions/profile/.
"""
import hashlib
import json
import re
import sys
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
REGRESSIONS = FIXTURES / "fuzz-regressions"
CORPUS = ROOT / "fuzz" / "corpus"
# Bigger seeds (the 12 MP photo, the 800 KB scan, the 1 MB bomb) make every mutation slow; the
# ordinary tests cover them. Must not exceed the -max_len build.sh passes.
MAX_SEED = 256 * 1024
DOCS = ["surat_lamaran", "surat_pernyataan", "ijazah", "transkrip", "pas_foto", "ktp", "pendukung", "other"]


def selector(doc, stage):
    return DOCS.index(doc) | (8 if stage == "stamping" else 0)


def put(target, data):
    d = CORPUS / target
    d.mkdir(parents=True, exist_ok=True)
    path = d / hashlib.sha1(data).hexdigest()
    if not path.exists():
        path.write_bytes(data)
        return 1
    return 0


def streams(pdf):
    for m in re.finditer(rb"stream\r?\n", pdf):
        end = pdf.find(b"endstream", m.end())
        if end < 0:
            continue
        raw = pdf[m.end():end]
        try:
            yield zlib.decompressobj().decompress(raw, 1 << 20)
        except zlib.error:
            yield raw


def main():
    expected = json.loads((FIXTURES / "expected.json").read_text())
    added = {"analyze": 0, "content": 0, "fit": 0, "profile": 0}
    for key, e in expected.items():
        path = FIXTURES / e.get("file", key)
        data = path.read_bytes()
        if len(data) > MAX_SEED:
            continue
        added["analyze"] += put("analyze", bytes([selector(e.get("doc", "other"), e.get("stage", "upload"))]) + data)
        if data.startswith(b"%PDF") or data.startswith(b"\xff\xd8"):
            added["fit"] += put("fit", data)
        if path.suffix == ".pdf":
            for s in streams(data):
                if len(s) <= MAX_SEED and (b"BT" in s or b" Do" in s or b" cm" in s or b"begincmap" in s):
                    if b"begincmap" in s:
                        s = b"BT /F2 12 Tf 72 700 Td <0024004400450003> Tj ET\0CMAP\0" + s
                    added["content"] += put("content", s)
    profiles = [
        {"nik": "3171045708950003", "no_kk": "3171041203150007", "nama": "SITI AMINAH", "tanggal_lahir": "1995-08-17",
         "jenis_kelamin": "P", "no_hp": "0812-3456-7890", "email": "siti.aminah@example.co.id",
         "pendidikan": {"ipk": "3,45", "tahun_lulus": "2017"},
         "pekerjaan": [{"mulai": "2018-01-02", "selesai": "2020-12-31", "gaji": "5.000.000"},
                       {"mulai": "01/02/2021", "sekarang": True}]},
        {"nik": "3273011201000001", "tanggal_lahir": "12-01-2000", "jenis_kelamin": "L", "no_hp": "+62 812 3456 789"},
        {"file": "surat.pdf", "doc": "surat_lamaran", "stage": "stamping", "max_kb": 800},
    ]
    for p in profiles:
        added["profile"] += put("profile", json.dumps(p).encode())
    for s in [b"3171045708950003", b"081234567890", b"a.b+c@mail.example.id", b"29/02/2024"]:
        added["profile"] += put("profile", s)
    for target in added:
        d = REGRESSIONS / target
        if d.is_dir():
            for f in sorted(d.iterdir()):
                if f.is_file():
                    added[target] += put(target, f.read_bytes())
    for target, n in added.items():
        total = len(list((CORPUS / target).iterdir()))
        print(f"seeded fuzz/corpus/{target}: {n} new, {total} in all")


if __name__ == "__main__":
    sys.exit(main())
