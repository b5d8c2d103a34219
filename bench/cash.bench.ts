import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { decodeAcceptorMessage, encodeAcceptorMessage, FrameReader } from '../devices/bill-acceptor/codec';
import { CcTalkReader, decodeReply, encodeReply } from '../devices/coin-hopper/codec';
import { CashLedger } from '../kiosk/cash/ledger';
import { openDatabase } from '../kiosk/store/database';
import { createWorld, startHost, cleanup } from '../test/cash/rig';
import { formatTiming, machine, summarise } from './measure';

/**
 * Cash benchmarks: codec throughput, the latency of one journaled ledger step on disk (what stands between
 * VEND VALID and its ACK), and the CPU cost of a whole payment through the money service on the fake clock.
 */
console.log(machine());

function codecs(): void {
  const frames = [
    encodeAcceptorMessage({ type: 'status', status: { kind: 'idling' } }),
    encodeAcceptorMessage({ type: 'status', status: { kind: 'escrow', escrowCode: 0x63 } }),
    encodeAcceptorMessage({ type: 'status', status: { kind: 'vend-valid', escrowCode: 0x63 } }),
  ];
  const stream = Buffer.concat(Array.from({ length: 100_000 }, (_, i) => frames[i % frames.length] as Uint8Array));
  let started = performance.now();
  const reader = new FrameReader();
  let decoded = 0;
  for (let offset = 0; offset < stream.length; offset += 64) {
    for (const out of reader.push(stream.subarray(offset, offset + 64))) if (out.kind === 'frame' && decodeAcceptorMessage(out.frame).ok) decoded++;
  }
  let ms = performance.now() - started;
  console.log(`ID-003 frame reader + decode: ${decoded} frames in ${ms.toFixed(0)} ms = ${Math.round(decoded / (ms / 1000)).toLocaleString('en-US')} frames/s`);

  const reply = encodeReply(3, { type: 'hopper-status', eventCounter: 1, coinsRemaining: 0, lastPaid: 2, lastUnpaid: 0 });
  const ccStream = Buffer.concat(Array.from({ length: 100_000 }, () => reply));
  started = performance.now();
  const ccReader = new CcTalkReader();
  decoded = 0;
  for (let offset = 0; offset < ccStream.length; offset += 64) {
    for (const out of ccReader.push(ccStream.subarray(offset, offset + 64), 0)) if (out.kind === 'frame' && decodeReply({ type: 'hopper-status' }, out.frame).ok) decoded++;
  }
  ms = performance.now() - started;
  console.log(`ccTalk reader + decode: ${decoded} frames in ${ms.toFixed(0)} ms = ${Math.round(decoded / (ms / 1000)).toLocaleString('en-US')} frames/s`);
}

function ledgerSteps(): void {
  const dir = mkdtempSync(path.join(tmpdir(), 'cash-bench-'));
  const db = openDatabase(path.join(dir, 'kiosk.sqlite'));
  if (!db.ok) throw new Error(db.error.detail);
  const ledger = new CashLedger(db.value, { kioskId: 'BENCH-01', now: () => Date.now() });
  const begin: number[] = [];
  const credit: number[] = [];
  for (let i = 0; i < 300; i++) {
    const sessionId = `bench-${i}`;
    ledger.openAccount(sessionId, 1000);
    let t = performance.now();
    const step = ledger.beginStack(sessionId, 1000, 0x61);
    begin.push(performance.now() - t);
    t = performance.now();
    ledger.creditStack(step, 1000, 'vend-valid');
    credit.push(performance.now() - t);
  }
  console.log(formatTiming('journal begin (WAL, synchronous=FULL, on disk)', summarise(begin)));
  console.log(formatTiming('credit at VEND VALID: journal + box + account + outbox in one transaction', summarise(credit)));
  db.value.close();
  rmSync(dir, { recursive: true, force: true });
}

async function payments(): Promise<void> {
  const world = createWorld({ coins500: 500, coins100: 500 });
  const host = await startHost(world);
  const samples: number[] = [];
  for (let i = 0; i < 40; i++) {
    const started = performance.now();
    // What the session orders from the money service: collect, one note, then settle with the change.
    const collected = await host.service.collect(`p-${i}`, 700);
    if (!collected.ok) throw new Error(collected.error.detail);
    await world.clock.advance(100);
    world.acceptorSim.insertNote(1000);
    await world.clock.advance(2000);
    if (collected.value.snapshot().state !== 'paid') throw new Error(`payment ${i} not paid`);
    const settled = host.service.settle(`p-${i}`, 700);
    await world.clock.advance(5000);
    if ((await settled).changePaid !== 300) throw new Error(`payment ${i}: wrong change`);
    samples.push(performance.now() - started);
  }
  console.log(formatTiming('one payment with change, end to end on the fake clock (CPU time)', summarise(samples)));
  await host.crash();
  cleanup(world);
}

codecs();
ledgerSteps();
await payments();
