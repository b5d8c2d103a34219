import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';

/**
 * `npm run bench`: runs every `bench/*.bench.ts` in its own process (so one benchmark's heap does not colour the
 * next), or only those whose name contains the first argument. Figures go to docs/benchmarks.md by hand, with
 * the machine and the date.
 */
const filter = process.argv[2] ?? '';
const dir = path.dirname(new URL(import.meta.url).pathname);
const files = readdirSync(dir)
  .filter((name) => name.endsWith('.bench.ts') && name.includes(filter))
  .sort();
let failed = 0;
for (const file of files) {
  console.log(`\n=== ${file} ===`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', path.join(dir, file)], { stdio: 'inherit' });
  if (run.status !== 0) failed++;
}
if (files.length === 0) console.log(`no benchmark matches "${filter}"`);
process.exitCode = failed > 0 ? 1 : 0;
