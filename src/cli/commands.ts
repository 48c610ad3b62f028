// The command registry. Each command module registers its own options and help; keep them light.
import type { Command } from 'commander';
import { register as importCmd } from './import.js';
import { register as describeCmd } from './describe.js';
import { register as exportCmd } from './export.js';
import { register as scoreCmd } from './score.js';
import { register as sqlCmd } from './sql.js';
import { register as tabCmd } from './tab.js';
import { register as kanoCmd } from './kano.js';
import { register as servqualCmd } from './servqual.js';
import { register as driversCmd } from './drivers.js';
import { register as journeyCmd } from './journey.js';
import { register as codeCmd } from './code.js';
import { register as sentimentCmd } from './sentiment.js';
import { register as themesCmd } from './themes.js';
import { register as redactCmd } from './redact.js';
import { register as reportCmd } from './report.js';
import { register as initCmd } from './init.js';
import { register as rawInputOptions } from './raw-input.js';

export const commands: ((program: Command) => void)[] = [
  importCmd,
  describeCmd,
  exportCmd,
  scoreCmd,
  sqlCmd,
  tabCmd,
  kanoCmd,
  servqualCmd,
  driversCmd,
  journeyCmd,
  codeCmd,
  sentimentCmd,
  themesCmd,
  redactCmd,
  reportCmd,
  initCmd,
  rawInputOptions, // last: adds --sheet / --include-preview to the commands above
];
