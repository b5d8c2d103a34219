import { z } from 'zod';
import { err, ok, type Result } from '../../common/result';
import type { SimulatedDeviceState, SimulatorAction, SimulatorParam } from '../api/simulator-contract';

/**
 * One simulated device as the simulator-control endpoints see it: its actions (with the parameters the panel
 * renders), its state for the panel, and `run`, which validates the parameters at this edge and acts. Each device
 * file builds one of these over its simulator's control handle.
 */
export type SimulatorState = SimulatedDeviceState['state'];

export interface SimulatedDevice {
  readonly device: string;
  readonly label: { readonly ko: string; readonly en: string };
  readonly actions: readonly SimulatorAction[];
  state(): SimulatorState;
  run(action: string, params: Readonly<Record<string, unknown>>): Promise<Result<void, string>>;
}

export function describeDevice(device: SimulatedDevice): SimulatedDeviceState {
  return { device: device.device, label: device.label, state: device.state(), actions: device.actions };
}

/** An action with its parameters' schema and what it does once they are valid. */
export type ActionSpec<P extends z.ZodType> = {
  readonly label: { readonly ko: string; readonly en: string };
  readonly params: readonly SimulatorParam[];
  readonly schema: P;
  readonly run: (params: z.output<P>) => Result<void, string> | void | Promise<Result<void, string> | void>;
};

export const noParams = z.object({}).strict();

/** A yes/no parameter: JSON true/false, or the panel's choice strings. */
export const flag = z.union([z.boolean(), z.enum(['true', 'false']).transform((value) => value === 'true')]);

export function action<P extends z.ZodType>(spec: ActionSpec<P>): ActionSpec<P> {
  return spec;
}

/** A device from a table of actions: `run` finds the action, parses its parameters, and reports problems as values. */
export function simulatedDevice(definition: {
  readonly device: string;
  readonly label: { readonly ko: string; readonly en: string };
  // The table mixes parameter schemas; each entry is checked where it is written.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly actions: Readonly<Record<string, ActionSpec<any>>>;
  readonly state: () => SimulatorState;
}): SimulatedDevice {
  const actions = Object.entries(definition.actions).map(([name, spec]) => ({ action: name, label: spec.label, params: spec.params }));
  return {
    device: definition.device,
    label: definition.label,
    actions,
    state: definition.state,
    async run(name, params) {
      const spec = definition.actions[name];
      if (!spec) return err(`${definition.device} has no action "${name}" (known: ${actions.map((entry) => entry.action).join(', ')})`);
      const parsed = spec.schema.safeParse(params);
      if (!parsed.success) return err(`${definition.device}/${name}: ${problems(parsed.error)}`);
      try {
        const result = await spec.run(parsed.data);
        return result ?? ok(undefined);
      } catch (error) {
        return err(`${definition.device}/${name}: ${(error as Error).message}`);
      }
    },
  };
}

export const label = (ko: string, en: string) => ({ ko, en });

export function problems(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.map(String).join('.') || 'params'}: ${issue.message}`).join('; ');
}
