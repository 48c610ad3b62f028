// `cx sentiment`. Placeholder registration; the owning work item replaces this file.
import type { Command } from 'commander';
import { runner } from './run.js';
import { CxError } from '../ui/errors.js';

export function register(program: Command): void {
  program
    .command('sentiment')
    .description('sentiment (not available yet)')
    .allowUnknownOption()
    .argument('[args...]')
    .action((_args, _opts, cmd: Command) =>
      runner(cmd, async () => {
        throw new CxError({ en: 'cx sentiment is not available yet.', zh: 'cx sentiment 尚未实现。' }, 2);
      }),
    );
}
