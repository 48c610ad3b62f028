// The engine side of `cx kano` and `cx tab`: --engine duckdb|postgres and --from-stats FILE. The statistics
// (counts of answer texts, src/engine/counts-sql.ts) come from DuckDB, PostgreSQL or a saved query result;
// the estimate is the one the built-in engine uses (kanoFromStats, crosstabFromCounts).
import type { Survey } from '../dataset/types.js';
import type { KanoPairSpec } from '../metrics/kano-pairs.js';
import type { KanoFeatureStats, KanoStats } from '../metrics/kano.js';
import type { TabCell } from '../metrics/crosstab.js';
import type { MultiCell } from '../metrics/crosstab-multi.js';
import { inputError } from '../ui/errors.js';
import { parseEngine, type EngineOptions } from './cli-score.js';
import { planKano, planMultiTab, planTab, recordReader, type CountsPlan, type CountsPlanOptions, type KanoStatsMeta, type TabStatsMeta } from './counts-sql.js';

export interface CountsEngineOptions extends EngineOptions {
  where?: string;
}

/** Crosstab statistics: cells, all rows considered, and what the columns are (ids, choice labels). */
export interface TabStats {
  cells: TabCell[];
  /** A multi-select --rows (meta.rows.multi): respondents by column answer and answered, with their picks. */
  multi?: MultiCell[];
  nRows: number;
  meta: TabStatsMeta;
}

type Hook = (s: Survey) => Survey;

// ---- results → statistics -----------------------------------------------------------------------------

export function kanoStatsFromRecords(records: Record<string, unknown>[], meta: KanoStatsMeta, source: string): KanoStats {
  const features: KanoFeatureStats[] = meta.features.map((spec) => ({ spec, pairs: [], ...(spec.importance ? { importance: [] } : {}) }));
  if (records.length) {
    const r = recordReader(records, source, 'kano');
    const [cF, cP, cA, cB, cN] = ['cx_feature', 'cx_part', 'cx_a', 'cx_b', 'cx_n'].map((c) => r.find(c));
    records.forEach((rec, i) => {
      const k = Number(rec[cF!]);
      const f = features[k];
      const part = String(rec[cP!] ?? '');
      if (!f || (part !== 'pair' && part !== 'importance')) {
        throw inputError(
          `${source}: row ${i + 1}: cx_feature ${JSON.stringify(String(rec[cF!]))} / cx_part ${JSON.stringify(part)} is not in the query's description (cx_meta); give the query's result unchanged.`,
          `${source}：第 ${i + 1} 行：cx_feature ${JSON.stringify(String(rec[cF!]))} / cx_part ${JSON.stringify(part)} 与查询描述（cx_meta）不符；请提供未经修改的查询结果。`,
        );
      }
      const n = r.count(rec[cN!], 'cx_n', i);
      if (part === 'pair') f.pairs.push({ f: r.text(rec[cA!]), d: r.text(rec[cB!]), n });
      else f.importance?.push({ text: r.text(rec[cA!]), n });
    });
  }
  if (features.every((f) => f.pairs.length === 0)) {
    throw inputError(
      `${source}: the Kano statistics hold no rows (no respondents); check the query, its table and --where.`,
      `${source}：Kano 统计结果为空（没有答卷）；请检查查询、数据表及 --where。`,
    );
  }
  return { source, features, numeric: meta.numeric, questions: meta.questions };
}

export function tabStatsFromRecords(records: Record<string, unknown>[], meta: TabStatsMeta, source: string): TabStats {
  if (records.length === 0) return { cells: [], ...(meta.rows.multi ? { multi: [] } : {}), nRows: 0, meta };
  const r = recordReader(records, source, 'tab');
  if (meta.rows.multi) {
    const k = meta.rows.multi.options.length;
    const [cC, cA, cN] = ['cx_col', 'cx_answered', 'cx_n'].map((c) => r.find(c));
    const cO = Array.from({ length: k }, (_, o) => r.find(`cx_o${o}`));
    let nRows = 0;
    const multi: MultiCell[] = records.map((rec, i) => {
      const n = r.count(rec[cN!], 'cx_n', i);
      nRows += n;
      return { col: r.text(rec[cC!]), answered: Number(rec[cA!]) === 1 || rec[cA!] === true, n, selected: cO.map((c, o) => r.count(rec[c], `cx_o${o}`, i)) };
    });
    return { cells: [], multi, nRows, meta };
  }
  const [cR, cC, cN] = ['cx_row', 'cx_col', 'cx_n'].map((c) => r.find(c));
  let nRows = 0;
  const cells = records.map((rec, i) => {
    const n = r.count(rec[cN!], 'cx_n', i);
    nRows += n;
    return { row: r.text(rec[cR!]), col: r.text(rec[cC!]), n };
  });
  return { cells, nRows, meta };
}

// ---- running the query where the data is ---------------------------------------------------------------

type Planner<M> = (schema: Survey, o: CountsPlanOptions) => CountsPlan<M>;

/** Plans on the engine's schema, runs the query in DuckDB or PostgreSQL, returns the records and the plan. */
async function runCounts<M>(input: string, o: CountsEngineOptions, hook: Hook, plan: Planner<M>): Promise<{ records: Record<string, unknown>[]; meta: M }> {
  const engine = parseEngine(o.engine);
  if (engine === 'duckdb') {
    const { withDuckdb, queryRows } = await import('./duckdb.js');
    const { openSource } = await import('./sources.js');
    const { engineError } = await import('./score-engine.js');
    return withDuckdb(async (con) => {
      const src = await openSource(input, con);
      const schema = { ...hook(src.schema), source: [input] };
      const opts = { dialect: 'duckdb' as const, source: [input], where: o.where };
      const dry = plan(schema, { ...opts, from: 'cx', types: src.types });
      if (src.prepare) await src.prepare(con, dry.columns);
      const p = plan(schema, { ...opts, from: src.from(dry.columns), types: src.types });
      try {
        return { records: await queryRows(con, p.sql), meta: p.meta };
      } catch (e) {
        throw engineError('DuckDB', input, e);
      }
    });
  }
  const db = o.db ?? process.env.CX_DB_URL;
  if (!db) {
    throw inputError('--engine postgres needs --db postgres://user@host:port/database (or CX_DB_URL).', '--engine postgres 需要 --db postgres://user@host:port/database（或环境变量 CX_DB_URL）。');
  }
  const { withPostgres, tableSchema } = await import('./postgres.js');
  const { engineError } = await import('./score-engine.js');
  return withPostgres(db, async (client) => {
    const ts = await tableSchema(client, input);
    const schema = { ...hook(ts.schema), source: [input] };
    const p = plan(schema, { dialect: 'postgres', from: ts.from, types: ts.types, source: [input], where: o.where });
    try {
      return { records: (await client.query(p.sql)).rows as Record<string, unknown>[], meta: p.meta };
    } catch (e) {
      throw engineError('PostgreSQL', input, e);
    }
  });
}

/** The Kano pairs on an engine's schema: from cx.yaml, else by column name (values are not scanned). */
export async function kanoPlanner(features: KanoPairSpec[] | undefined): Promise<Planner<KanoStatsMeta>> {
  const { kanoSpecs, checkKanoColumns } = await import('../metrics/kano.js');
  return (schema, o) => {
    const specs = kanoSpecs(schema, features);
    checkKanoColumns((id) => schema.columns.has(id), specs, o.source[0] ?? 'the input');
    return planKano(schema, specs, o);
  };
}

/** Kano statistics from DuckDB / PostgreSQL (`input`) or a saved result (--from-stats). */
export async function kanoStatsWithEngine(input: string | undefined, o: CountsEngineOptions, features: KanoPairSpec[] | undefined, hook: Hook = (s) => s): Promise<KanoStats> {
  if (o.fromStats) {
    const { records, meta } = await readCountsFile<KanoStatsMeta>(o.fromStats, 'kano-stats', 'kano');
    sameWhere(o.fromStats, o.where, meta.where);
    return kanoStatsFromRecords(records, meta, o.fromStats);
  }
  if (!input) throw inputError('cx kano: give the input (a dataset, Parquet, CSV or, with --engine postgres, a table), or --from-stats FILE.', 'cx kano：请给出输入（数据集、Parquet、CSV，或 --engine postgres 时的数据表），或使用 --from-stats FILE。');
  const { records, meta } = await runCounts(input, o, hook, await kanoPlanner(features));
  return kanoStatsFromRecords(records, meta, input);
}

/** Crosstab statistics from DuckDB / PostgreSQL (`input`) or a saved result (--from-stats). */
export async function tabStatsWithEngine(
  input: string | undefined,
  rows: string | undefined,
  cols: string | undefined,
  o: CountsEngineOptions,
  hook: Hook = (s) => s,
  multi?: (schema: Survey, id: string) => { columns: string[]; options: string[] } | undefined,
): Promise<TabStats> {
  if (o.fromStats) {
    const { records, meta } = await readCountsFile<TabStatsMeta>(o.fromStats, 'tab-stats', 'tab');
    sameWhere(o.fromStats, o.where, meta.where);
    for (const [flag, mine, theirs] of [['--rows', rows, meta.rows.id], ['--cols', cols, meta.cols.id]] as const) {
      if (mine !== undefined && mine !== theirs) {
        throw inputError(
          `--from-stats ${o.fromStats}: the query was made with ${flag} ${theirs}, not ${mine}; drop ${flag} here or run cx sql tab again with it.`,
          `--from-stats ${o.fromStats}：该查询使用的 ${flag} 为 ${theirs}，而不是 ${mine}；请去掉此处的 ${flag}，或用它重新运行 cx sql tab。`,
        );
      }
    }
    return tabStatsFromRecords(records, meta, o.fromStats);
  }
  if (!input) throw inputError('cx tab: give the input (a dataset, Parquet, CSV or, with --engine postgres, a table), or --from-stats FILE.', 'cx tab：请给出输入（数据集、Parquet、CSV，或 --engine postgres 时的数据表），或使用 --from-stats FILE。');
  if (!rows || !cols) throw inputError('cx tab: name the variables with --rows COL --cols COL.', 'cx tab：请用 --rows COL --cols COL 指定行、列变量。');
  const { records, meta } = await runCounts(input, o, hook, (schema, p) => {
    if (multi?.(schema, cols)) {
      throw inputError(
        `--cols ${cols} is a multi-select question; put it in --rows (options become rows, respondents the base) and a single-choice column in --cols.`,
        `--cols ${cols} 是多选题；请把它放在 --rows（选项为行，以答题人数为基数），--cols 用单选列。`,
      );
    }
    const m = multi?.(schema, rows);
    return m ? planMultiTab(schema, rows, m, cols, p) : planTab(schema, rows, cols, p);
  });
  return tabStatsFromRecords(records, meta, input);
}

function sameWhere(file: string, mine: string | undefined, theirs: string | undefined): void {
  if (mine !== undefined && mine !== (theirs ?? '')) {
    throw inputError(
      `--from-stats ${file}: the query was made with --where ${theirs || '(none)'}, not ${mine}; drop --where here or run cx sql again with it.`,
      `--from-stats ${file}：该查询使用的 --where 为 ${theirs || '（无）'}，而不是 ${mine}；请去掉此处的 --where，或用它重新运行 cx sql。`,
    );
  }
}

/** A saved statistics result and the description in its cx_meta column. */
async function readCountsFile<M extends { cx: string }>(file: string, kind: string, command: string): Promise<{ records: Record<string, unknown>[]; meta: M }> {
  const { readStatsFile } = await import('./read-stats.js');
  const records = await readStatsFile(file);
  const metaCol = records.length ? Object.keys(records[0]!).find((k) => k.toLowerCase() === 'cx_meta') : undefined;
  const raw = metaCol ? records.find((r) => r[metaCol])?.[metaCol] : undefined;
  let meta: M | undefined;
  try {
    meta = raw ? (JSON.parse(String(raw)) as M) : undefined;
  } catch {
    meta = undefined;
  }
  if (!meta || typeof meta !== 'object' || !String(meta.cx ?? '').endsWith('-stats')) {
    throw inputError(
      `--from-stats ${file}: no cx_meta column describing the query; save the full result of the query cx sql ${command} prints.`,
      `--from-stats ${file}：缺少描述查询的 cx_meta 列；请保存 cx sql ${command} 生成的查询的完整结果。`,
    );
  }
  if (meta.cx !== kind) {
    const theirs = meta.cx.replace(/-stats$/, '');
    throw inputError(
      `--from-stats ${file}: the statistics are for cx ${theirs}, not cx ${command}; run cx ${theirs} --from-stats ${file}, or print the query for ${command} with cx sql ${command}.`,
      `--from-stats ${file}：该统计数据对应 cx ${theirs} 而不是 cx ${command}；请运行 cx ${theirs} --from-stats ${file}，或用 cx sql ${command} 生成对应查询。`,
    );
  }
  return { records, meta };
}
