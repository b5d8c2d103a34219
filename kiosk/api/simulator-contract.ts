/**
 * The simulator control contract (ARCHITECTURE.md: "Simulator control"): only when a device is simulated, HTTP
 * endpoints on the kiosk host act as the outside world — insert a note, place a finger, open a cover, run out of
 * paper — and read what a printer printed. Each simulated device registers its actions generically, so the
 * simulator panel page renders whatever is there without knowing the devices.
 *
 *   GET  /api/sim                      → SimulatorPanelState
 *   POST /api/sim/:device/:action      body { params } → SimulatorActionResult
 *
 * Never enabled in a production configuration (`simulatorControl: false`).
 */
export type SimulatorParam =
  | { readonly name: string; readonly label: { ko: string; en: string }; readonly kind: 'choice'; readonly choices: readonly (string | number)[] }
  | { readonly name: string; readonly label: { ko: string; en: string }; readonly kind: 'number'; readonly min: number; readonly max: number }
  | { readonly name: string; readonly label: { ko: string; en: string }; readonly kind: 'text' };

export type SimulatorAction = {
  readonly action: string;
  readonly label: { ko: string; en: string };
  readonly params: readonly SimulatorParam[];
};

export type SimulatedDeviceState = {
  /** `bill-acceptor`, `coin-hoppers`, `receipt-printer`, `a4-printer`, `fingerprint`, `keypad` */
  readonly device: string;
  readonly label: { ko: string; en: string };
  /** Device-specific facts for the panel: stacker count, coins left, paper state, last printed … */
  readonly state: Readonly<Record<string, string | number | boolean | null>>;
  readonly actions: readonly SimulatorAction[];
};

/** A fictional resident of the synthetic population, for the demo: whose finger to place and what number to type. */
export type DemoResident = {
  readonly name: string;
  readonly residentNumber: string;
  readonly note: string;
};

export type SimulatorPanelState = {
  readonly devices: readonly SimulatedDeviceState[];
  readonly residents: readonly DemoResident[];
};

export type SimulatorActionResult =
  | { readonly ok: true; readonly device: SimulatedDeviceState }
  | { readonly ok: false; readonly error: string };

export const SIMULATOR_PATHS = { panel: '/api/sim', action: '/api/sim/:device/:action' } as const;
