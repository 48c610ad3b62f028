#!/usr/bin/env bash
# Renders the demo's quarterly deck (PowerPoint) to PNG images for the README: build cx, import both demo
# waves, `cx report --format pptx`, LibreOffice headless → PDF, pdftoppm → PNG (docs/report/slide-NN.png).
# Needs LibreOffice (Impress) and poppler-utils, e.g. on Debian/Ubuntu:
#   apt-get install -y libreoffice-impress poppler-utils fonts-noto-cjk
# Usage: scripts/render-docs.sh [en|zh]   (default en; zh writes docs/report/zh-slide-NN.png)
set -euo pipefail
cd "$(dirname "$0")/.."
lang="${1:-en}"
command -v soffice >/dev/null || { echo "render-docs: LibreOffice (soffice) is not installed" >&2; exit 2; }
command -v pdftoppm >/dev/null || { echo "render-docs: pdftoppm (poppler-utils) is not installed" >&2; exit 2; }
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
npm run build --silent
node bin/cx.js import fixtures/demo/wave-2026Q2.csv fixtures/demo/wave-2026Q3.csv -o "$tmp/demo" --quiet >/dev/null
node bin/cx.js report --config docs/demo-quarterly.cx.yaml --input "$tmp/demo" --lang "$lang" --format pptx -o "$tmp/q3.pptx" --quiet || [ $? -eq 1 ]  # 1 = a target missed (the deck is written)
node bin/cx.js report --config docs/demo-quarterly.cx.yaml --input "$tmp/demo" --lang "$lang" --format xlsx -o "$tmp/q3.xlsx" --quiet || [ $? -eq 1 ]
# A private LibreOffice profile: no clash with a running instance, no first-start dialogs.
soffice -env:UserInstallation="file://$tmp/lo" --headless --convert-to pdf --outdir "$tmp" "$tmp/q3.pptx" >/dev/null
mkdir -p docs/report
prefix="docs/report/$(if [ "$lang" = zh ]; then echo zh-; fi)slide"
rm -f "$prefix"-*.png
pdftoppm -png -scale-to 1280 "$tmp/q3.pdf" "$prefix"
ls "$prefix"-*.png
