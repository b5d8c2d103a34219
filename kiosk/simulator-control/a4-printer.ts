import { z } from 'zod';
import type { A4Printer } from '../../devices/a4-printer/driver';
import type { A4PrinterControl } from '../../devices/a4-printer/simulator';
import { action, flag, label, noParams, simulatedDevice, type SimulatedDevice } from './device';

/**
 * The simulated A4 printer (an in-process IPP printer): the tray, jams, the cover, toner, the network; and what it
 * received (job count and pages — never the documents themselves, which stay in the simulator's memory).
 */
export function a4PrinterDevice(control: A4PrinterControl, printer: A4Printer): SimulatedDevice {
  const simple = (ko: string, en: string, run: () => void) => action({ label: label(ko, en), params: [], schema: noParams, run });
  const onOff = z.object({ on: flag }).strict();
  return simulatedDevice({
    device: 'a4-printer',
    label: label('A4 프린터', 'A4 printer'),
    state: () => ({
      sheetsInTray: control.sheetsInTray,
      reasons: control.reasons().join(' '),
      jobs: control.received.length,
      kioskSheetsUsed: printer.paper.count.used,
      kioskSheetsLeft: printer.paper.count.remaining,
    }),
    actions: {
      'media-empty': simple('용지 없음', 'Tray empty', () => control.mediaEmpty()),
      'media-empty-after': action({
        label: label('n장 뒤 용지 소진', 'Tray runs out after n sheets'),
        params: [{ name: 'sheets', label: label('장 수', 'Sheets'), kind: 'number', min: 0, max: 500 }],
        schema: z.object({ sheets: z.number().int().min(0).max(500) }).strict(),
        run: (params) => control.mediaEmptyAfter(params.sheets),
      }),
      refill: action({
        label: label('용지 보충', 'Refill the tray'),
        params: [{ name: 'sheets', label: label('장 수', 'Sheets'), kind: 'number', min: 1, max: 500 }],
        schema: z.object({ sheets: z.number().int().min(1).max(500).optional() }).strict(),
        run: (params) => control.refill(params.sheets),
      }),
      jam: simple('용지 걸림', 'Paper jam', () => control.jam()),
      'clear-jam': simple('걸린 용지 제거', 'Clear the jam', () => control.clearJam()),
      'open-cover': simple('덮개 열기', 'Open the cover', () => control.openCover()),
      'close-cover': simple('덮개 닫기', 'Close the cover', () => control.closeCover()),
      'toner-low': action({
        label: label('토너 부족', 'Toner low'),
        params: [{ name: 'on', label: label('켜기', 'On'), kind: 'choice', choices: ['true', 'false'] }],
        schema: onOff,
        run: (params) => control.tonerLow(params.on),
      }),
      'toner-empty': action({
        label: label('토너 없음', 'Toner empty'),
        params: [{ name: 'on', label: label('켜기', 'On'), kind: 'choice', choices: ['true', 'false'] }],
        schema: onOff,
        run: (params) => control.tonerEmpty(params.on),
      }),
      offline: simple('네트워크 끊김', 'Off the network', () => control.setOffline(true)),
      online: simple('네트워크 복구', 'Back on the network', () => control.setOffline(false)),
    },
  });
}
