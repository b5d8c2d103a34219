import http from 'node:http';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { silentLogger } from '../common/log';
import { parseConfig } from '../kiosk/config';
import { startBrowserHost } from '../kiosk/host/server';
import { createKioskService } from '../kiosk/service';
import type { ViewModel } from '../state-machines/view-model';
import { startKioskProcess } from '../test/support/kiosk-process';
import { formatTiming, machine, summarise } from './measure';

/**
 * The foundation's two figures: an API command's round trip to the new view on the live stream (what a touch
 * costs before the renderer paints), and the cold start of the browser host (`kiosk start` to the UI served).
 */
const ROUND_TRIPS = 1000;
const COLD_STARTS = 5;

async function roundTrips(): Promise<void> {
  const raw = JSON.parse(readFileSync(path.join(import.meta.dirname, '../kiosk/config/demo.json'), 'utf8')) as Record<string, unknown>;
  raw.dataDir = mkdtempSync(path.join(tmpdir(), 'bench-host-'));
  const config = parseConfig(raw);
  if (!config.ok) throw new Error('demo config invalid');
  const service = await createKioskService(config.value, { log: silentLogger() });
  if (!service.ok) throw new Error('service did not start');
  const host = await startBrowserHost({ handlers: service.value.handlers, host: '127.0.0.1', port: 0, rendererDir: null, log: silentLogger() });

  const waiting = new Map<number, () => void>();
  let latest = 0;
  const stream = http.get(`${host.url}/api/stream`, (response) => {
    let buffer = '';
    response.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const data = /^data: (.*)$/m.exec(buffer.slice(0, end))?.[1];
        buffer = buffer.slice(end + 2);
        if (!data) continue;
        latest = (JSON.parse(data) as ViewModel).revision;
        for (const [revision, resolve] of waiting) {
          if (latest < revision) continue;
          waiting.delete(revision);
          resolve();
        }
      }
    });
  });
  const agent = new http.Agent({ keepAlive: true });
  const post = (body: string) =>
    new Promise<{ revision: number }>((resolve, reject) => {
      const request = http.request(`${host.url}/api/command`, { method: 'POST', agent, headers: { 'Content-Type': 'application/json' } }, (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () => resolve(JSON.parse(text) as { revision: number }));
      });
      request.on('error', reject);
      request.end(body);
    });

  await post('{"type":"touch"}');
  const commands = ['{"type":"chooseLanguage","language":"en"}', '{"type":"back"}'];
  const samples: number[] = [];
  for (let i = 0; i < ROUND_TRIPS; i++) {
    const started = performance.now();
    const outcome = await post(commands[i % 2]!);
    if (latest < outcome.revision) await new Promise<void>((resolve) => waiting.set(outcome.revision, resolve));
    samples.push(performance.now() - started);
  }
  console.log(formatTiming('command → new view on the SSE stream', summarise(samples)));
  stream.destroy();
  agent.destroy();
  await host.close();
  await service.value.stop();
}

async function coldStarts(): Promise<void> {
  const samples: number[] = [];
  for (let i = 0; i < COLD_STARTS; i++) {
    const started = performance.now();
    const kiosk = await startKioskProcess();
    const response = await fetch(`${kiosk.url}/api/view`);
    if (!response.ok) throw new Error(`view ${response.status}`);
    samples.push(performance.now() - started);
    await kiosk.stop();
  }
  console.log(formatTiming('cold start: `kiosk start` → first view served', summarise(samples)));
}

console.log(`machine: ${machine()}`);
await roundTrips();
await coldStarts();
