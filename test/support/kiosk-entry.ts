import { main } from '../../cli/main';

/**
 * The `kiosk` command as a bundle entry: test/support/kiosk-bundle.ts bundles it once per test run with esbuild
 * (dependencies stay in node_modules), so that the crash and end-to-end tests start the kiosk process in about a
 * second instead of transpiling every module with tsx at each start.
 */
void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
