#!/usr/bin/env bash
# Builds dist/cx: one executable with Node, the bundled CLI and the shipped templates/lexicons (Node SEA,
# DESIGN.md §7). The native jieba addon cannot live inside the blob: the binary falls back to
# Intl.Segmenter for Chinese words. DuckDB (optional, native) is left out too: --engine duckdb says how to
# install it, and Parquet export falls back to hyparquet-writer.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p dist
node scripts/sea-config.mjs > dist/sea-config.json
npx esbuild src/cli/bin.ts --bundle --platform=node --target=node20 --format=cjs --outfile=dist/cx.cjs \
  --log-level=warning --legal-comments=none \
  --external:@node-rs/jieba --external:@node-rs/jieba/* --external:canvas \
  --external:@duckdb/* --external:pg-native \
  --alias:vega-canvas=./scripts/stubs/vega-canvas.cjs \
  --define:import.meta.url=__import_meta_url \
  "--banner:js=const __import_meta_url = require('node:url').pathToFileURL(__filename).href;"
node --experimental-sea-config dist/sea-config.json
cp "$(command -v node)" dist/cx
strip dist/cx 2>/dev/null || true
npx postject dist/cx NODE_SEA_BLOB dist/cx.blob --sentinel-fuse NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2 >/dev/null
rm -f dist/cx.blob
ls -la dist/cx | awk '{print "built dist/cx (" int($5/1048576) " MB)"}'
