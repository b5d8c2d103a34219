import type { SimulatorActionResult, SimulatorPanelState } from '../../kiosk/api/simulator-contract';

/** The simulator control endpoints of the kiosk host (kiosk/api/simulator-contract.ts). */
export type SimulatorFetch = (input: string, init?: RequestInit) => Promise<Response>;

export type PanelLoad =
  | { readonly kind: 'ok'; readonly state: SimulatorPanelState }
  | { readonly kind: 'off' }
  | { readonly kind: 'unreachable'; readonly detail: string };

export async function loadPanel(fetcher: SimulatorFetch, base = ''): Promise<PanelLoad> {
  try {
    const response = await fetcher(`${base}/api/sim`, { headers: { Accept: 'application/json' } });
    // No simulated device, or simulator control off in the configuration: the routes are not there.
    if (response.status === 404 || response.status === 403) return { kind: 'off' };
    if (!response.ok) return { kind: 'unreachable', detail: `HTTP ${response.status}` };
    return { kind: 'ok', state: (await response.json()) as SimulatorPanelState };
  } catch (error) {
    return { kind: 'unreachable', detail: error instanceof Error ? error.message : String(error) };
  }
}

export async function runAction(
  fetcher: SimulatorFetch,
  device: string,
  action: string,
  params: Readonly<Record<string, string | number>>,
  base = '',
): Promise<SimulatorActionResult> {
  try {
    const response = await fetcher(`${base}/api/sim/${encodeURIComponent(device)}/${encodeURIComponent(action)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ params }),
    });
    const body = (await response.json().catch(() => null)) as SimulatorActionResult | null;
    if (body && typeof body === 'object' && 'ok' in body) return body;
    return { ok: false, error: `HTTP ${response.status}` };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
