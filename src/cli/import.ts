// `cx import`. Placeholder registration; the owning work item replaces this file.
import type { Command } from 'commander';
import { runner } from './run.js';
import { CxError } from '../ui/errors.js';

export function register(program: Command): void {
  program
    .command('import')
    .description('import (not available yet)')
    .allowUnknownOption()
    .argument('[args...]')
    .action((_args, _opts, cmd: Command) =>
      runner(cmd, async () => {
        throw new CxError({ en: 'cx import is not available yet.', zh: 'cx import 尚未实现。' }, 2);
      }),
    );
}
