import { createApiHandlers } from '../kiosk/api/handlers';
import { unconnectedRuntime } from '../kiosk/session/testing';
import { FakeIpcMain } from './fake-ipc-main';
import { wireServiceModeIpc } from './ipc';

/**
 * The preload against a stand-in for Electron's renderer side: what it puts in the page's world, and that
 * `openServiceMode()` reaches the main process's wiring (a fake ipcMain) from the kiosk's own renderer.
 */
const PAGE = 'file:///opt/kiosk/resources/app.asar/dist/renderer/index.html';
const electron = vi.hoisted(() => ({
  exposed: new Map<string, Record<string, unknown>>(),
  invoke: (_channel: string, ..._args: unknown[]): Promise<unknown> => Promise.reject(new Error('not wired')),
}));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: Record<string, unknown>) => electron.exposed.set(key, api) },
  ipcRenderer: {
    invoke: (channel: string, ...args: unknown[]) => electron.invoke(channel, ...args),
    on: () => undefined,
    removeListener: () => undefined,
  },
}));

await import('./preload');

type Bridge = { openServiceMode(): Promise<unknown> };

describe('the preload', () => {
  it('exposes KioskApi and the technician’s entry, nothing else', () => {
    expect([...electron.exposed.keys()]).toEqual(['kioskBridge']);
    expect(Object.keys(electron.exposed.get('kioskBridge') ?? {}).sort()).toEqual(['openServiceMode', 'send', 'subscribe']);
  });

  it('asks the main process to open service mode, which opens it from the attract screen', async () => {
    const session = unconnectedRuntime();
    const ipc = new FakeIpcMain();
    let opened = 0;
    wireServiceModeIpc(ipc, createApiHandlers(session), { open: () => ((opened += 1), { opened: true }) }, 'file:///opt/kiosk/resources/app.asar/dist/renderer');
    electron.invoke = (channel, ...args) => ipc.invoke(PAGE, channel, ...args);
    const bridge = electron.exposed.get('kioskBridge') as unknown as Bridge;
    expect(await bridge.openServiceMode()).toEqual({ opened: true });
    expect(opened).toBe(1);
  });
});
