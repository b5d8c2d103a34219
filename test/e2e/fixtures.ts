import { test as base } from '@playwright/test';
import { startKioskProcess, type KioskProcess } from '../support/kiosk-process';

/**
 * A kiosk per test file (worker scope): the demo configuration with simulated devices and a fresh data folder.
 * Before each test the session is sent home, as a citizen walking away would leave it. A file may change top-level
 * sections of the configuration for its kiosk: `test.use({ kioskConfig: { session: { idleScale: 0.05 } } })`.
 */
export const test = base.extend<{ home: void }, { kiosk: KioskProcess; kioskConfig: Record<string, unknown> }>({
  kioskConfig: [{}, { scope: 'worker', option: true }],
  kiosk: [
    async ({ kioskConfig }, use) => {
      const kiosk = await startKioskProcess({ configure: (config) => Object.assign(config, kioskConfig) });
      await use(kiosk);
      await kiosk.stop();
    },
    { scope: 'worker' },
  ],
  home: [
    async ({ kiosk, request }, use) => {
      const response = await request.post(`${kiosk.url}/api/command`, { data: { type: 'home' } });
      if (!response.ok()) throw new Error(`could not send the kiosk home: ${response.status()} ${await response.text()}`);
      await use();
    },
    { auto: true },
  ],
});

export { expect } from '@playwright/test';
