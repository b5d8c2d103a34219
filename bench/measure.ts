/** Small statistics for benchmarks: percentiles over repeated timings, memory in MiB. */
export type Timing = { readonly n: number; readonly mean: number; readonly p50: number; readonly p95: number; readonly max: number };

export function summarise(samplesMs: readonly number[]): Timing {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  const mean = sorted.reduce((sum, value) => sum + value, 0) / Math.max(1, sorted.length);
  return { n: sorted.length, mean, p50: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1] ?? Number.NaN };
}

export function formatTiming(label: string, timing: Timing): string {
  const f = (ms: number) => `${ms.toFixed(2)} ms`;
  return `${label}: n=${timing.n} mean=${f(timing.mean)} p50=${f(timing.p50)} p95=${f(timing.p95)} max=${f(timing.max)}`;
}

export function heapMiB(): number {
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

export function machine(): string {
  const os = process.getBuiltinModule?.('node:os') as typeof import('node:os') | undefined;
  if (!os) return `node ${process.version}`;
  return `${os.cpus()[0]?.model ?? 'cpu'} ×${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}, ${os.platform()} ${os.release()}`;
}
