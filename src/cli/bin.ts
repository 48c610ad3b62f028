// Entry point of the single executable (esbuild bundles this file); bin/cx.js does the same for npm installs.
import { main } from './main.js';

main(process.argv).then((code) => {
  process.exitCode = code;
});
