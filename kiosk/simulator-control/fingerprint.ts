import { z } from 'zod';
import type { FingerprintReader, FingerprintSimulatorControl } from '../../devices/fingerprint';
import type { DemoResident } from '../api/simulator-contract';
import { action, flag, label, noParams, simulatedDevice, type SimulatedDevice } from './device';

/**
 * The simulated fingerprint reader: a person touches it (named by their synthetic resident number, the key of the
 * simulated finger that the central office's synthetic population is enrolled with), a wrong finger, a poor one,
 * nothing; the module hangs or is unplugged. The number is used only in memory to pick the synthetic finger; it is
 * never logged or echoed.
 */
const residentNumber = z.string().regex(/^\d{6}-?\d{7}$/, 'a resident number 000000-0000000');
const hyphenated = (value: string) => (value.includes('-') ? value : `${value.slice(0, 6)}-${value.slice(6)}`);

export function fingerprintDevice(control: FingerprintSimulatorControl, reader: FingerprintReader, residents: () => readonly DemoResident[]): SimulatedDevice {
  return simulatedDevice({
    device: 'fingerprint',
    label: label('지문 인식기', 'Fingerprint reader'),
    state: () => ({ status: reader.status }),
    actions: {
      'place-finger': action({
        label: label('손가락 올리기 (주민)', "Place a resident's finger"),
        params: [
          {
            name: 'residentNumber',
            label: label('주민등록번호', 'Resident number'),
            kind: 'choice',
            choices: residents().map((resident) => resident.residentNumber),
          },
        ],
        schema: z.object({ residentNumber, hold: flag.optional() }).strict(),
        run: (params) => control.placeFinger(hyphenated(params.residentNumber), { hold: params.hold ?? false }),
      }),
      'place-wrong-finger': action({ label: label('다른 사람의 손가락', "Someone else's finger"), params: [], schema: noParams, run: () => control.placeWrongFinger() }),
      'place-poor-finger': action({
        label: label('흐린 지문', 'A poor touch'),
        params: [{ name: 'problem', label: label('문제', 'Problem'), kind: 'choice', choices: ['image-failed', 'messy', 'too-few-features'] }],
        schema: z.object({ problem: z.enum(['image-failed', 'messy', 'too-few-features']).default('messy') }).strict(),
        run: (params) => control.placePoorFinger(params.problem),
      }),
      'remove-finger': action({ label: label('손가락 떼기', 'Lift the finger'), params: [], schema: noParams, run: () => control.removeFinger() }),
      'stop-answering': action({ label: label('응답 없음', 'Module hangs'), params: [], schema: noParams, run: () => control.setAnswering(false) }),
      'resume-answering': action({ label: label('응답 재개', 'Module answers again'), params: [], schema: noParams, run: () => control.setAnswering(true) }),
      unplug: action({ label: label('케이블 뽑기', 'Unplug'), params: [], schema: noParams, run: () => control.unplug() }),
      replug: action({ label: label('케이블 꽂기', 'Plug back in'), params: [], schema: noParams, run: () => control.replug() }),
    },
  });
}
