#!/usr/bin/env bash
# Bring pyHanko's own test PDFs into .cache/pyhanko-corpus/ (ignored): they ship in the PyPI sdist
# of pyhanko (pyhanko_testing_commons/test_data/data/pdf), so a fresh machine gets them from the
# package registry. Pinned by version and sha256; idempotent (nothing is fetched when present).
set -euo pipefail
cd "$(dirname "$0")/../.."
VERSION=0.38.0
SHA256=267d6d3fa460b0f0e9c5362a2d7979dccbe1e6b1f8d89ba0818dd0c45b5f300e
DEST=.cache/pyhanko-corpus
[ -f "$DEST/.version" ] && [ "$(cat "$DEST/.version")" = "$VERSION" ] && exit 0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 -m pip download -q "pyhanko==$VERSION" --no-binary :all: --no-deps --no-build-isolation -d "$tmp" 2>/dev/null ||
  python3 -m pip download -q "pyhanko==$VERSION" --no-binary :all: --no-deps -d "$tmp"
sdist="$tmp/pyhanko-$VERSION.tar.gz"
echo "$SHA256  $sdist" | sha256sum -c --quiet
rm -rf "$DEST" && mkdir -p "$DEST"
tar -xzf "$sdist" -C "$tmp" "pyhanko-$VERSION/pyhanko_testing_commons/test_data/data/pdf"
# Flat names: a sub-folder's files keep it as a prefix (coverage-anomalies/x.pdf -> coverage-anomalies__x.pdf).
(cd "$tmp/pyhanko-$VERSION/pyhanko_testing_commons/test_data/data/pdf" && find . -name '*.pdf' | sed 's|^\./||') |
  while read -r f; do cp "$tmp/pyhanko-$VERSION/pyhanko_testing_commons/test_data/data/pdf/$f" "$DEST/${f//\//__}"; done
echo "$VERSION" >"$DEST/.version"
echo "pyHanko $VERSION test corpus: $(ls "$DEST" | wc -l) PDFs in $DEST"
