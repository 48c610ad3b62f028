// Loads and validates cx.yaml. Errors name the file, the line and the key path, e.g.
//   cx.yaml:14: kano.features[0].functional: missing required key "functional"
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Node } from 'yaml';
import { lazyRequire } from '../lazy-require.js';
import { inputError } from '../ui/errors.js';
import { assertNotSpecial } from '../dataset/file-guard.js';
import { configSchema, type CxConfig } from './schema.js';
import { journeyConfigProblems } from '../metrics/journey-config.js';
import { formatPath, validate, type ConfigProblem, type PathSeg } from './validate.js';
import { yamlDepthProblem, yamlToJs, type YamlLimitProblem } from '../yaml-limits.js';

export const DEFAULT_CONFIG_NAMES = ['cx.yaml', 'cx.yml'];

/** The config file to use: the given one, else ./cx.yaml (or ./cx.yml) when present, else none. */
export function findConfig(file?: string, cwd = process.cwd()): string | undefined {
  if (file) return path.resolve(cwd, file);
  for (const n of DEFAULT_CONFIG_NAMES) {
    const p = path.join(cwd, n);
    if (existsSync(p)) return p;
  }
  return undefined;
}

/**
 * loadConfig('cx.yaml') → CxConfig. Without an argument, reads ./cx.yaml if present, otherwise returns an
 * empty config (every section absent). A missing explicit file or an invalid one throws a CxError (exit 2).
 */
export function loadConfig(file?: string, cwd = process.cwd()): CxConfig {
  const p = findConfig(file, cwd);
  if (!p) return { dir: cwd };
  assertNotSpecial(p, 'config');
  let text: string;
  try {
    text = readFileSync(p, 'utf8');
  } catch {
    throw inputError(
      `${file ?? p}: config file not found; check the path or run "cx init" to create one.`,
      `${file ?? p}：找不到配置文件；请检查路径，或运行 "cx init" 生成。`,
    );
  }
  return parseConfig(text, p);
}

/** Parses and validates cx.yaml text; `file` is used for messages and to resolve relative paths. */
export function parseConfig(text: string, file: string): CxConfig {
  const name = path.basename(file);
  const limit = (pr: YamlLimitProblem) =>
    inputError(`${name}:${pr.line}: ${pr.en}; fix cx.yaml and run again.`, `${name}:${pr.line}：${pr.zh}；请修正 cx.yaml 后重试。`);
  const deep = yamlDepthProblem(text);
  if (deep) throw limit(deep);
  // yaml (~50 ms to load) only when there is a cx.yaml to read: most runs have none.
  const { LineCounter, isMap, isSeq, isScalar, parseDocument } = lazyRequire<typeof import('yaml')>('yaml');
  const lineCounter = new LineCounter();
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), { lineCounter, uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length) {
    const e = doc.errors[0]!;
    const line = e.linePos?.[0]?.line ?? 0;
    const col = e.linePos?.[0]?.col ?? 0;
    const msg = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    throw inputError(
      `${name}:${line}:${col}: not valid YAML: ${msg}; fix the file (indentation, quotes, colons).`,
      `${name}:${line}:${col}：YAML 格式错误：${msg}；请修正该文件（缩进、引号、冒号）。`,
    );
  }
  const js = yamlToJs(doc, lineCounter);
  if ('problem' in js) throw limit(js.problem);
  const raw = js.value;
  if (raw === null || raw === undefined) return { file, dir: path.dirname(file) };

  const locate = (p: PathSeg[], key = false): number => {
    let node: unknown = doc.contents;
    let line = node && (node as Node).range ? lineCounter.linePos((node as Node).range![0]).line : 1;
    for (let i = 0; i < p.length; i++) {
      const seg = p[i]!;
      if (isMap(node)) {
        const pair = node.items.find((it) => isScalar(it.key) && String(it.key.value) === String(seg));
        if (!pair) return line;
        const last = i === p.length - 1;
        const target = (last && key) || pair.value == null ? pair.key : pair.value;
        const r = (target as Node | null)?.range;
        if (r) line = lineCounter.linePos(r[0]).line;
        if (last && key) return line;
        node = pair.value;
      } else if (isSeq(node) && typeof seg === 'number') {
        const it = node.items[seg] as Node | undefined;
        if (!it) return line;
        if (it.range) line = lineCounter.linePos(it.range[0]).line;
        node = it;
      } else return line;
    }
    return line;
  };

  const { value, problems } = validate(raw, configSchema, locate);
  const jv = (value as { journey?: CxConfig['journey'] } | null)?.journey;
  if (jv && !problems.some((p) => p.path[0] === 'journey')) // semantic checks naming the stage/touchpoint
    for (const p of journeyConfigProblems(jv)) problems.push({ ...p, line: locate(p.path) });
  if (problems.length) throw problemsError(name, problems);
  const cfg = value as Omit<CxConfig, 'file' | 'dir'> & { input?: string[] };
  const dir = path.dirname(file);
  const out: CxConfig = { ...cfg, file, dir };
  if (cfg.input) out.input = cfg.input.map((x) => path.resolve(dir, x));
  if (cfg.codeframe) out.codeframe = path.resolve(dir, cfg.codeframe);
  if (cfg.report?.template && /[\\/]|\.liquid$/.test(cfg.report.template))
    out.report = { ...cfg.report, template: path.resolve(dir, cfg.report.template) };
  if (cfg.report?.output) out.report = { ...out.report, output: path.resolve(dir, cfg.report.output) };
  return out;
}

function problemsError(name: string, problems: ConfigProblem[]) {
  const sorted = [...problems].sort((a, b) => a.line - b.line);
  const shown = sorted.slice(0, 3);
  const more = sorted.length - shown.length;
  const en = shown.map((p) => `${name}:${p.line}: ${formatPath(p.path)}: ${p.en}`).join('; ');
  const zh = shown.map((p) => `${name}:${p.line}：${formatPath(p.path)}：${p.zh}`).join('；');
  return inputError(
    `${en}${more > 0 ? ` (and ${more} more)` : ''}; fix cx.yaml and run again.`,
    `${zh}${more > 0 ? `（另有 ${more} 处）` : ''}；请修正 cx.yaml 后重试。`,
  );
}

/** The problems as data (for tests and `cx init` self-checks) without throwing. */
export function checkConfigText(text: string, file = 'cx.yaml'): string | undefined {
  try {
    parseConfig(text, file);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}
