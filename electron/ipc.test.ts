import { DISTRICT_OFFICE_HOURS } from '../catalog';
import { FakeClock } from '../common/clock';
import { silentLogger } from '../common/log';
import { IPC_CHANNELS } from '../kiosk/api/channels';
import { createApiHandlers } from '../kiosk/api/handlers';
import { createSessionRuntime } from '../kiosk/session/runtime';
import type { ViewModel } from '../state-machines/view-model';
import { wireKioskIpc, type IpcInvokeEvent, type IpcMainLike } from './ipc';

/** A stand-in for Electron's ipcMain: the same `handle` contract, invoked the way ipcRenderer.invoke would. */
class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, (event: IpcInvokeEvent, ...args: unknown[]) => unknown>();
  handle(channel: string, listener: (event: IpcInvokeEvent, ...args: unknown[]) => unknown) {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string) {
    this.handlers.delete(channel);
  }
  invoke(url: string | null, channel: string, ...args: unknown[]) {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`no handler for ${channel}`);
    return Promise.resolve(handler({ senderFrame: url === null ? null : { url } }, ...args));
  }
}

const ORIGIN = 'file:///opt/kiosk/resources/app.asar/dist/renderer';

function wire() {
  const session = createSessionRuntime({
    kioskId: 'GJ-HALL-01',
    siteName: { ko: '금정구청 민원실', en: 'Geumjeong-gu Office' },
    site: 'government-building',
    hours: DISTRICT_OFFICE_HOURS,
    disabledDocuments: [],
    pxPerMm: 3.64,
    simulated: true,
    clock: new FakeClock(Date.parse('2026-11-25T10:00:00+09:00')),
    log: silentLogger(),
  });
  const ipc = new FakeIpcMain();
  const pushed: ViewModel[] = [];
  const wiring = wireKioskIpc(ipc, createApiHandlers(session), { push: (view) => pushed.push(view) > 0 }, ORIGIN);
  return { ipc, pushed, wiring };
}

describe('the Electron IPC wiring', () => {
  it('carries commands to the same handlers as the browser host and pushes every view', async () => {
    const { ipc, pushed } = wire();
    const page = `${ORIGIN}/index.html`;
    expect(await ipc.invoke(page, IPC_CHANNELS.view)).toMatchObject({ screen: 'attract' });
    expect(await ipc.invoke(page, IPC_CHANNELS.command, { type: 'chooseLanguage', language: 'en' })).toMatchObject({ accepted: true });
    expect(pushed.map((view) => view.screen)).toEqual(['attract', 'choose-document']);
    expect(await ipc.invoke(page, IPC_CHANNELS.command, { type: 'warp' })).toMatchObject({ accepted: false, reason: 'invalid-command' });
  });

  it('refuses calls from anything but the kiosk’s own renderer', async () => {
    const { ipc, pushed } = wire();
    expect(await ipc.invoke('https://evil.example/', IPC_CHANNELS.command, { type: 'touch' })).toMatchObject({
      accepted: false,
      detail: 'untrusted sender',
    });
    expect(await ipc.invoke(null, IPC_CHANNELS.view)).toBeNull();
    expect(pushed.map((view) => view.screen)).toEqual(['attract']);
  });

  it('removes its handlers when disposed', () => {
    const { ipc, wiring } = wire();
    wiring.dispose();
    expect(ipc.handlers.size).toBe(0);
  });
});
