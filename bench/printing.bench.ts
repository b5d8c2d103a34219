import { renderCertificate, type CertificateRequest } from '../printer-templates/certificate/render';
import { FIXTURE_META, fixtureOptions, fixtureResponse } from '../printer-templates/fixtures/records';
import { SAMPLE_RECEIPTS } from '../printer-templates/fixtures/receipts';
import { encodeReceipt } from '../devices/receipt-printer/encode';
import { formatTiming, heapMiB, machine, summarise } from './measure';

/**
 * Certificate rendering: the first render in a fresh process (fonts parsed, code warmed), then warm renders of a
 * one-page and a three-page certificate. Aim (issue 6): a warm one-page certificate well under 50 ms.
 * Receipt encoding, native Korean and raster, for comparison.
 */
const onePage: CertificateRequest = {
  response: fixtureResponse('resident-abstract'),
  documentCode: 'resident-abstract',
  options: fixtureOptions('resident-abstract'),
  meta: FIXTURE_META,
};
const threePage: CertificateRequest = {
  response: fixtureResponse('resident-copy', 'long-household'),
  documentCode: 'resident-copy',
  options: { includePastAddresses: true },
  meta: FIXTURE_META,
};

async function timeRender(request: CertificateRequest): Promise<{ ms: number; pages: number; bytes: number }> {
  const started = performance.now();
  const result = await renderCertificate(request);
  const ms = performance.now() - started;
  if (!result.ok) throw new Error(`render failed: ${JSON.stringify(result.error)}`);
  return { ms, pages: result.value.pages, bytes: result.value.pdf.length };
}

/** Wall time per render, and CPU time per render (less disturbed by other processes on a shared machine). */
async function warm(label: string, request: CertificateRequest, runs: number): Promise<void> {
  const samples: number[] = [];
  let last = { pages: 0, bytes: 0 };
  const cpuBefore = process.cpuUsage();
  for (let i = 0; i < runs; i++) {
    const { ms, pages, bytes } = await timeRender(request);
    samples.push(ms);
    last = { pages, bytes };
  }
  const cpu = process.cpuUsage(cpuBefore);
  const cpuMs = (cpu.user + cpu.system) / 1000 / runs;
  console.log(`${formatTiming(label, summarise(samples))} cpu=${cpuMs.toFixed(2)} ms/render (${last.pages} page(s), ${(last.bytes / 1024).toFixed(1)} KiB PDF)`);
}

console.log(machine());
console.log(new Date().toISOString());
// The machine is shared: a busy neighbour shows in every figure, so the load is printed with them.
const os = process.getBuiltinModule?.('node:os') as typeof import('node:os') | undefined;
console.log(`load average: ${os?.loadavg().map((load) => load.toFixed(2)).join(' ') ?? 'n/a'}`);

const first = await timeRender(onePage);
console.log(`first one-page render in a fresh process (fonts parsed): ${first.ms.toFixed(1)} ms`);
const firstThree = await timeRender(threePage);
console.log(`first three-page render (after one one-page render): ${firstThree.ms.toFixed(1)} ms, ${firstThree.pages} pages`);

// Let the JIT settle before measuring.
for (let i = 0; i < 10; i++) await timeRender(onePage);
await warm('warm one-page certificate (주민등록표 초본)', onePage, 60);
await warm('warm three-page certificate (주민등록표 등본, long household)', threePage, 20);

for (const korean of ['native', 'raster'] as const) {
  const samples: number[] = [];
  let size = 0;
  for (let i = 0; i < 30; i++) {
    const started = performance.now();
    size = encodeReceipt(SAMPLE_RECEIPTS.transaction(), { korean }).length;
    samples.push(performance.now() - started);
  }
  console.log(`${formatTiming(`receipt encode (${korean})`, summarise(samples))} (${size} bytes)`);
}
console.log(`heap after: ${heapMiB().toFixed(1)} MiB`);
