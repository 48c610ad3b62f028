// Prints the Node SEA config: the bundle plus every shipped file (templates/, assets/) as an asset keyed by
// its path relative to the package root, which is what src/assets.ts asks for.
import { readdirSync, statSync, existsSync } from 'node:fs';
import path from 'node:path';

const assets = {};
function walk(dir) {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else assets[p.split(path.sep).join('/')] = p;
  }
}
walk('templates');
walk('assets');
console.log(JSON.stringify({ main: 'dist/cx.cjs', output: 'dist/cx.blob', disableExperimentalSEAWarning: true, useCodeCache: false, assets }, null, 2));
