import { app, BrowserWindow, dialog, ipcMain, session } from 'electron';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createLogger } from '../common/log';
import { formatConfigError, loadConfigFile } from '../kiosk/config';
import { createKioskService } from '../kiosk/service';
import { CONTENT_SECURITY_POLICY } from '../kiosk/host/csp';
import { IPC_CHANNELS } from '../kiosk/api/channels';
import { wireKioskIpc } from './ipc';

/**
 * The Electron shell, kept thin: one full-screen, frameless kiosk window over the sandboxed renderer, the kiosk
 * service in this main process beside the devices and the money, and the KioskApi over IPC. The renderer is
 * reloaded if its process dies; the session lives here and loses nothing.
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

app.on('second-instance', () => kioskWindow?.focus());
app.on('web-contents-created', (_event, contents) => {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event, url) => {
    if (!url.startsWith(trustedOrigin)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
});

app.whenReady().then(async () => {
  const loaded = loadConfigFile(configFile);
  if (!loaded.ok) {
    const message = formatConfigError(loaded.error);
    console.error(message);
    dialog.showErrorBox('Kiosk configuration', message);
    app.exit(EXIT_CONFIG);
    return;
  }
  const started = await createKioskService(loaded.value.config, { log });
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

  const window = createKioskWindow();
  wireKioskIpc(ipcMain, service.handlers, { push: (view) => sendView(view) }, trustedOrigin);

  app.on('before-quit', () => void service.stop());
  app.on('window-all-closed', () => app.quit());
  log.info({ event: 'electron.ready', production, window: window.id });
});

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
