import { app, BrowserWindow, dialog, ipcMain, session, type WebContents } from 'electron';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createLogger } from '../common/log';
import { formatConfigError, loadConfigFile, type KioskConfig } from '../kiosk/config';
import { createKioskService, type KioskService } from '../kiosk/service';
import { CONTENT_SECURITY_POLICY } from '../kiosk/host/csp';
import { startBrowserHost, type BrowserHost } from '../kiosk/host/server';
import { IPC_CHANNELS } from '../kiosk/api/channels';
import { wireKioskIpc, wireServiceModeIpc } from './ipc';
import {
  kioskWindowNavigation,
  loopbackOrigin,
  serviceScreenUrl,
  serviceWindowNavigation,
  type NavigationDecision,
  type ServiceModeOpening,
} from './service-mode';

/**
 * The Electron shell, kept thin: one full-screen, frameless kiosk window over the sandboxed renderer, the kiosk
 * service in this main process beside the devices and the money, and the KioskApi over IPC. The renderer is
 * reloaded if its process dies; the session lives here and loses nothing.
 *
 * Beside it, the browser host on loopback (`api.host`/`api.port`) with the service's own routes: service mode's
 * `/service/api`, which `kiosk diag` and `kiosk close-day` ask when the kiosk holds the devices, and the service
 * screen, which the technician's entry opens in a second window (electron/service-mode.ts).
 */
const EXIT_CONFIG = 78;
const RENDERER_RELAUNCH_DELAY_MS = 1000;

const log = createLogger({ name: 'kiosk-electron' });
const production = app.isPackaged;
const configFile = argumentValue('--config') ?? process.env.KIOSK_CONFIG ?? path.join(process.cwd(), 'kiosk/config/demo.json');
const rendererDir = path.join(__dirname, '../renderer');
const rendererIndex = path.join(rendererDir, 'index.html');
const trustedOrigin = pathToFileURL(rendererDir).href;

function argumentValue(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

if (!app.requestSingleInstanceLock()) {
  // A second kiosk process would fight the first over the serial ports and the cash.
  app.quit();
}

let kioskWindow: BrowserWindow | null = null;
let serviceWindow: BrowserWindow | null = null;
/** The loopback host's origin once it listens; null if it could not (the citizen UI works without it). */
let serviceOrigin: string | null = null;

app.on('second-instance', () => (liveServiceWindow() ?? kioskWindow)?.focus());
app.on('web-contents-created', (_event, contents) => {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  // Redirects too: a server redirect is a navigation the page did not ask for by name.
  const guard = (event: { preventDefault(): void }, url: string) => {
    const decision = navigationFor(contents, url);
    if (decision === 'allow') return;
    event.preventDefault();
    if (decision === 'return') liveServiceWindow()?.close();
    else log.warn({ event: 'electron.navigation-denied', origin: originOf(url) });
  };
  contents.on('will-navigate', guard);
  contents.on('will-redirect', guard);
  contents.on('will-attach-webview', (event) => event.preventDefault());
});

/** The service window: the service screen of the loopback origin only. Every other contents: the renderer's files. */
function navigationFor(contents: WebContents, url: string): NavigationDecision {
  const service = liveServiceWindow();
  if (service && serviceOrigin && contents === service.webContents) return serviceWindowNavigation(url, serviceOrigin);
  return kioskWindowNavigation(url, trustedOrigin);
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'unparsable';
  }
}

function liveServiceWindow(): BrowserWindow | null {
  return serviceWindow && !serviceWindow.isDestroyed() ? serviceWindow : null;
}

app.whenReady().then(async () => {
  const loaded = loadConfigFile(configFile);
  if (!loaded.ok) {
    const message = formatConfigError(loaded.error);
    console.error(message);
    dialog.showErrorBox('Kiosk configuration', message);
    app.exit(EXIT_CONFIG);
    return;
  }
  const config = loaded.value.config;
  const started = await createKioskService(config, { log });
  if (!started.ok) {
    const message = `The kiosk database cannot be used (${started.error.error.kind}): ${started.error.error.detail}`;
    dialog.showErrorBox('Kiosk database', message);
    app.exit(70);
    return;
  }
  const service = started.value;

  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback) => callback(permission === 'speaker-selection'));

  const host = await startLoopbackHost(service, config);

  const window = createKioskWindow();
  wireKioskIpc(ipcMain, service.handlers, { push: (view) => sendView(view) }, trustedOrigin);
  wireServiceModeIpc(ipcMain, service.handlers, { open: openServiceWindow }, trustedOrigin);

  let quitting = false;
  app.on('before-quit', () => {
    if (quitting) return;
    quitting = true;
    // The host first, so that no service-mode or CLI request reaches a kiosk service that is stopping.
    void (async () => {
      await host?.close().catch((error: unknown) => log.warn({ event: 'electron.host-close-error', detail: (error as Error).message }));
      await service.stop();
    })();
  });
  app.on('window-all-closed', () => app.quit());
  log.info({ event: 'electron.ready', production, window: window.id });
});

/**
 * The browser host on loopback, as `kiosk start` runs it, with the service's routes (service mode, simulator
 * control). The citizen UI of this shell does not use it (IPC); a host that cannot listen (the port taken) costs
 * service mode and the CLI's questions, not the citizens, so the kiosk runs on and says why.
 */
async function startLoopbackHost(service: KioskService, config: KioskConfig): Promise<BrowserHost | null> {
  try {
    const host = await startBrowserHost({
      handlers: service.handlers,
      host: config.api.host,
      port: config.api.port,
      rendererDir,
      log,
      extend: (fastify) => service.extendHost(fastify),
    });
    const address = host.app.server.address();
    const port = address !== null && typeof address === 'object' ? address.port : config.api.port;
    serviceOrigin = loopbackOrigin(config.api.host, port);
    log.info({ event: 'electron.host-listening', origin: serviceOrigin });
    return host;
  } catch (error) {
    log.error({ event: 'electron.host-not-started', host: config.api.host, port: config.api.port, detail: (error as Error).message });
    return null;
  }
}

/**
 * The service screen in its own window over the kiosk window, so that the citizen UI beneath keeps its files, its
 * IPC and its state. Locked down like the kiosk window, and without a preload: the service screen speaks HTTP to
 * `/service/api` on its own origin and needs nothing from the shell. Its exit navigates to the citizen screen, which
 * the navigation guard turns into closing this window.
 */
function openServiceWindow(): ServiceModeOpening {
  if (!serviceOrigin) return { opened: false, reason: 'the loopback host is not running' };
  const open = liveServiceWindow();
  if (open) {
    open.focus();
    return { opened: true };
  }
  const window = new BrowserWindow({
    ...(kioskWindow && !kioskWindow.isDestroyed() ? { parent: kioskWindow } : {}),
    fullscreen: true,
    kiosk: production,
    frame: false,
    autoHideMenuBar: true,
    backgroundColor: '#ffffff',
    webPreferences: {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      devTools: !production,
      spellcheck: false,
    },
  });
  serviceWindow = window;
  window.setMenu(null);
  window.on('closed', () => {
    if (serviceWindow === window) serviceWindow = null;
    if (kioskWindow && !kioskWindow.isDestroyed()) kioskWindow.focus();
    log.info({ event: 'electron.service-window.closed' });
  });
  // A dead or hung service screen is closed, not reloaded: the citizen screen is beneath, and the technician's
  // session ends by its own time-out (the PIN is asked again on the next entry).
  window.webContents.on('render-process-gone', (_event, details) => {
    log.error({ event: 'electron.service-renderer-gone', reason: details.reason });
    if (!window.isDestroyed()) window.close();
  });
  window.webContents.on('unresponsive', () => window.webContents.forcefullyCrashRenderer());
  if (production) {
    window.webContents.on('devtools-opened', () => window.webContents.closeDevTools());
  }
  window.loadURL(serviceScreenUrl(serviceOrigin)).catch((error: unknown) => {
    log.error({ event: 'electron.service-window.load-failed', detail: (error as Error).message });
    if (!window.isDestroyed()) window.close();
  });
  log.info({ event: 'electron.service-window.opened' });
  return { opened: true };
}

function sendView(view: unknown): boolean {
  const contents = kioskWindow?.webContents;
  if (!contents || contents.isDestroyed() || contents.isCrashed()) return false;
  contents.send(IPC_CHANNELS.viewPush, view);
  return true;
}

function createKioskWindow(): BrowserWindow {
  const window = new BrowserWindow({
    fullscreen: true,
    kiosk: production,
    frame: false,
    autoHideMenuBar: true,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: path.join(__dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      devTools: !production,
      spellcheck: false,
    },
  });
  kioskWindow = window;
  window.setMenu(null);
  window.webContents.on('render-process-gone', (_event, details) => {
    log.error({ event: 'electron.renderer-gone', reason: details.reason, exitCode: details.exitCode });
    setTimeout(() => {
      if (!window.isDestroyed()) void window.loadFile(rendererIndex);
    }, RENDERER_RELAUNCH_DELAY_MS);
  });
  window.webContents.on('unresponsive', () => {
    log.warn({ event: 'electron.renderer-unresponsive' });
    window.webContents.forcefullyCrashRenderer();
  });
  if (production) {
    window.webContents.on('devtools-opened', () => window.webContents.closeDevTools());
  }
  void window.loadFile(rendererIndex);
  return window;
}
