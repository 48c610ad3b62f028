// Synchronous, lazy loading of a CommonJS package (wink-nlp, opencc-js …) that works both from the tsc
// build (ESM: createRequire) and inside the single executable, where esbuild can only bundle `require`
// calls it sees: src/cli/bin.ts registers those as `globalThis.__cxRequire`.
import { createRequire } from 'node:module';

type Req = (id: string) => unknown;

export function lazyRequire<T = unknown>(id: string): T {
  const bundled = (globalThis as { __cxRequire?: Req }).__cxRequire;
  if (bundled) return bundled(id) as T;
  return createRequire(import.meta.url)(id) as T;
}
