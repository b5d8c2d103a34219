import Fastify from 'fastify';
import { FakeClock } from '../../common/clock';
import { silentLogger } from '../../common/log';
import { createReceiptPrinter } from '../../devices/receipt-printer/factory';
import { sampleTransactionReceipt } from '../../printer-templates/fixtures/receipts';
import type { SimulatorActionResult, SimulatorPanelState } from '../api/simulator-contract';
import { createCashDevices } from '../cash';
import { cashSimulatorDevices, receiptPrinterDevice, registerSimulatorRoutes, type SimulatedDevice } from '.';

const RESIDENTS = [{ name: '가나다', residentNumber: '900101-1234568', note: 'demo' }];

async function host(devices: readonly SimulatedDevice[]) {
  const app = Fastify();
  registerSimulatorRoutes(app, { devices, residents: () => RESIDENTS }, silentLogger());
  await app.ready();
  const act = async (device: string, action: string, params: Record<string, unknown> = {}) => {
    const response = await app.inject({ method: 'POST', url: `/api/sim/${device}/${action}`, payload: { params } });
    return { status: response.statusCode, body: response.json() as SimulatorActionResult };
  };
  return { app, act };
}

describe('the simulator-control endpoints', () => {
  function simulatedCash(clock = new FakeClock()) {
    const cash = createCashDevices(
      { billAcceptor: { driver: 'simulated' }, coinHoppers: { driver: 'simulated', hoppers: [{ coinValue: 500, address: 3, initialCoins: 10 }] } },
      { clock },
    );
    if (!cash.ok) throw new Error(cash.error);
    return cashSimulatorDevices(cash.value);
  }

  it('lists the simulated devices with their state and actions, and the demo residents', async () => {
    const { app } = await host(simulatedCash());
    const panel = (await app.inject({ method: 'GET', url: '/api/sim' })).json() as SimulatorPanelState;
    expect(panel.devices.map((device) => device.device)).toEqual(['bill-acceptor', 'coin-hoppers']);
    expect(panel.devices[0]?.actions.find((action) => action.action === 'insert')?.params[0]).toMatchObject({ name: 'value', kind: 'choice' });
    expect(panel.devices[1]?.state).toMatchObject({ coins500: 10, unplugged: false });
    expect(panel.residents).toEqual(RESIDENTS);
    await app.close();
  });

  it('refuses what does not exist and bodies of the wrong shape', async () => {
    const { app, act } = await host(simulatedCash());
    expect(await act('a4-printer', 'jam')).toMatchObject({ status: 404, body: { ok: false } });
    expect(await act('bill-acceptor', 'fly')).toMatchObject({ status: 404, body: { ok: false } });
    expect(await act('coin-hoppers', 'set-coins', { coinValue: 7, coins: 3 })).toMatchObject({ status: 409, body: { ok: false } });
    const wrong = await app.inject({ method: 'POST', url: '/api/sim/bill-acceptor/insert', payload: { value: 1000 } });
    expect(wrong.statusCode).toBe(400);
    await app.close();
  });

  it('drives the receipt printer simulator and shows what it printed, decoded', async () => {
    const clock = new FakeClock();
    const receipt = createReceiptPrinter({ driver: 'simulated' }, { clock, log: silentLogger() });
    await receipt.start();
    const { app, act } = await host([receiptPrinterDevice(receipt.control!)]);
    await receipt.printer.print(sampleTransactionReceipt());
    expect(await act('receipt-printer', 'open-cover')).toMatchObject({ status: 200, body: { ok: true, device: { state: { coverOpen: true, printed: 1 } } } });
    const panel = (await app.inject({ method: 'GET', url: '/api/sim' })).json() as SimulatorPanelState;
    expect(String(panel.devices[0]?.state.lastReceipt)).toContain('영 수 증');
    await receipt.stop();
    await app.close();
  });

  it('drives the cash simulators with their own command schemas', async () => {
    const clock = new FakeClock();
    const cash = createCashDevices(
      { billAcceptor: { driver: 'simulated' }, coinHoppers: { driver: 'simulated', hoppers: [{ coinValue: 500, address: 3, initialCoins: 10 }] } },
      { clock },
    );
    if (!cash.ok) throw new Error(cash.error);
    const { act } = await host(cashSimulatorDevices(cash.value));
    expect(await act('coin-hoppers', 'set-coins', { coinValue: 500, coins: 42 })).toMatchObject({ status: 200, body: { ok: true, device: { state: { coins500: 42 } } } });
    expect(await act('coin-hoppers', 'jam', { coinValue: 500, afterCoins: 'many' })).toMatchObject({ status: 409 });
    expect(await act('bill-acceptor', 'box-open')).toMatchObject({ status: 200 });
    expect(await act('bill-acceptor', 'unplug')).toMatchObject({ status: 200, body: { ok: true, device: { state: { unplugged: true } } } });
  });
});
