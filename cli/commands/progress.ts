import { createInterface } from 'node:readline';

/**
 * Terminal helpers for the technician's commands: progress for anything that takes more than a second (a counter
 * that ticks on a terminal, a line every few seconds in a log), and a PIN prompt that does not echo.
 */
export const PROGRESS_AFTER_MS = 1_000;
const LOG_PROGRESS_EVERY_MS = 5_000;

export async function withProgress<T>(label: string | (() => string), work: Promise<T>, out: NodeJS.WriteStream = process.stderr): Promise<T> {
  const text = () => (typeof label === 'string' ? label : label());
  const started = Date.now();
  const tty = Boolean(out.isTTY);
  let shown = false;
  let lastLogged = 0;
  const timer = setInterval(() => {
    const elapsed = Date.now() - started;
    if (elapsed < PROGRESS_AFTER_MS) return;
    const seconds = Math.floor(elapsed / 1000);
    if (tty) {
      out.write(`\r${text()}… ${seconds} s\u001b[K`);
      shown = true;
    } else if (!shown || elapsed - lastLogged >= LOG_PROGRESS_EVERY_MS) {
      out.write(`${text()}… (${seconds} s)\n`);
      shown = true;
      lastLogged = elapsed;
    }
  }, 250);
  try {
    return await work;
  } finally {
    clearInterval(timer);
    if (shown && tty) out.write(`\r${text()}… done (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
  }
}

/** Asks for the technician PIN on the terminal without echoing it; undefined when there is no terminal. */
export async function askPin(question = 'Technician PIN: '): Promise<string | undefined> {
  if (!process.stdin.isTTY) return undefined;
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  // Mute what readline echoes while the PIN is typed (the question itself is written before muting).
  const output = rl as unknown as { _writeToOutput?: (text: string) => void };
  process.stderr.write(question);
  output._writeToOutput = () => undefined;
  const pin = await new Promise<string>((resolve) => rl.question('', resolve));
  rl.close();
  process.stderr.write('\n');
  return pin.trim();
}
