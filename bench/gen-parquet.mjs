#!/usr/bin/env node
// A large synthetic Parquet dataset made by DuckDB itself (for the out-of-core row of the benchmark):
// node bench/gen-parquet.mjs DIR ROWS → DIR/month=YYYY-MM/*.parquet with RecordedDate, region, plan, NPS, weight.
import { DuckDBInstance } from '@duckdb/node-api';
import { rmSync } from 'node:fs';

const [dir, rowsArg] = process.argv.slice(2);
const rows = Number(rowsArg);
rmSync(dir, { recursive: true, force: true });
const inst = await DuckDBInstance.create(':memory:', { memory_limit: '2GB', preserve_insertion_order: 'false' });
const con = await inst.connect();
await con.run(`
  COPY (
    SELECT
      DATE '2025-01-01' + CAST(hash(i) % 365 AS INTEGER) AS RecordedDate,
      ['华东', '华北', '华南', '西南', '东北', 'North America', 'Europe', 'APAC', 'Latin America', 'Middle East'][1 + CAST(hash(i + 1) % 10 AS INTEGER)] AS region,
      ['Free', 'Starter', 'Pro', 'Business', 'Enterprise'][1 + CAST(hash(i + 2) % 5 AS INTEGER)] AS plan,
      CASE WHEN hash(i + 3) % 100 < 3 THEN NULL ELSE CAST(hash(i + 4) % 11 AS DOUBLE) END AS NPS,
      0.5 + (hash(i + 5) % 1000) / 500.0 AS weight,
      strftime(DATE '2025-01-01' + CAST(hash(i) % 365 AS INTEGER), '%Y-%m') AS month
    FROM range(${rows}) t(i)
  ) TO '${dir}' (FORMAT parquet, COMPRESSION zstd, PARTITION_BY (month), ROW_GROUP_SIZE 1000000)`);
console.log(`wrote ${rows} rows to ${dir}`);
