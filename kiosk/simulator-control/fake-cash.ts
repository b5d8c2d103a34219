import { z } from 'zod';
import { err } from '../../common/result';
import type { FakePayment } from '../session/fakes/fake-payment';
import { action, label, noParams, simulatedDevice, type SimulatedDevice } from './device';

/**
 * INTERIM, until the money service owns the cash devices (kiosk/service.ts, "PAYMENT"): the demo's money goes
 * through the session's payment fake, so the panel's bill acceptor and coin hoppers act on that fake. The actions
 * have the same names and parameters as the real simulators' (kiosk/simulator-control/cash.ts: `insert {value}`,
 * `set-coins {coinValue, coins}`), so that a script or a test driving the demo does not change when the switch is
 * made.
 */
const NOTE_VALUES = [1000, 5000, 10000, 50000] as const;
const COIN_VALUES = [10, 50, 100, 500] as const;

export function fakeCashDevices(payment: FakePayment): SimulatedDevice[] {
  const acceptor = simulatedDevice({
    device: 'bill-acceptor',
    label: label('지폐 인식기', 'Bill acceptor'),
    state: () => ({
      status: payment.acceptor,
      collecting: payment.open,
      readyForNote: payment.ready,
      notesInBox: payment.cashBox.length,
      cashBoxTotal: payment.cashBox.reduce((sum, note) => sum + note, 0),
    }),
    actions: {
      insert: action({
        label: label('지폐 넣기', 'Insert a note'),
        params: [{ name: 'value', label: label('금액', 'Value'), kind: 'choice', choices: [...NOTE_VALUES] }],
        schema: z.object({ value: z.coerce.number().int().positive() }).strict(),
        run: (params) => (payment.insert(params.value) ? undefined : err('the acceptor did not take the note: no payment is open, or a note is already in it')),
      }),
      'insert-forgery': action({
        label: label('위조 지폐 넣기', 'Insert a note it does not recognise'),
        params: [],
        schema: noParams,
        run: () => (payment.insertForgery() ? undefined : err('the acceptor did not take the note')),
      }),
      'jam-now': action({
        label: label('지금 걸림', 'Jam now'),
        params: [],
        schema: z.object({ where: z.enum(['acceptor', 'stacker']).default('acceptor') }).strict(),
        run: (params) => payment.faultNow(params.where === 'stacker' ? 'jam-in-stacker' : 'jam-in-acceptor'),
      }),
      'stacker-full': action({ label: label('금고 가득 참', 'Stacker full'), params: [], schema: noParams, run: () => payment.faultNow('stacker-full') }),
      'clear-fault': action({
        label: label('고장 해제', 'Clear the fault'),
        params: [],
        schema: z.object({ noteGoesTo: z.enum(['removed', 'box']).optional() }).strict(),
        run: () => {
          payment.acceptor = 'ready';
        },
      }),
    },
  });
  const hoppers = simulatedDevice({
    device: 'coin-hoppers',
    label: label('동전 호퍼', 'Coin hoppers'),
    state: () => ({
      status: payment.hoppers,
      ...Object.fromEntries(Object.entries(payment.coins).map(([coin, count]) => [`coins${coin}`, count])),
      coinsOut: payment.coinsOut,
    }),
    actions: {
      'set-coins': action({
        label: label('동전 수 설정', 'Set the coins'),
        params: [
          { name: 'coinValue', label: label('동전', 'Coin'), kind: 'choice', choices: [...COIN_VALUES] },
          { name: 'coins', label: label('개수', 'Coins'), kind: 'number', min: 0, max: 100_000 },
        ],
        schema: z.object({ coinValue: z.coerce.number().pipe(z.union(COIN_VALUES.map((value) => z.literal(value)))), coins: z.coerce.number().int().min(0).max(100_000) }).strict(),
        run: (params) => {
          payment.coins[String(params.coinValue)] = params.coins;
        },
      }),
      empty: action({
        label: label('호퍼 비움', 'Hopper empty'),
        params: [{ name: 'coinValue', label: label('동전', 'Coin'), kind: 'choice', choices: [...COIN_VALUES] }],
        schema: z.object({ coinValue: z.coerce.number().pipe(z.union(COIN_VALUES.map((value) => z.literal(value)))) }).strict(),
        run: (params) => {
          payment.coins[String(params.coinValue)] = 0;
        },
      }),
      jam: action({
        label: label('다음 지급 중 걸림', 'Jam during the next payout'),
        params: [{ name: 'afterAmount', label: label('지급 후 금액', 'After amount paid'), kind: 'number', min: 0, max: 100_000 }],
        schema: z.object({ afterAmount: z.coerce.number().int().min(0).default(0) }).strict(),
        run: (params) => {
          payment.hopperJamAfter = params.afterAmount;
        },
      }),
      'clear-jam': action({
        label: label('걸림 해제', 'Clear the jam'),
        params: [],
        schema: noParams,
        run: () => {
          payment.hopperJamAfter = null;
          payment.hoppers = 'ready';
        },
      }),
    },
  });
  return [acceptor, hoppers];
}
