import type { z } from 'zod';
import { BillAcceptorSimCommand, runBillAcceptorCommand } from '../../devices/bill-acceptor/sim-commands';
import { CoinHopperSimCommand, runCoinHopperCommand } from '../../devices/coin-hopper/sim-commands';
import { err, ok, type Result } from '../../common/result';
import type { SimulatorParam } from '../api/simulator-contract';
import type { CashDevices } from '../cash';
import { label, problems, type SimulatedDevice, type SimulatorState } from './device';

/**
 * The simulated cash devices themselves (JCM ID-003 acceptor and ccTalk hoppers behind the real drivers): every
 * command of `kiosk sim bill-acceptor` / `kiosk sim coin-hopper` as an action, validated with the device's own
 * schema (`{"command": action, ...params}`), plus unplugging the cable. The money service drives the same devices,
 * so a note inserted here is read, escrowed and stacked or returned exactly as on the hardware.
 */
const NOTE_VALUES = [1000, 5000, 10000, 50000];

const BILL_ACCEPTOR_ACTIONS: Record<BillAcceptorSimCommand['command'], { label: { ko: string; en: string }; params: SimulatorParam[] }> = {
  insert: { label: label('지폐 넣기', 'Insert a note'), params: [{ name: 'value', label: label('금액', 'Value'), kind: 'choice', choices: NOTE_VALUES }] },
  'reject-next': { label: label('다음 지폐 거부', 'Reject the next note'), params: [{ name: 'reason', label: label('사유', 'Reason'), kind: 'text' }] },
  'jam-next': {
    label: label('다음 지폐 걸림', 'Jam the next note'),
    params: [{ name: 'stage', label: label('단계', 'Stage'), kind: 'choice', choices: ['accepting', 'stacking', 'after-vend-valid', 'returning'] }],
  },
  'jam-now': { label: label('지금 걸림', 'Jam now'), params: [{ name: 'where', label: label('위치', 'Where'), kind: 'choice', choices: ['acceptor', 'stacker'] }] },
  'stacker-full': { label: label('금고 가득 참', 'Stacker full'), params: [] },
  'box-open': { label: label('금고 열기', 'Open the cash box'), params: [] },
  'box-close': { label: label('금고 닫기', 'Close the cash box'), params: [] },
  'empty-box': { label: label('금고 비우기', 'Empty the cash box'), params: [] },
  'power-loss': { label: label('전원 차단', 'Power loss'), params: [{ name: 'at', label: label('시점', 'When'), kind: 'choice', choices: ['now', 'escrow', 'stacking', 'vend-valid'] }] },
  'power-on': { label: label('전원 복구', 'Power on'), params: [] },
  'stop-answering': { label: label('응답 없음', 'Stop answering'), params: [] },
  'resume-answering': { label: label('응답 재개', 'Answer again'), params: [] },
  cheat: { label: label('지폐 빼내기 (부정)', 'Pull a note back (cheat)'), params: [] },
  fail: { label: label('고장', 'Hardware failure'), params: [{ name: 'code', label: label('코드', 'Code'), kind: 'number', min: 0, max: 255 }] },
  'clear-fault': { label: label('고장 해제', 'Clear the fault'), params: [{ name: 'noteGoesTo', label: label('지폐', 'Note'), kind: 'choice', choices: ['removed', 'box'] }] },
  status: { label: label('상태', 'Status'), params: [] },
};

const COIN_HOPPER_ACTIONS: Record<CoinHopperSimCommand['command'], { label: { ko: string; en: string }; params: SimulatorParam[] }> = {
  'set-coins': {
    label: label('동전 수 설정', 'Set the coins'),
    params: [
      { name: 'coinValue', label: label('동전', 'Coin'), kind: 'choice', choices: [10, 50, 100, 500] },
      { name: 'coins', label: label('개수', 'Coins'), kind: 'number', min: 0, max: 100_000 },
    ],
  },
  empty: { label: label('호퍼 비움', 'Hopper empty'), params: [{ name: 'coinValue', label: label('동전', 'Coin'), kind: 'choice', choices: [10, 50, 100, 500] }] },
  jam: {
    label: label('호퍼 걸림', 'Hopper jam'),
    params: [
      { name: 'coinValue', label: label('동전', 'Coin'), kind: 'choice', choices: [10, 50, 100, 500] },
      { name: 'afterCoins', label: label('몇 개 뒤', 'After coins'), kind: 'number', min: 0, max: 1000 },
    ],
  },
  'clear-jam': { label: label('걸림 해제', 'Clear the jam'), params: [{ name: 'coinValue', label: label('동전', 'Coin'), kind: 'choice', choices: [10, 50, 100, 500] }] },
  'demand-encryption': {
    label: label('암호화 요구', 'Demand encrypted dispense'),
    params: [
      { name: 'coinValue', label: label('동전', 'Coin'), kind: 'choice', choices: [10, 50, 100, 500] },
      { name: 'on', label: label('켜기', 'On'), kind: 'choice', choices: ['true', 'false'] },
    ],
  },
  'power-cut': { label: label('전원 차단', 'Power cut'), params: [] },
  'power-on': { label: label('전원 복구', 'Power on'), params: [] },
  'stop-answering': { label: label('응답 없음', 'Stop answering'), params: [] },
  'resume-answering': { label: label('응답 재개', 'Answer again'), params: [] },
  status: { label: label('상태', 'Status'), params: [] },
};

function commandDevice<C extends { command: string }>(definition: {
  device: string;
  label: { ko: string; en: string };
  table: Record<C['command'], { label: { ko: string; en: string }; params: SimulatorParam[] }>;
  schema: z.ZodType<C>;
  apply: (command: C) => Result<Record<string, unknown>, string>;
  link: { unplug(): void; replug(): void; readonly unplugged: boolean };
  state: () => SimulatorState;
}): SimulatedDevice {
  const entries = Object.entries(definition.table) as [string, { label: { ko: string; en: string }; params: SimulatorParam[] }][];
  return {
    device: definition.device,
    label: definition.label,
    actions: [
      ...entries.map(([name, spec]) => ({ action: name, label: spec.label, params: spec.params })),
      { action: 'unplug', label: label('케이블 뽑기', 'Unplug'), params: [] },
      { action: 'replug', label: label('케이블 꽂기', 'Plug back in'), params: [] },
    ],
    state: () => ({ ...definition.state(), unplugged: definition.link.unplugged }),
    async run(name, params) {
      if (name === 'unplug') {
        definition.link.unplug();
        return ok(undefined);
      }
      if (name === 'replug') {
        definition.link.replug();
        return ok(undefined);
      }
      const values = Object.fromEntries(Object.entries(params).map(([key, value]) => [key, value === 'true' ? true : value === 'false' ? false : value]));
      const parsed = definition.schema.safeParse({ ...values, command: name });
      if (!parsed.success) return err(`${definition.device}/${name}: ${problems(parsed.error)}`);
      const applied = definition.apply(parsed.data);
      return applied.ok ? ok(undefined) : err(applied.error);
    },
  };
}

/** Simulator-control devices for simulated cash devices (an empty list for real hardware). */
export function cashSimulatorDevices(cash: CashDevices): SimulatedDevice[] {
  const devices: SimulatedDevice[] = [];
  const acceptor = cash.billAcceptor;
  if (acceptor.kind === 'simulated') {
    devices.push(
      commandDevice<BillAcceptorSimCommand>({
        device: 'bill-acceptor',
        label: label('지폐 인식기', 'Bill acceptor'),
        table: BILL_ACCEPTOR_ACTIONS,
        schema: BillAcceptorSimCommand,
        apply: (command) => runBillAcceptorCommand(acceptor.simulator, command),
        link: acceptor.link,
        state: () => ({ status: acceptor.simulator.status().kind, cashBoxTotal: acceptor.simulator.cashBoxTotal(), driver: acceptor.acceptor.state() }),
      }),
    );
  }
  const hoppers = cash.coinHoppers;
  if (hoppers.kind === 'simulated') {
    devices.push(
      commandDevice<CoinHopperSimCommand>({
        device: 'coin-hoppers',
        label: label('동전 호퍼', 'Coin hoppers'),
        table: COIN_HOPPER_ACTIONS,
        schema: CoinHopperSimCommand,
        apply: (command) => runCoinHopperCommand(hoppers.simulator, command),
        link: hoppers.link,
        state: () => Object.fromEntries(hoppers.simulator.describe().map((hopper) => [`coins${hopper.coinValue}`, hopper.coins])),
      }),
    );
  }
  return devices;
}
