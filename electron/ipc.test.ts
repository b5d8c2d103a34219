import { IPC_CHANNELS } from '../kiosk/api/channels';
import { createApiHandlers } from '../kiosk/api/handlers';
import { unconnectedRuntime } from '../kiosk/session/testing';
import type { ViewModel } from '../state-machines/view-model';
import { FakeIpcMain } from './fake-ipc-main';
import { wireKioskIpc, wireServiceModeIpc, type ServiceModeOpener } from './ipc';
import { SERVICE_MODE_CHANNEL, type ServiceModeOpening } from './service-mode';

const ORIGIN = 'file:///opt/kiosk/resources/app.asar/dist/renderer';

function wire() {
  const session = unconnectedRuntime();
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

describe('the technician’s entry over IPC', () => {
  function wireService(open: ServiceModeOpener['open'] = () => ({ opened: true })) {
    const handlers = createApiHandlers(unconnectedRuntime());
    const ipc = new FakeIpcMain();
    const opened: string[] = [];
    const wiring = wireServiceModeIpc(
      ipc,
      handlers,
      {
        open: () => {
          opened.push('service window');
          return open();
        },
      },
      ORIGIN,
    );
    return { ipc, handlers, opened, wiring };
  }
  const page = `${ORIGIN}/index.html`;

  it('opens the service window from the attract screen of the kiosk’s own renderer', async () => {
    const { ipc, opened } = wireService();
    expect(await ipc.invoke(page, SERVICE_MODE_CHANNEL)).toEqual({ opened: true });
    expect(opened).toEqual(['service window']);
  });

  it('refuses anything but the kiosk’s own renderer', async () => {
    const { ipc, opened } = wireService();
    expect(await ipc.invoke('http://127.0.0.1:8080/index.html', SERVICE_MODE_CHANNEL)).toEqual({ opened: false, reason: 'untrusted sender' });
    expect(await ipc.invoke(null, SERVICE_MODE_CHANNEL)).toEqual({ opened: false, reason: 'untrusted sender' });
    expect(opened).toEqual([]);
  });

  it('does not cover a citizen’s session, whatever the renderer asks', async () => {
    const { ipc, handlers, opened } = wireService();
    await handlers.command({ type: 'chooseLanguage', language: 'ko' });
    expect(await ipc.invoke(page, SERVICE_MODE_CHANNEL)).toEqual({ opened: false, reason: 'not on the choose-document screen' });
    expect(opened).toEqual([]);
  });

  it('answers the shell’s refusal or failure as a value', async () => {
    const refused: ServiceModeOpening = { opened: false, reason: 'the loopback host is not running' };
    expect(await wireService(() => refused).ipc.invoke(page, SERVICE_MODE_CHANNEL)).toEqual(refused);
    const failing = wireService(() => {
      throw new Error('no display');
    });
    expect(await failing.ipc.invoke(page, SERVICE_MODE_CHANNEL)).toEqual({ opened: false, reason: 'no display' });
  });

  it('removes its handler when disposed', () => {
    const { ipc, wiring } = wireService();
    wiring.dispose();
    expect(ipc.handlers.size).toBe(0);
  });
});
