import type { Clock } from '../../common/clock';
import type { CaptureProgress, FingerprintReader, ReaderFault, ReaderStatus } from '../../devices/fingerprint/driver';
import { explain } from './explain';
import { DEVICE_LABELS, type DeviceDiagnostics, type DeviceHealth, type DeviceReport, type Problem, type SelfTestContext, type SelfTestOutcome } from './types';

/**
 * The fingerprint reader under diagnosis. The self-test captures one finger exactly as a citizen's capture runs and
 * rates the image: R30x modules give no quality score, so the grade is how many poor images (with their
 * confirmation codes) came before a usable one, and the size of the template. The template is wiped at once and
 * goes nowhere: a technician's finger is personal data too.
 */
export type FingerprintQuality = 'good' | 'fair' | 'poor';

export type FingerprintDiagnosticsOptions = { readonly driver: string; readonly clock: Clock };

const HEALTH: Record<ReaderStatus, DeviceHealth> = { ready: 'ok', capturing: 'ok', connecting: 'warning', disconnected: 'offline', fault: 'fault' };

export class FingerprintDiagnostics implements DeviceDiagnostics {
  readonly id = 'fingerprint' as const;
  readonly interactive = true;
  private lastFault: ReaderFault | null = null;
  private lastError: DeviceReport['lastError'] = null;
  private readonly counters = { faults: 0, testCaptures: 0 };

  constructor(
    private readonly reader: FingerprintReader,
    private readonly options: FingerprintDiagnosticsOptions,
  ) {
    reader.onStatus((status, fault) => {
      if (fault) {
        this.counters.faults += 1;
        this.lastFault = fault;
        this.lastError = { code: fault.kind, detail: fault.detail, at: options.clock.now() };
      } else if (status === 'ready') this.lastFault = null;
    });
  }

  async report(): Promise<DeviceReport> {
    const status = this.reader.status;
    const problems: Problem[] = [];
    if ((status === 'fault' || status === 'disconnected') && this.lastFault) problems.push(explain('fingerprint', this.lastFault.kind, this.lastFault.detail));
    return {
      id: this.id,
      label: DEVICE_LABELS[this.id],
      driver: this.options.driver,
      description: this.reader.description,
      health: HEALTH[status],
      state: status,
      problems,
      firmware: null,
      serialNumber: null,
      lastError: this.lastError,
      counters: { ...this.counters },
      details: {},
    };
  }

  async selfTest(context: SelfTestContext): Promise<SelfTestOutcome> {
    const measurements: Record<string, string | number | boolean | null> = {};
    const fail = (problem: Problem): SelfTestOutcome => {
      context.step({ kind: 'problem', text: problem.what, raw: problem.raw ?? problem.code });
      return { device: this.id, passed: false, summary: problem.what, problems: [problem], measurements };
    };
    const connected = await this.reader.connect();
    if (!connected.ok) return fail(explain('fingerprint', connected.error.kind, connected.error.detail));
    const parameters = connected.value.parameters;
    if (parameters) {
      measurements.systemId = `0x${parameters.systemId.toString(16).padStart(4, '0')}`;
      measurements.librarySize = parameters.librarySize;
      measurements.securityLevel = parameters.securityLevel;
      measurements.baudRate = parameters.baudRate;
      measurements.packetSize = parameters.dataPacketSize;
    }
    measurements.auraLed = connected.value.aura;
    context.step({ kind: 'prompt', text: { ko: '손가락을 인식기에 올려 주세요', en: 'Place a finger on the reader' } });
    const poorCodes: string[] = [];
    const onProgress = (progress: CaptureProgress) => {
      if (progress.type === 'finger-detected') context.step({ kind: 'info', text: { ko: '손가락을 감지했습니다', en: 'Finger detected' } });
      if (progress.type === 'poor-image') {
        poorCodes.push(`0x${progress.code.toString(16).padStart(2, '0')}`);
        context.step({ kind: 'problem', text: { ko: `영상이 좋지 않습니다 (${progress.guidance}) — 다시 대세요`, en: `Poor image (${progress.guidance}): place the finger again` }, raw: `R30x confirmation 0x${progress.code.toString(16).padStart(2, '0')}` });
      }
    };
    const captured = await this.reader.capture({ signal: context.signal, onProgress });
    measurements.poorImages = poorCodes.length;
    measurements.poorImageCodes = poorCodes.join(' ') || null;
    if (!captured.ok) {
      const failure = captured.error;
      switch (failure.kind) {
        case 'cancelled':
          return { device: this.id, passed: false, summary: { ko: '시험을 취소했습니다', en: 'Test cancelled' }, problems: [], measurements };
        case 'no-finger':
          return fail(explain('fingerprint', 'no-finger'));
        case 'poor-image':
          measurements.quality = 'poor' satisfies FingerprintQuality;
          return fail(explain('fingerprint', 'poor-image', `${failure.attempts} poor images, last: ${failure.lastGuidance} (${poorCodes.join(' ')})`));
        case 'reader-unavailable':
          return fail(explain('fingerprint', failure.fault.kind, failure.fault.detail));
      }
    }
    const template = captured.value;
    measurements.templateBytes = template.length;
    template.wipe();
    this.counters.testCaptures += 1;
    const quality: FingerprintQuality = poorCodes.length === 0 ? 'good' : 'fair';
    measurements.quality = quality;
    const words = quality === 'good' ? { ko: '좋음 (첫 영상에서 특징점 추출)', en: 'good (features from the first image)' } : { ko: `보통 (${poorCodes.length}번 다시 댐)`, en: `fair (${poorCodes.length} retries)` };
    context.step({ kind: 'ok', text: { ko: `지문을 읽었습니다. 영상 품질: ${words.ko}`, en: `Fingerprint read. Image quality: ${words.en}` } });
    return {
      device: this.id,
      passed: true,
      summary: { ko: `정상: 지문 영상 품질 ${words.ko}`, en: `OK: image quality ${words.en}` },
      problems: quality === 'fair' ? [{ ...explain('fingerprint', 'poor-image', poorCodes.join(' ')), severity: 'warning' }] : [],
      measurements,
    };
  }
}
