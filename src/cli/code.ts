// `cx code`. Placeholder registration; the owning work item replaces this file.
import type { Command } from 'commander';
import { runner } from './run.js';
import { CxError } from '../ui/errors.js';

export function register(program: Command): void {
  program
    .command('code')
    .description('code (not available yet)')
    .allowUnknownOption()
    .argument('[args...]')
    .action((_args, _opts, cmd: Command) =>
      runner(cmd, async () => {
        throw new CxError({ en: 'cx code is not available yet.', zh: 'cx code 尚未实现。' }, 2);
      }),
    );
}
