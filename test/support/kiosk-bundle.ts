import { build } from 'esbuild';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './kiosk-process';

/**
 * The kiosk command bundled once for a test file (esbuild; dependencies stay in node_modules), so that tests that
 * start the kiosk process many times — the crash tests kill and restart it a dozen times — do not pay tsx's
 * transpilation at every start. The bundle sits one folder below the repository root (`.tmp/`), like `kiosk/`, so
 * that paths the kiosk resolves from its own file (dist/renderer, package.json) stay the same. One file per test
 * process, removed by `dispose`.
 */
export type KioskBundle = { readonly entry: string; dispose(): void };

export async function buildKioskBundle(): Promise<KioskBundle> {
  const dir = path.join(REPO_ROOT, '.tmp');
  mkdirSync(dir, { recursive: true });
  const entry = path.join(dir, `kiosk-test-${process.pid}-${Date.now()}.mjs`);
  await build({
    entryPoints: [path.join(REPO_ROOT, 'test/support/kiosk-entry.ts')],
    outfile: entry,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  return { entry, dispose: () => rmSync(entry, { force: true }) };
}
