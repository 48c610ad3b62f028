// Files shipped with cx (report templates, lexicons, dictionaries) by path relative to the package root,
// e.g. readAsset('templates/weekly.en.md.liquid'). Inside the single executable (Node SEA) they come from
// the blob's assets under the same key.
import { readFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Package root: dist/assets.js or src/assets.ts both sit one level below it. */
export const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

let sea: { isSea(): boolean; getAsset(key: string, encoding?: string): string | ArrayBuffer } | null | undefined;

function seaModule() {
  if (sea !== undefined) return sea;
  try {
    const req = createRequire(import.meta.url);
    const m = req('node:sea');
    sea = m.isSea() ? m : null;
  } catch {
    sea = null;
  }
  return sea;
}

export function isSingleBinary(): boolean {
  return seaModule() != null;
}

export function readAsset(rel: string): string {
  const s = seaModule();
  if (s) return s.getAsset(rel, 'utf8') as string;
  return readFileSync(path.join(packageRoot, rel), 'utf8');
}

export function readAssetBytes(rel: string): Buffer {
  const s = seaModule();
  if (s) return Buffer.from(s.getAsset(rel) as ArrayBuffer);
  return readFileSync(path.join(packageRoot, rel));
}

export function assetExists(rel: string): boolean {
  const s = seaModule();
  if (s) {
    try {
      s.getAsset(rel);
      return true;
    } catch {
      return false;
    }
  }
  return existsSync(path.join(packageRoot, rel));
}
