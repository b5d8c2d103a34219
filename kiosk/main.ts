import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLogger } from '../common/log';
import { formatConfigError, loadConfigFile } from './config';
import { startBrowserHost } from './host/server';
import { createKioskService, describeStartError } from './service';

/** Where `npm run build:renderer` puts the touch UI. */
export const RENDERER_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist/renderer');

/** sysexits.h EX_CONFIG: the configuration is wrong; a supervisor should not restart in a loop. */
export const EXIT_CONFIG = 78;
export const EXIT_SOFTWARE = 70;

export type StartOptions = { readonly openBrowser?: boolean; readonly port?: number };

/** `kiosk start`: the kiosk service plus the browser host, until SIGINT/SIGTERM. */
export async function startFromCli(configFile: string, options: StartOptions = {}): Promise<number> {
  const loaded = loadConfigFile(configFile);
  if (!loaded.ok) {
    console.error(formatConfigError(loaded.error));
    return EXIT_CONFIG;
  }
  const config = options.port === undefined ? loaded.value.config : { ...loaded.value.config, api: { ...loaded.value.config.api, port: options.port } };
  const log = createLogger({ name: 'kiosk' });
  const service = await createKioskService(config, { log });
  if (!service.ok) {
    console.error(describeStartError(service.error));
    return EXIT_SOFTWARE;
  }
  const host = await startBrowserHost({
    handlers: service.value.handlers,
    host: config.api.host,
    port: config.api.port,
    rendererDir: RENDERER_DIST,
    log,
    extend: (app) => service.value.extendHost(app),
  });
  console.error(`Kiosk ${config.kioskId} is running: ${host.url}`);
  if (options.openBrowser) openKioskBrowser(host.url);

  return new Promise<number>((resolve) => {
    const shutdown = async (signal: string) => {
      log.info({ event: 'kiosk.shutdown', signal });
      await host.close();
      await service.value.stop();
      resolve(0);
    };
    process.once('SIGINT', () => void shutdown('SIGINT'));
    process.once('SIGTERM', () => void shutdown('SIGTERM'));
  });
}

/** Debian Chromium in kiosk/app mode when a display exists; otherwise the URL printed above is all there is. */
function openKioskBrowser(url: string): void {
  const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
  const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((candidate) => existsSync(candidate));
  if (!hasDisplay || !chromium) {
    console.error(hasDisplay ? 'No Chromium found: open the URL above in a browser.' : 'No display: open the URL above in a browser.');
    return;
  }
  const profile = mkdtempSync(path.join(tmpdir(), 'kiosk-chromium-'));
  const child = spawn(
    chromium,
    [
      `--app=${url}`,
      '--kiosk',
      `--user-data-dir=${profile}`,
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--disable-translate',
      '--overscroll-history-navigation=0',
      '--disable-pinch',
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    ],
    { stdio: 'ignore', detached: true },
  );
  child.unref();
}
