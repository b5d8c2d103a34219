import { z } from 'zod';
import type { ReceiptPrinterControl } from '../../devices/receipt-printer/simulator';
import { action, label, noParams, simulatedDevice, type SimulatedDevice } from './device';

/**
 * The simulated receipt printer: paper, cover, cutter, jams, power; and what it printed, decoded (receipts carry
 * no personal data: document names, amounts, numbers).
 */
export function receiptPrinterDevice(control: ReceiptPrinterControl): SimulatedDevice {
  const simple = (ko: string, en: string, run: () => void) => action({ label: label(ko, en), params: [], schema: noParams, run });
  return simulatedDevice({
    device: 'receipt-printer',
    label: label('영수증 프린터', 'Receipt printer'),
    state: () => {
      const status = control.status();
      const last = control.printed.at(-1);
      return {
        online: status.online,
        coverOpen: status.coverOpen,
        paper: status.paper,
        cutterError: status.cutterError,
        unrecoverableError: status.unrecoverableError,
        printed: control.printed.length,
        lastReceipt: last ? last.text : null,
        lastReceiptComplete: last ? last.complete : null,
      };
    },
    actions: {
      'paper-out': simple('용지 없음', 'Paper out', () => control.paperOut()),
      'paper-near-end': simple('용지 부족', 'Paper near its end', () => control.paperNearEnd()),
      'refill-paper': simple('용지 보충', 'Refill paper', () => control.refillPaper()),
      'paper-out-after': action({
        label: label('인쇄 중 용지 소진', 'Paper runs out mid-receipt'),
        params: [{ name: 'lines', label: label('줄 수', 'Lines'), kind: 'number', min: 0, max: 200 }],
        schema: z.object({ lines: z.number().int().min(0).max(200) }).strict(),
        run: (params) => control.paperOutAfterLines(params.lines),
      }),
      'open-cover': simple('덮개 열기', 'Open the cover', () => control.openCover()),
      'close-cover': simple('덮개 닫기', 'Close the cover', () => control.closeCover()),
      'cutter-error': simple('커터 오류', 'Cutter error', () => control.cutterError()),
      jam: simple('용지 걸림', 'Mechanism jam', () => control.jam()),
      'clear-errors': simple('오류 해제', 'Clear errors', () => control.clearErrors()),
      offline: simple('오프라인', 'Offline', () => control.setOffline(true)),
      online: simple('온라인', 'Online', () => control.setOffline(false)),
      'power-off': simple('전원 끄기', 'Power off', () => control.powerOff()),
      'power-on': simple('전원 켜기', 'Power on', () => control.powerOn()),
    },
  });
}
