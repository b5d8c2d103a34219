import { FakeClock } from '../../common/clock';
import { silentLogger } from '../../common/log';
import { ReceiptPrinterConfig } from '../../kiosk/config/schema';
import { SAMPLE_RECEIPTS } from '../../printer-templates/fixtures/receipts';
import { receiptTranscript } from '../../printer-templates/receipt/layout';
import { createReceiptPrinter } from './factory';

describe('receipt printer from configuration', () => {
  it('builds a simulated printer whose control handle shows what was printed', async () => {
    const device = createReceiptPrinter(ReceiptPrinterConfig.parse({ driver: 'simulated' }), { clock: new FakeClock(), log: silentLogger() });
    expect(device.control).not.toBeNull();
    expect((await device.start()).ok).toBe(true);
    const receipt = SAMPLE_RECEIPTS['refund-voucher']();
    expect(await device.printer.print(receipt)).toMatchObject({ ok: true });
    expect(device.control?.printed.map((printed) => printed.text)).toEqual([receiptTranscript(receipt)]);
    await device.stop();
  });

  it('builds an ESC/POS printer on a serial port, which reports a missing port as disconnected', async () => {
    const config = ReceiptPrinterConfig.parse({ driver: 'escpos', port: '/dev/serial/by-id/does-not-exist' });
    expect(config).toMatchObject({ korean: 'native', baudRate: 38400 });
    const device = createReceiptPrinter(config, { clock: new FakeClock(), log: silentLogger() });
    expect(device.control).toBeNull();
    expect(await device.start()).toMatchObject({ ok: false, error: { kind: 'disconnected' } });
    expect(device.printer.description).toContain('/dev/serial/by-id/does-not-exist');
  });
});
