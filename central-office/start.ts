import type { AddressInfo } from 'node:net';
import { systemClock, type Clock } from '../common/clock';
import { silentLogger, type Logger } from '../common/log';
import { err, ok, type Result } from '../common/result';
import { buildHttpServer } from './http/server';
import { CentralOffice } from './office';
import { registerOperatorPages } from './operator/routes';
import { DEFAULT_POPULATION_SEED } from './population/generate';
import { Registry } from './population/registry';
import { KeyRing, type KioskCredential, type OperatorCredential } from './service/kiosks';
import { openStorage, type StorageConfig } from './storage/open';

/**
 * Starting the central office: open (and migrate) the storage, generate the registry from the seed, and listen.
 * The kiosk embeds it on loopback for the demo (`centralOffice.url: "embedded"`); `kiosk central` runs it alone.
 */
export type CentralOfficeOptions = {
  readonly storage: StorageConfig;
  /** 0 picks a free port (tests). */
  readonly port?: number;
  readonly host?: string;
  readonly kiosks: readonly KioskCredential[];
  readonly operators?: readonly OperatorCredential[];
  /** Seed of the synthetic population (the same seed gives the same residents). */
  readonly seed?: string;
  readonly clock?: Clock;
  readonly logger?: Logger;
  /** Secret mixed into the digests of resident numbers in the attempts table. */
  readonly pepper?: string;
  readonly bodyLimitBytes?: number;
};

export type RunningCentralOffice = {
  readonly url: string;
  readonly port: number;
  readonly office: CentralOffice;
  close(): Promise<void>;
};

export type StartError =
  | { readonly kind: 'storage'; readonly detail: string }
  | { readonly kind: 'listen'; readonly detail: string }
  | { readonly kind: 'config'; readonly detail: string };

const DEFAULT_PEPPER = 'central-office-demo-pepper';

export async function openCentralOffice(options: CentralOfficeOptions): Promise<Result<RunningCentralOffice, StartError>> {
  let keys: KeyRing;
  try {
    keys = new KeyRing(options.kiosks, options.operators ?? []);
  } catch (error) {
    return err({ kind: 'config', detail: (error as Error).message });
  }
  const storage = await openStorage(options.storage);
  if (!storage.ok) return err({ kind: 'storage', detail: `${storage.error.kind}: ${storage.error.detail}` });
  const logger = options.logger ?? silentLogger();
  const registry = Registry.fromSeed(options.seed ?? DEFAULT_POPULATION_SEED);
  const office = new CentralOffice(storage.value, registry, keys, options.clock ?? systemClock, options.pepper ?? DEFAULT_PEPPER);
  const app = buildHttpServer(office, { logger, ...(options.bodyLimitBytes ? { bodyLimitBytes: options.bodyLimitBytes } : {}) });
  // The operators' page (read-only but for the counter's voucher claims) and report (docs/operator-guide.md), behind
  // the operator keys.
  registerOperatorPages(app, office, { logger });
  try {
    await app.listen({ port: options.port ?? 0, host: options.host ?? '127.0.0.1' });
  } catch (error) {
    await storage.value.close();
    return err({ kind: 'listen', detail: (error as Error).message });
  }
  const address = app.server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  logger.info({ event: 'central.started', url, storage: options.storage.kind, kiosks: keys.kiosks.length });
  let closed = false;
  return ok({
    url,
    port: address.port,
    office,
    async close() {
      if (closed) return;
      closed = true;
      await app.close();
      await storage.value.close();
      logger.info({ event: 'central.stopped' });
    },
  });
}

/** As `openCentralOffice`, for callers that cannot go on without it: a start-up failure is thrown with its reason. */
export async function startCentralOffice(options: CentralOfficeOptions): Promise<RunningCentralOffice> {
  const started = await openCentralOffice(options);
  if (!started.ok) throw new Error(`the central office did not start (${started.error.kind}): ${started.error.detail}`);
  return started.value;
}
