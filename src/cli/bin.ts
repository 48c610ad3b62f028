// Entry point of the single executable (esbuild bundles this file); bin/cx.js runs dist/cli/main.js instead.
// The table below lets lazyRequire() reach packages that esbuild bundled; each runs only when first asked
// for. Native addons (@node-rs/jieba) are not bundled: the text code falls back to Intl.Segmenter.
import { main } from './main.js';

(globalThis as { __cxRequire?: (id: string) => unknown }).__cxRequire = (id: string) => {
  switch (id) {
    case 'wink-nlp':
      return require('wink-nlp');
    case 'wink-eng-lite-web-model':
      return require('wink-eng-lite-web-model');
    case 'cli-table3':
      return require('cli-table3');
    case 'opencc-js/t2cn':
      return require('opencc-js/t2cn');
    case 'yaml':
      return require('yaml');
    default:
      throw Object.assign(new Error(`Cannot find module '${id}' in the single executable`), { code: 'MODULE_NOT_FOUND' });
  }
};

main(process.argv).then((code) => {
  process.exitCode = code;
});
