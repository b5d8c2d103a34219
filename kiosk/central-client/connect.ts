import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DEMO_KIOSKS } from '../../central-office/demo';
import { openCentralOffice, type RunningCentralOffice } from '../../central-office/start';
import { systemClock, type Clock } from '../../common/clock';
import type { Logger } from '../../common/log';
import { err, ok, type Result } from '../../common/result';
import type { KioskConfig } from '../config';
import { createCentralClient, type CentralOfficeClient } from './client';

/**
 * Connecting the kiosk to its central office as configured: a URL, or `embedded` — a central office started inside
 * the kiosk process on loopback (demo and tests), with its own SQLite file in the data folder. The embedded office
 * knows this kiosk's key and the demo kiosks'. Its URL is written to `central-office.url` in the data folder while
 * it runs, so that `kiosk sync now` in another process can reach it.
 */
export const EMBEDDED_DATABASE_FILE = 'central-office.sqlite';
export const EMBEDDED_URL_FILE = 'central-office.url';

export type CentralConnection = {
  readonly client: CentralOfficeClient;
  readonly url: string;
  readonly embedded: RunningCentralOffice | null;
  close(): Promise<void>;
};

export function readKioskSecret(config: KioskConfig): Result<string, string> {
  if (config.centralOffice.secret) return ok(config.centralOffice.secret);
  const file = config.centralOffice.secretFile;
  if (!file) return err('centralOffice: either secret or secretFile must be set');
  try {
    const secret = readFileSync(file, 'utf8').trim();
    return secret.length >= 16 ? ok(secret) : err(`centralOffice.secretFile ${file}: the secret must be at least 16 characters`);
  } catch (error) {
    return err(`centralOffice.secretFile ${file}: ${(error as Error).message}`);
  }
}

export async function connectCentralOffice(
  config: KioskConfig,
  options: { readonly clock?: Clock; readonly logger?: Logger; readonly timeoutMs?: number } = {},
): Promise<Result<CentralConnection, string>> {
  const secret = readKioskSecret(config);
  if (!secret.ok) return secret;
  const clock = options.clock ?? systemClock;
  let embedded: RunningCentralOffice | null = null;
  let url = config.centralOffice.url;
  const urlFile = path.join(config.dataDir, EMBEDDED_URL_FILE);
  if (url === 'embedded') {
    const self = { kioskId: config.kioskId, keyId: config.centralOffice.keyId, secret: secret.value, name: config.site.name.ko, district: config.site.district };
    const others = DEMO_KIOSKS.filter((kiosk) => kiosk.kioskId !== self.kioskId && kiosk.keyId !== self.keyId);
    const started = await openCentralOffice({
      storage: { kind: 'sqlite', file: path.join(config.dataDir, EMBEDDED_DATABASE_FILE) },
      port: 0,
      host: '127.0.0.1',
      kiosks: [self, ...others],
      clock,
      ...(options.logger ? { logger: options.logger } : {}),
    });
    if (!started.ok) return err(`the embedded central office did not start (${started.error.kind}): ${started.error.detail}`);
    embedded = started.value;
    url = embedded.url;
    writeFileSync(urlFile, `${url}\n`);
  }
  const client = createCentralClient({
    baseUrl: url,
    keyId: config.centralOffice.keyId,
    secret: secret.value,
    clock,
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  });
  const running = embedded;
  return ok({
    client,
    url,
    embedded: running,
    async close() {
      if (running) {
        rmSync(urlFile, { force: true });
        await running.close();
      }
    },
  });
}

/** The URL `kiosk sync now` should use: the configured one, or the running embedded office's. */
export function resolveCentralUrl(config: KioskConfig): Result<string, string> {
  if (config.centralOffice.url !== 'embedded') return ok(config.centralOffice.url);
  try {
    return ok(readFileSync(path.join(config.dataDir, EMBEDDED_URL_FILE), 'utf8').trim());
  } catch {
    return err('the central office is embedded in the kiosk service and it is not running: start the kiosk (`kiosk start`) or pass --url');
  }
}
