import type { SimulatorActionResult, SimulatorPanelState } from '../../kiosk/api/simulator-contract';
import type { CommandOutcome, KioskCommand } from '../../kiosk/api/contract';
import type { ViewModel } from '../../state-machines/view-model';

/**
 * A citizen at a running kiosk, over HTTP only: KioskApi commands (POST /api/command), the current view
 * (GET /api/view), and the outside world through the simulator-control endpoints (insert a note, place a finger).
 * Waiting is bounded polling of the view — real I/O between processes, so real (short) waits.
 */
export const POLL_MS = 50;

export class KioskCitizen {
  constructor(readonly url: string) {}

  async view(): Promise<ViewModel> {
    const response = await fetch(`${this.url}/api/view`);
    if (!response.ok) throw new Error(`GET /api/view: ${response.status}`);
    return (await response.json()) as ViewModel;
  }

  async send(command: KioskCommand): Promise<CommandOutcome> {
    const response = await fetch(`${this.url}/api/command`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(command) });
    return (await response.json()) as CommandOutcome;
  }

  /** Sends and insists that the kiosk accepted it. */
  async do(command: KioskCommand): Promise<void> {
    const outcome = await this.send(command);
    if (!outcome.accepted) throw new Error(`${command.type} refused on ${(await this.view()).screen}: ${outcome.reason} ${outcome.detail}`);
  }

  async waitFor(what: string, until: (view: ViewModel) => boolean, limitMs = 20_000): Promise<ViewModel> {
    const deadline = Date.now() + limitMs;
    let last: ViewModel | null = null;
    while (Date.now() < deadline) {
      last = await this.view();
      if (until(last)) return last;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    throw new Error(`waited ${limitMs} ms for ${what}; the kiosk shows ${JSON.stringify(last).slice(0, 600)}`);
  }

  waitForScreen(screen: ViewModel['screen'], limitMs?: number): Promise<ViewModel> {
    return this.waitFor(`the ${screen} screen`, (view) => view.screen === screen, limitMs);
  }

  async panel(): Promise<SimulatorPanelState> {
    const response = await fetch(`${this.url}/api/sim`);
    if (!response.ok) throw new Error(`GET /api/sim: ${response.status}`);
    return (await response.json()) as SimulatorPanelState;
  }

  async simulate(device: string, action: string, params: Record<string, unknown> = {}): Promise<SimulatorActionResult> {
    const response = await fetch(`${this.url}/api/sim/${device}/${action}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ params }) });
    return (await response.json()) as SimulatorActionResult;
  }

  /** Retries an action the device may not take yet (a note before the acceptor is open) until it does. */
  async simulateWhenReady(device: string, action: string, params: Record<string, unknown> = {}, limitMs = 20_000): Promise<void> {
    const deadline = Date.now() + limitMs;
    let last: SimulatorActionResult | null = null;
    while (Date.now() < deadline) {
      last = await this.simulate(device, action, params);
      if (last.ok) return;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    throw new Error(`${device}/${action} was not taken within ${limitMs} ms: ${last && !last.ok ? last.error : ''}`);
  }

  // ---- the steps of an issuance ----

  /** From the attract screen to the resident-number screen, with one document. */
  async chooseDocument(code: string, options: Record<string, boolean | string | number> = {}): Promise<void> {
    await this.waitFor('the attract screen', (view) => view.screen === 'attract');
    await this.do({ type: 'touch' });
    await this.do({ type: 'chooseLanguage', language: 'ko' });
    await this.do({ type: 'selectDocument', code });
    for (const [key, value] of Object.entries(options)) await this.do({ type: 'setOption', key, value });
    await this.do({ type: 'confirmOptions' });
  }

  /** Types the number digit by digit (the renderer never holds it whole) and confirms. */
  async enterResidentNumber(residentNumber: string): Promise<void> {
    await this.waitForScreen('resident-number');
    for (const digit of residentNumber.replace('-', '')) await this.do({ type: 'enterDigit', digit });
    await this.do({ type: 'confirmResidentNumber' });
  }

  async placeFinger(residentNumber: string): Promise<void> {
    await this.waitForScreen('fingerprint');
    const placed = await this.simulate('fingerprint', 'place-finger', { residentNumber });
    if (!placed.ok) throw new Error(`place-finger: ${placed.error}`);
  }

  async pay(): Promise<void> {
    await this.waitFor('a summary the citizen can pay', (view) => view.screen === 'summary' && view.canPay, 30_000);
    await this.do({ type: 'pay' });
  }

  async insertNote(value: number): Promise<void> {
    await this.waitFor('the payment screen', (view) => view.screen === 'payment' && view.phase === 'insert');
    await this.simulateWhenReady('bill-acceptor', 'insert', { value });
  }
}
