import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Logger } from '../../common/log';
import { SIMULATOR_PATHS, type DemoResident, type SimulatorActionResult, type SimulatorPanelState } from '../api/simulator-contract';
import { describeDevice, type SimulatedDevice } from './device';

/**
 * The simulator-control endpoints on the browser host (kiosk/api/simulator-contract.ts):
 *
 *   GET  /api/sim                   → every simulated device with its state and actions, and the demo residents
 *   POST /api/sim/:device/:action   body { "params": { … } } → { ok: true, device } | { ok: false, error }
 *
 * Registered by the composition root only when `simulatorControl` is true, and only for devices that are
 * simulated: a real device has no entry, so nothing here can act on hardware. Log lines carry the device and the
 * action, never the parameters (a resident number names the simulated finger).
 */
const ActionBody = z.object({ params: z.record(z.string(), z.unknown()).default({}) }).strict();

export type SimulatorControl = {
  readonly devices: readonly SimulatedDevice[];
  readonly residents: () => readonly DemoResident[];
};

export function registerSimulatorRoutes(app: FastifyInstance, control: SimulatorControl, log: Logger): void {
  const byName = new Map(control.devices.map((device) => [device.device, device]));

  app.get(SIMULATOR_PATHS.panel, async (_request, reply) => {
    const panel: SimulatorPanelState = { devices: control.devices.map(describeDevice), residents: control.residents() };
    return reply.header('Cache-Control', 'no-store').send(panel);
  });

  app.post<{ Params: { device: string; action: string } }>(SIMULATOR_PATHS.action, async (request, reply) => {
    const device = byName.get(request.params.device);
    if (!device) {
      const answer: SimulatorActionResult = { ok: false, error: `no simulated device "${request.params.device}" (simulated: ${[...byName.keys()].join(', ') || 'none'})` };
      return reply.status(404).send(answer);
    }
    const body = ActionBody.safeParse(request.body ?? {});
    if (!body.success) {
      const answer: SimulatorActionResult = { ok: false, error: 'the body must be {"params": {…}}' };
      return reply.status(400).send(answer);
    }
    const known = device.actions.some((entry) => entry.action === request.params.action);
    const result = await device.run(request.params.action, body.data.params);
    log.info({ event: 'simulator.action', device: device.device, action: request.params.action, outcome: result.ok ? 'ok' : 'refused' });
    const answer: SimulatorActionResult = result.ok ? { ok: true, device: describeDevice(device) } : { ok: false, error: result.error };
    return reply.status(result.ok ? 200 : known ? 409 : 404).send(answer);
  });
}
