import type { Command } from 'commander';
import { systemClock } from '../../common/clock';
import type { DeviceReport, Problem, SelfTestOutcome, SelfTestStep, Words } from '../../kiosk/diagnostics/types';
import { askPin, withProgress } from './progress';

/**
 * `kiosk diag`: the technician's diagnostics, from a laptop on the cabinet or a remote shell.
 *
 *   kiosk diag                                   every configured device with its state (and what is wrong)
 *   kiosk diag <device>                          that device's self-test
 *   kiosk diag --port PATH --driver DRIVER       is there such a device on an unknown port?
 *
 * When the kiosk is running it holds the ports, so diag asks the running kiosk over its service-mode API (the
 * technician PIN: --pin, KIOSK_SERVICE_PIN, or asked on the terminal); otherwise it opens the devices itself.
 * Exit status: 0 all well (warnings allowed), 1 a device is faulty, offline or failed its test, 2 a usage or
 * configuration error, 3 the device or kiosk could not be asked (port busy, PIN refused).
 */
export const EXIT_OK = 0;
export const EXIT_FAULT = 1;
export const EXIT_USAGE = 2;
export const EXIT_UNREACHABLE = 3;

type DiagOptions = { config: string; port?: string; driver?: string; pin?: string; json?: boolean; lang?: string; baud?: string };
type Lang = 'ko' | 'en';

export function registerDiag(program: Command): void {
  program
    .command('diag')
    .description('device diagnostics: list devices, self-test one, or probe an unknown port')
    .argument('[device]', 'a configured device to self-test: bill-acceptor | coin-hoppers | receipt-printer | a4-printer | fingerprint | keypad')
    .option('--config <file>', 'configuration file', 'kiosk/config/demo.json')
    .option('--port <path>', 'probe this serial port')
    .option('--driver <driver>', 'id003 | cctalk | escpos | r30x (with --port)')
    .option('--baud <rate>', 'serial speed for --port (default: the protocol’s usual speed)')
    .option('--pin <pin>', 'technician PIN, when the kiosk is running (or KIOSK_SERVICE_PIN)')
    .option('--lang <lang>', 'ko | en', 'en')
    .option('--json', 'print JSON')
    .action(async (device: string | undefined, options: DiagOptions) => {
      process.exitCode = await diag(device, options);
    });
}

async function diag(device: string | undefined, options: DiagOptions): Promise<number> {
  const lang: Lang = options.lang === 'ko' ? 'ko' : 'en';
  if (options.port || options.driver) return probe(options, lang);
  const { DEVICE_IDS } = await import('../../kiosk/diagnostics/types');
  if (device !== undefined && !(DEVICE_IDS as readonly string[]).includes(device)) {
    console.error(`kiosk diag: unknown device "${device}". Devices: ${DEVICE_IDS.join(', ')}`);
    return EXIT_USAGE;
  }
  const { loadConfigFile, formatConfigError } = await import('../../kiosk/config');
  const loaded = loadConfigFile(options.config);
  if (!loaded.ok) {
    console.error(formatConfigError(loaded.error));
    return EXIT_USAGE;
  }
  const config = loaded.value.config;
  const { kioskRunning } = await import('../../kiosk/service-mode/client');
  const host = config.api.host === '0.0.0.0' ? '127.0.0.1' : config.api.host;
  const baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${config.api.port}`;
  if (config.api.port !== 0 && (await kioskRunning(baseUrl))) return viaRunningKiosk(baseUrl, device, options, lang);
  return directly(config, device, options, lang);
}

// ------------------------------------------------------------------------------------------- asking the kiosk

async function viaRunningKiosk(baseUrl: string, device: string | undefined, options: DiagOptions, lang: Lang): Promise<number> {
  const { ServiceModeClient } = await import('../../kiosk/service-mode/client');
  if (!options.json) console.error(`The kiosk is running at ${baseUrl} and holds the device ports: asking it (service mode).`);
  const pin = options.pin ?? process.env.KIOSK_SERVICE_PIN ?? (await askPin());
  if (!pin) {
    console.error('kiosk diag: the technician PIN is needed to ask the running kiosk (--pin, KIOSK_SERVICE_PIN, or run it on a terminal)');
    return EXIT_UNREACHABLE;
  }
  const client = new ServiceModeClient(baseUrl);
  const entered = await client.enter(pin);
  if (!entered.ok) {
    console.error(`kiosk diag: the kiosk refused service mode (${entered.error.kind}): ${entered.error.detail}`);
    return EXIT_UNREACHABLE;
  }
  try {
    if (device === undefined) {
      const overview = await withProgress('asking the kiosk for its devices', client.overview());
      if (!overview.ok) {
        console.error(`kiosk diag: ${overview.error.detail}`);
        return EXIT_UNREACHABLE;
      }
      return printList(overview.value.devices, new Map(), 'the running kiosk', options, lang);
    }
    const started = await client.startSelfTest(device);
    if (!started.ok) {
      console.error(`kiosk diag: ${started.error.detail}`);
      return started.error.kind === 'unknown' ? EXIT_USAGE : EXIT_UNREACHABLE;
    }
    const printer = stepPrinter(lang, options.json);
    printer.header(device);
    let run = started.value;
    const startedAt = Date.now();
    for (;;) {
      printer.steps(run.steps);
      if (run.state !== 'running') break;
      await new Promise((resolve) => setTimeout(resolve, 300));
      const next = await client.selfTest(run.testId);
      if (!next.ok) {
        console.error(`kiosk diag: lost the test: ${next.error.detail}`);
        return EXIT_UNREACHABLE;
      }
      run = next.value;
      printer.waiting(Date.now() - startedAt);
    }
    return printOutcome(run.outcome, options, lang);
  } finally {
    await client.exit();
  }
}

// ------------------------------------------------------------------------------------------- opening the ports

async function directly(config: import('../../kiosk/config').KioskConfig, device: string | undefined, options: DiagOptions, lang: Lang): Promise<number> {
  const { openConfiguredDevices } = await import('../../kiosk/diagnostics/standalone');
  if (!options.json) console.error(`The kiosk is not running: opening the configured devices directly.`);
  const only = device as import('../../kiosk/diagnostics/types').DeviceId | undefined;
  let label = 'opening the devices';
  const opened = await withProgress(
    () => label,
    openConfiguredDevices(config, {
      clock: systemClock,
      ...(only ? { only } : {}),
      onProgress: (text) => {
        label = text;
        if (!options.json && process.stderr.isTTY !== true) console.error(`  ${text}`);
      },
    }),
  );
  try {
    if (device === undefined) {
      const reports = await withProgress('reading every device', Promise.all(opened.diagnostics.map((d) => d.report())));
      return printList(reports, opened.startProblems, 'its ports', options, lang);
    }
    const target = opened.diagnostics.find((d) => d.id === device);
    const startProblem = opened.startProblems.get(device as import('../../kiosk/diagnostics/types').DeviceId);
    if (startProblem?.code === 'port-busy') {
      printProblem(startProblem, lang);
      return EXIT_UNREACHABLE;
    }
    if (!target) {
      if (startProblem) printProblem(startProblem, lang);
      return EXIT_FAULT;
    }
    const printer = stepPrinter(lang, options.json);
    printer.header(device);
    const abort = new AbortController();
    process.once('SIGINT', () => abort.abort());
    const outcome = await target.selfTest({ clock: systemClock, signal: abort.signal, step: (step) => printer.step({ ...step, at: Date.now() }) });
    return printOutcome(outcome, options, lang);
  } finally {
    await opened.close();
  }
}

// ------------------------------------------------------------------------------------------- probing a port

async function probe(options: DiagOptions, lang: Lang): Promise<number> {
  const { PROBE_DRIVERS, probePort } = await import('../../kiosk/diagnostics/probe');
  if (!options.port || !options.driver) {
    console.error('kiosk diag: --port and --driver go together, e.g. kiosk diag --port /dev/ttyUSB0 --driver id003');
    return EXIT_USAGE;
  }
  if (!(PROBE_DRIVERS as readonly string[]).includes(options.driver)) {
    console.error(`kiosk diag: unknown driver "${options.driver}". Drivers: ${PROBE_DRIVERS.join(', ')}`);
    return EXIT_USAGE;
  }
  const baudRate = options.baud === undefined ? undefined : Number(options.baud);
  if (baudRate !== undefined && (!Number.isInteger(baudRate) || baudRate <= 0)) {
    console.error(`kiosk diag: --baud must be a positive whole number, not ${options.baud}`);
    return EXIT_USAGE;
  }
  let label = `probing ${options.port} for ${options.driver}`;
  const result = await withProgress(
    () => label,
    probePort(options.driver as (typeof PROBE_DRIVERS)[number], options.port, {
      clock: systemClock,
      ...(baudRate ? { baudRate } : {}),
      onProgress: (text) => {
        label = text;
        if (!options.json) console.error(`  ${text}`);
      },
    }),
  );
  if (options.json) {
    console.log(JSON.stringify(result.ok ? { found: true, ...result.value } : { found: false, problem: result.error }, null, 2));
    return result.ok ? (result.value.problems.some((p) => p.severity === 'fault') ? EXIT_FAULT : EXIT_OK) : result.error.code === 'port-busy' ? EXIT_UNREACHABLE : EXIT_FAULT;
  }
  if (!result.ok) {
    console.log(`No ${options.driver} device answered on ${options.port}.`);
    printProblem(result.error, lang);
    return result.error.code === 'port-busy' ? EXIT_UNREACHABLE : EXIT_FAULT;
  }
  console.log(`Found a ${options.driver} device on ${options.port}:`);
  for (const [name, value] of result.value.facts) console.log(`  ${name.padEnd(16)} ${value}`);
  for (const problem of result.value.problems) printProblem(problem, lang);
  return result.value.problems.some((p) => p.severity === 'fault') ? EXIT_FAULT : EXIT_OK;
}

// ------------------------------------------------------------------------------------------- output

const HEALTH_WORDS: Record<DeviceReport['health'], Words> = {
  ok: { ko: '정상', en: 'OK' },
  warning: { ko: '주의', en: 'WARNING' },
  fault: { ko: '고장', en: 'FAULT' },
  offline: { ko: '응답 없음', en: 'OFFLINE' },
  absent: { ko: '없음', en: 'ABSENT' },
};

function printProblem(problem: Problem, lang: Lang, indent = '  '): void {
  console.log(`${indent}${problem.severity === 'fault' ? '✗' : '!'} ${problem.what[lang]} [${problem.code}${problem.raw ? `: ${problem.raw}` : ''}]`);
  console.log(`${indent}  → ${problem.action[lang]}`);
}

function printList(reports: readonly DeviceReport[], startProblems: ReadonlyMap<string, Problem>, source: string, options: DiagOptions, lang: Lang): number {
  const bad = reports.some((r) => r.health === 'fault' || r.health === 'offline') || [...startProblems.values()].some((p) => p.severity === 'fault');
  if (options.json) {
    console.log(JSON.stringify({ source, devices: reports, startProblems: Object.fromEntries(startProblems) }, null, 2));
    return bad ? EXIT_FAULT : EXIT_OK;
  }
  console.log(`${reports.length} device(s), read from ${source}:`);
  for (const report of reports) {
    const facts = [report.firmware ? `firmware ${report.firmware}` : null, report.serialNumber ? `serial ${report.serialNumber}` : null].filter(Boolean).join(', ');
    console.log(`${HEALTH_WORDS[report.health][lang].padEnd(9)} ${report.id.padEnd(16)} ${report.driver.padEnd(10)} ${report.state}${facts ? `  (${facts})` : ''}`);
    const problems = [...report.problems];
    const startProblem = startProblems.get(report.id);
    if (startProblem && !problems.some((p) => p.code === startProblem.code)) problems.unshift(startProblem);
    for (const problem of problems) printProblem(problem, lang, '          ');
    if (report.lastError && !problems.some((p) => p.code === report.lastError?.code)) console.log(`          last error: ${report.lastError.code} (${report.lastError.detail})`);
  }
  for (const [id, problem] of startProblems) {
    if (reports.some((r) => r.id === id)) continue;
    console.log(`${HEALTH_WORDS.fault[lang].padEnd(9)} ${id}`);
    printProblem(problem, lang, '          ');
  }
  return bad ? EXIT_FAULT : EXIT_OK;
}

function stepPrinter(lang: Lang, json = false) {
  let printed = 0;
  let lastWait = 0;
  const marks: Record<SelfTestStep['kind'], string> = { info: '·', prompt: '»', ok: '✓', problem: '✗' };
  return {
    header(device: string) {
      if (!json) console.log(`Self-test of the ${device}:`);
    },
    /** All the steps so far (a running kiosk answers with the whole list); prints those not printed yet. */
    steps(steps: readonly SelfTestStep[]) {
      for (const step of steps.slice(printed)) this.step(step);
      printed = steps.length;
    },
    step(step: SelfTestStep) {
      if (!json) console.log(`  ${marks[step.kind]} ${step.text[lang]}${step.raw ? ` [${step.raw}]` : ''}`);
    },
    /** A self-test waiting on the technician (or on a slow device) says so every few seconds. */
    waiting(elapsedMs: number) {
      if (json || elapsedMs - lastWait < 5_000) return;
      lastWait = elapsedMs;
      console.error(`  … waiting (${Math.floor(elapsedMs / 1000)} s)`);
    },
  };
}

function printOutcome(outcome: SelfTestOutcome | null, options: DiagOptions, lang: Lang): number {
  if (!outcome) {
    console.error('kiosk diag: the test ended without a result');
    return EXIT_FAULT;
  }
  if (options.json) {
    console.log(JSON.stringify(outcome, null, 2));
    return outcome.passed ? EXIT_OK : EXIT_FAULT;
  }
  console.log(`${outcome.passed ? 'PASSED' : 'FAILED'}: ${outcome.summary[lang]}`);
  for (const problem of outcome.problems) printProblem(problem, lang);
  const measured = Object.entries(outcome.measurements).filter(([, value]) => value !== null);
  if (measured.length > 0) console.log(`  measured: ${measured.map(([name, value]) => `${name}=${String(value)}`).join(', ')}`);
  return outcome.passed ? EXIT_OK : EXIT_FAULT;
}
