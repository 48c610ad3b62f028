#!/usr/bin/env node
// DuckDB's own SQL for the benchmark's reference task, NPS by region × ISO week, written as a DuckDB user
// would (sniffed types, no cx): node bench/duckdb-sql.mjs FILE.csv|DIR-of-parquet
import { DuckDBInstance } from '@duckdb/node-api';

const input = process.argv[2];
const scan = /\.csv$/i.test(input) ? `read_csv('${input}')` : `read_parquet('${input}/**/*.parquet', hive_partitioning = true)`;
const inst = await DuckDBInstance.create(':memory:');
const con = await inst.connect();
const r = await con.runAndReadAll(`
  SELECT region, strftime(CAST(RecordedDate AS DATE), '%G-W%V') AS week,
         count(NPS) AS n, 100.0 * (count(*) FILTER (NPS >= 9) - count(*) FILTER (NPS <= 6)) / count(NPS) AS nps
  FROM ${scan}
  GROUP BY ALL ORDER BY ALL`);
console.log(r.getRows().length);
