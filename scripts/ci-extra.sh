#!/usr/bin/env bash
# CI: build the single executable and use it from a directory with no node_modules: an import of the demo
# exports, a score, and a Markdown report (DESIGN.md §7, issue 6).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
bash scripts/build-binary.sh 2>/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp dist/cx "$work/cx"
mkdir -p "$work/data"
cp fixtures/demo/*.csv "$work/data/"
cd "$work"
[ ! -e node_modules ] && [ ! -e ../node_modules ] || { echo "binary test dir must have no node_modules"; exit 1; }
./cx --version
./cx import data/*.csv -o ds --quiet
./cx score nps ds --by region --json > nps.json
node -e 'const r=require("./nps.json"); if(!(r.overall.n>900)) { console.error("binary: unexpected NPS result"); process.exit(1) }'
./cx report --input ds --template weekly --period last-quarter --format md -o report.md
grep -q "NPS" report.md
# Text analysis inside the binary: wink-nlp and opencc are bundled, jieba falls back to Intl.Segmenter.
printf 'id,comment\n1,菜不好吃，送餐也太慢了\n2,The food was great and arrived hot\n3,服務態度很好\n' > comments.csv
./cx sentiment comments.csv --json > sentiment.json
node -e 'const r=require("./sentiment.json"); const s=r.rows.map(x=>x.sentiment).join(","); if(s!=="negative,positive,positive"){console.error("binary sentiment: "+s); process.exit(1)}'
cp "$root/fixtures/codeframes/cx-default.yaml" cf.yaml
./cx code comments.csv --codeframe cf.yaml --json > code.json
# DuckDB is not inside the binary: --engine duckdb is a clear exit 2, the built-in engine and cx sql work.
set +e
./cx score nps ds --engine duckdb > duck.out 2> duck.err
rc=$?
set -e
[ "$rc" = 2 ] && grep -q "@duckdb/node-api" duck.err || { echo "binary: --engine duckdb should exit 2 naming @duckdb/node-api (rc $rc)"; cat duck.err; exit 1; }
./cx sql score nps ds --dialect bigquery --table proj.cx.responses --by region --period week | grep -q "FORMAT_DATE('%G-W%V'"
# Key drivers and SERVQUAL statistics: built-in in the binary; the warehouse query prints without DuckDB.
./cx drivers ds --outcome Q2 --drivers Q4_1,Q4_2,Q4_3 --json > drivers.json
node -e 'const r=require("./drivers.json"); if(!(r.n>900 && r.drivers.length===3)) { console.error("binary: unexpected drivers result"); process.exit(1) }'
set +e
./cx drivers ds --outcome Q2 --engine duckdb > /dev/null 2> dd.err
rc=$?
set -e
[ "$rc" = 2 ] && grep -q "@duckdb/node-api" dd.err || { echo "binary: drivers --engine duckdb should exit 2 (rc $rc)"; cat dd.err; exit 1; }
./cx sql drivers ds --dialect snowflake --table RAW.CX --outcome Q2 --drivers Q4_1,Q4_2 | grep -q "AS cx_a0_c0_1"
echo "single binary: import, score and report OK ($(du -m cx | cut -f1) MB)"
