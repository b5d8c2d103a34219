import { rmSync } from 'node:fs';
import { startKioskProcess, type KioskProcess } from './support/kiosk-process';

/**
 * The README's first command, `./scripts/demo.sh`, brings up the demo kiosk: set-up (quick here: the test command
 * set up this checkout a moment ago, so it only checks), then the browser host with simulated devices and the
 * embedded central office, printing its URL. The UI is served at that URL and the session waits on the attract
 * screen. (The browser view of the same kiosk: test/e2e/walking-skeleton.spec.ts.)
 */
describe('the demo command', () => {
  let kiosk: KioskProcess | undefined;
  afterAll(async () => {
    await kiosk?.stop();
    if (kiosk) rmSync(kiosk.dataDir, { recursive: true, force: true });
  });

  it('sets up, starts the demo kiosk and prints a URL that serves the touch UI', { timeout: 180_000 }, async () => {
    kiosk = await startKioskProcess({ viaDemoScript: true, env: { DISPLAY: '', WAYLAND_DISPLAY: '' } });
    // eslint-disable-next-line no-control-regex -- the script colours its "[setup]" prefix
    expect(kiosk.output().replace(/\x1b\[[0-9;]*m/g, '')).toContain('[setup] ready');
    // No display here: the URL is all there is, and the kiosk says so (just after the URL) instead of failing.
    await vi.waitFor(() => expect(kiosk?.output()).toContain('No display: open the URL above in a browser.'), { timeout: 5_000 });

    const page = await fetch(kiosk.url);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<div id="root">');
    expect(html).toMatch(/<script type="module"[^>]+src="\.\/assets\/[^"]+\.js"/);

    const view = (await (await fetch(`${kiosk.url}/api/view`)).json()) as { screen: string; kiosk: { kioskId: string; simulated: boolean } };
    expect(view).toMatchObject({ screen: 'attract', kiosk: { kioskId: 'GJ-HALL-01', simulated: true } });
    const panel = (await (await fetch(`${kiosk.url}/api/sim`)).json()) as { devices: { device: string }[] };
    expect(panel.devices.map((device) => device.device).sort()).toEqual(['a4-printer', 'bill-acceptor', 'coin-hoppers', 'fingerprint', 'keypad', 'receipt-printer']);
  });
});
