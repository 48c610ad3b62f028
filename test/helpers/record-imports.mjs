// Preloaded with `node --import`: records every module specifier the program resolves into the file named
// by CX_RECORD_IMPORTS, so a test can prove that `cx --help` loads no heavy library.
import { register } from 'node:module';

register('./record-imports-hooks.mjs', import.meta.url, { data: { out: process.env.CX_RECORD_IMPORTS } });
