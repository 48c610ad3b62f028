// Builds the CLI once so acceptance tests can run `node bin/cx.js` as a user would, and gives the run its
// own temporary directory (TMPDIR, inherited by workers and spawned CLIs), removed when the run ends.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export default function setup(): () => void {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'cx-test-run-'));
  process.env.TMPDIR = tmp;
  if (process.env.CX_SKIP_BUILD !== '1') {
    execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
      cwd: root,
      stdio: 'inherit',
    });
  }
  return () => rmSync(tmp, { recursive: true, force: true });
}
