import { z } from 'zod';
import { isDocumentCode } from '../../catalog';
import { NAVIGATION_KEYS } from '../../devices/keypad/keys';
import { DEFAULT_IDLE_TIMING, PRODUCTION_IDLE_TIMING, TEST_IDLE_TIMING } from '../../state-machines/session/timeouts';

/**
 * The kiosk's one configuration file (JSON), validated at start-up. Objects are strict so that a typo in a key
 * is reported rather than silently ignored. Devices are configured per kind; `simulated` is valid for every kind
 * and is what the demo uses.
 */

const serialPort = z.string().min(1);
const usbId = z.number().int().min(0).max(0xffff);
const simulated = z.object({ driver: z.literal('simulated') }).strict();

const clock = z.string().regex(/^([01]\d|2[0-4]):[0-5]\d$/, 'a time of day HH:MM');
const dailyWindow = z.object({ open: clock, close: clock }).strict();
const weekWindows = z.union([
  dailyWindow.transform((window) => Array.from({ length: 7 }, () => window)),
  z.array(dailyWindow.nullable()).length(7),
]);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');

export const BillAcceptorConfig = z.discriminatedUnion('driver', [
  z.object({ driver: z.literal('id003'), port: serialPort }).strict(),
  simulated,
]);

const hopper = z
  .object({
    /** The coin this hopper pays out, in won. */
    coinValue: z.union([z.literal(10), z.literal(50), z.literal(100), z.literal(500)]),
    /** ccTalk address on the bus: 3 for the first payout device, 4–10 for more. */
    address: z.number().int().min(2).max(255),
  })
  .strict();

export const CoinHoppersConfig = z.discriminatedUnion('driver', [
  z.object({ driver: z.literal('cctalk'), port: serialPort, hoppers: z.array(hopper).min(1) }).strict(),
  z
    .object({
      driver: z.literal('simulated'),
      hoppers: z.array(hopper.extend({ initialCoins: z.number().int().min(0).max(2000) }).strict()).min(1),
    })
    .strict(),
]);

export const ReceiptPrinterConfig = z.discriminatedUnion('driver', [
  z
    .object({
      driver: z.literal('escpos'),
      port: serialPort,
      /** `native`: the printer has a Korean font (EUC-KR double-byte mode); `raster`: print text as images. */
      korean: z.enum(['native', 'raster']).default('native'),
      /** Serial speed set on the printer (DIP switches or its utility); ignored on USB-CDC and pty lines. */
      baudRate: z.number().int().positive().default(38400),
    })
    .strict(),
  simulated,
]);

export const A4PrinterConfig = z.discriminatedUnion('driver', [
  z.object({ driver: z.literal('ipp'), url: z.string().regex(/^ipps?:\/\/.+/, 'an ipp:// or ipps:// URL') }).strict(),
  simulated,
]);

/** R30x module address and password (both factory defaults unless the module was re-programmed). */
const r30xModule = {
  address: z.number().int().min(0).max(0xffffffff).default(0xffffffff),
  password: z.number().int().min(0).max(0xffffffff).default(0),
};

export const FingerprintConfig = z.discriminatedUnion('driver', [
  z.object({ driver: z.literal('r30x'), port: serialPort, baudRate: z.number().int().default(57600), ...r30xModule }).strict(),
  z
    .object({
      driver: z.literal('r30x-hid'),
      vendorId: usbId,
      productId: usbId,
      /** The hidraw path, only when two identical readers are attached. */
      path: z.string().min(1).optional(),
      /** Bytes per HID report on the wire, and how the byte count is carried (docs/identity.md). */
      reportSize: z.number().int().min(8).max(1024).default(64),
      framing: z.enum(['length-prefix', 'length-report-id']).default('length-prefix'),
      ...r30xModule,
    })
    .strict(),
  simulated,
]);

export const KeypadConfig = z.discriminatedUnion('driver', [
  z
    .object({
      driver: z.literal('hid'),
      vendorId: usbId,
      productId: usbId,
      /** The hidraw path, only when two identical keypads are attached. */
      path: z.string().min(1).optional(),
      /** HID usage code (decimal) → navigation key; the defaults suit the common tactile keypads. */
      keyMap: z.record(z.string().regex(/^\d{1,3}$/, 'a HID usage code in decimal'), z.enum(NAVIGATION_KEYS)).default({}),
      /** `reported-by-keypad`: voice guidance goes on when the keypad reports the earphone plugged in. */
      earphone: z.enum(['reported-by-keypad', 'always-connected']).default('reported-by-keypad'),
    })
    .strict(),
  simulated,
  z.object({ driver: z.literal('none') }).strict(),
]);

const feeOverride = z
  .object({
    inDistrict: z.number().int().min(0).optional(),
    outOfDistrict: z.number().int().min(0).optional(),
    perExtraPage: z.number().int().min(0).optional(),
  })
  .strict();

const documentCode = z.string().refine(isDocumentCode, { message: 'a document code of the catalogue' });

export const KioskConfig = z
  .object({
    /** Stable id of this kiosk at the central office, e.g. `GJ-HALL-01`. */
    kioskId: z.string().regex(/^[A-Z0-9][A-Z0-9-]{2,31}$/, 'upper-case letters, digits and hyphens, 3–32 long'),
    site: z
      .object({
        name: z.object({ ko: z.string().min(1), en: z.string().min(1) }).strict(),
        kind: z.enum(['government-building', 'public-place']),
        /** The kiosk's district (시군구), which decides in-district fees. */
        district: z.string().min(1),
        address: z.string().min(1),
      })
      .strict(),
    hours: z
      .object({
        timeZone: z.string().default('Asia/Seoul'),
        kiosk: weekWindows,
        office: weekWindows,
        holidays: z.array(isoDate).default([]),
        closedDates: z.array(isoDate).default([]),
      })
      .strict(),
    /** Where the SQLite database and exported logs live. Relative paths are relative to the config file. */
    dataDir: z.string().min(1),
    api: z
      .object({
        host: z.string().default('127.0.0.1'),
        port: z.number().int().min(0).max(65535).default(8080),
      })
      .strict()
      .default({ host: '127.0.0.1', port: 8080 }),
    centralOffice: z
      .object({
        /** `embedded`: start a central office inside the kiosk process on loopback (demo and tests). */
        url: z.union([z.literal('embedded'), z.url()]),
        keyId: z.string().min(1),
        /** HMAC secret; in production read from `secretFile`, never committed. */
        secret: z.string().min(16).optional(),
        secretFile: z.string().optional(),
      })
      .strict()
      .refine((office) => office.secret !== undefined || office.secretFile !== undefined, {
        message: 'either secret or secretFile',
      }),
    devices: z
      .object({
        billAcceptor: BillAcceptorConfig,
        coinHoppers: CoinHoppersConfig,
        receiptPrinter: ReceiptPrinterConfig,
        a4Printer: A4PrinterConfig,
        fingerprint: FingerprintConfig,
        keypad: KeypadConfig,
      })
      .strict(),
    fees: z
      .object({
        overrides: z.partialRecord(documentCode, feeOverride).default({}),
        waivers: z
          .array(
            z
              .object({
                reason: z.enum(['basic-livelihood-recipient', 'national-merit', 'district-policy']),
                documents: z.union([z.literal('all'), z.array(documentCode)]),
              })
              .strict(),
          )
          .default([]),
      })
      .strict()
      .default({ overrides: {}, waivers: [] }),
    /** Documents this kiosk does not offer at all (beyond the catalogue's site rule). */
    disabledDocuments: z.array(documentCode).default([]),
    display: z
      .object({
        /** Pixels per millimetre of the panel: every physical size in the UI is derived from it (ui.md). */
        pxPerMm: z.number().min(1).max(10).default(3.64),
        languages: z.array(z.enum(['ko', 'en'])).min(1).default(['ko', 'en']),
      })
      .strict()
      .default({ pxPerMm: 3.64, languages: ['ko', 'en'] }),
    /**
     * The citizen's time (docs/integrator-guide.md): every screen's idle limit (60–120 s, docs/session.md) times
     * `idleScale`, and the warning's countdown. Production bounds: `idleScale` 0.5–3, `warningSeconds` 20–120 (at
     * least 20 s to answer, ui.md); below them only with `simulatorControl` (tests and demos, never production).
     */
    session: z
      .object({
        idleScale: z.number().min(TEST_IDLE_TIMING.idleScale.min).max(TEST_IDLE_TIMING.idleScale.max).default(DEFAULT_IDLE_TIMING.idleScale),
        warningSeconds: z
          .number()
          .int()
          .min(TEST_IDLE_TIMING.warningSeconds.min)
          .max(TEST_IDLE_TIMING.warningSeconds.max)
          .default(DEFAULT_IDLE_TIMING.warningSeconds),
      })
      .strict()
      .default({ ...DEFAULT_IDLE_TIMING }),
    service: z
      .object({
        /** scrypt hash of the technician PIN: `scrypt$<salt hex>$<hash hex>`. */
        pinHash: z.string().regex(/^scrypt\$[0-9a-f]+\$[0-9a-f]+$/, 'scrypt$<salt>$<hash>'),
      })
      .strict(),
    /** The simulator control endpoints, for the devices that are simulated (docs/simulator.md); never in production. */
    simulatorControl: z.boolean().default(false),
  })
  .strict()
  .superRefine((config, context) => {
    // Shortened time is for test kiosks only: a citizen in production always gets the production minimums.
    if (config.simulatorControl) return;
    const { idleScale, warningSeconds } = PRODUCTION_IDLE_TIMING;
    if (config.session.idleScale < idleScale.min) {
      context.addIssue({
        code: 'custom',
        path: ['session', 'idleScale'],
        message: `at least ${idleScale.min} (lower only with "simulatorControl": true, never in production)`,
      });
    }
    if (config.session.warningSeconds < warningSeconds.min) {
      context.addIssue({
        code: 'custom',
        path: ['session', 'warningSeconds'],
        message: `at least ${warningSeconds.min} s to answer the warning (lower only with "simulatorControl": true, never in production)`,
      });
    }
  });

export type KioskConfig = z.infer<typeof KioskConfig>;
export type KioskConfigInput = z.input<typeof KioskConfig>;
