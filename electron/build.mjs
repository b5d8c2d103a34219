// Bundles the Electron main process (ESM) and the preload script (CommonJS: sandboxed preloads cannot be ESM)
// into dist/electron. Dependencies stay in node_modules (electron-builder packs them and rebuilds native ones).
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', target: 'node22', sourcemap: true, logLevel: 'info' };

await build({
  ...common,
  entryPoints: ['electron/main.ts'],
  outfile: 'dist/electron/main.cjs',
  format: 'cjs',
  packages: 'external',
});
await build({
  ...common,
  entryPoints: ['electron/preload.ts'],
  outfile: 'dist/electron/preload.cjs',
  format: 'cjs',
  external: ['electron'],
});
