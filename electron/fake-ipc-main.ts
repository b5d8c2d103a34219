import type { IpcInvokeEvent, IpcMainLike } from './ipc';

/**
 * TEST ONLY: a stand-in for Electron's ipcMain: the same `handle` contract, invoked the way ipcRenderer.invoke
 * would, from a frame at `url` (null: a frame that is gone).
 */
export class FakeIpcMain implements IpcMainLike {
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
