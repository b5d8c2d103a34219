import { DISTRICT_OFFICE_HOURS, PUBLIC_PLACE_HOURS } from '../../catalog/availability';
import { KioskConfig } from '../../kiosk/config/schema';

/** docs/operator-guide.md gives the district report's hours as configuration; they must mean the catalogue presets. */
describe('operating hours presets', () => {
  it('the district report presets, written as configuration, are the catalogue presets', () => {
    const base = {
      kioskId: 'GJ-HALL-01',
      site: { name: { ko: '금정구청', en: 'Geumjeong-gu Office' }, kind: 'government-building', district: '금정구', address: '부산' },
      dataDir: '/tmp/x',
      centralOffice: { url: 'embedded', keyId: 'GJ-HALL-01', secret: 'demo-secret-not-for-production-use' },
      devices: {
        billAcceptor: { driver: 'simulated' },
        coinHoppers: { driver: 'simulated', hoppers: [{ coinValue: 500, address: 3, initialCoins: 1 }] },
        receiptPrinter: { driver: 'simulated' },
        a4Printer: { driver: 'simulated' },
        fingerprint: { driver: 'simulated' },
        keypad: { driver: 'simulated' },
      },
      service: { pinHash: 'scrypt$00$00' },
    };
    const office = [null, ...Array.from({ length: 5 }, () => ({ open: '09:00', close: '18:00' })), null];
    // The JSON of docs/operator-guide.md, "Operating hours".
    const hall = KioskConfig.parse({ ...base, hours: { kiosk: { open: '08:30', close: '24:00' }, office } });
    const station = KioskConfig.parse({ ...base, hours: { kiosk: { open: '09:00', close: '21:00' }, office } });
    expect(hall.hours).toEqual(DISTRICT_OFFICE_HOURS);
    expect(station.hours).toEqual(PUBLIC_PLACE_HOURS);
  });
});
