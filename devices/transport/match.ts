import { existsSync, realpathSync } from 'node:fs';
import { err, ok, type Result } from '../../common/result';

/**
 * Finding a serial device again after a replug (protocols.md §6): `/dev/ttyUSB0` is whatever enumerated first,
 * so a configuration names a device by something stable — a `/dev/serial/by-id/…` or `/dev/serial/by-path/…`
 * link kept by udev, or the USB ids `usb:VVVV:PPPP[:SERIAL]` matched against the OS's port list.
 */
export type DeviceLocator =
  | { readonly kind: 'path'; readonly path: string }
  | { readonly kind: 'usb'; readonly vendorId: number; readonly productId: number; readonly serialNumber?: string };

/** What `SerialPort.list()` reports for one port (only the fields matching needs). */
export type ListedPort = {
  readonly path: string;
  readonly vendorId?: string | undefined;
  readonly productId?: string | undefined;
  readonly serialNumber?: string | undefined;
  readonly pnpId?: string | undefined;
};

export type LocateError =
  | { readonly kind: 'bad-locator'; readonly detail: string }
  | { readonly kind: 'not-found'; readonly detail: string }
  | { readonly kind: 'ambiguous'; readonly detail: string };

const USB_LOCATOR = /^usb:([0-9a-f]{4}):([0-9a-f]{4})(?::(.+))?$/i;
/** Kernel names handed out in plug order: they change when devices are replugged or the PC reboots. */
const ENUMERATION_ORDER_NAME = /^\/dev\/tty(USB|ACM)\d+$/;

export function parseLocator(spec: string): Result<DeviceLocator, LocateError> {
  const usb = USB_LOCATOR.exec(spec.trim());
  if (usb) {
    const [, vendor = '', product = '', serialNumber] = usb;
    return ok({
      kind: 'usb',
      vendorId: Number.parseInt(vendor, 16),
      productId: Number.parseInt(product, 16),
      ...(serialNumber !== undefined ? { serialNumber } : {}),
    });
  }
  if (spec.startsWith('/') || /^COM\d+$/i.test(spec)) return ok({ kind: 'path', path: spec });
  return err({
    kind: 'bad-locator',
    detail: `"${spec}" is neither a device path (/dev/serial/by-id/…) nor USB ids (usb:VVVV:PPPP[:SERIAL], hexadecimal)`,
  });
}

export function describeLocator(locator: DeviceLocator): string {
  switch (locator.kind) {
    case 'path':
      return locator.path;
    case 'usb': {
      const hex = (n: number) => n.toString(16).padStart(4, '0');
      return `usb:${hex(locator.vendorId)}:${hex(locator.productId)}${locator.serialNumber ? `:${locator.serialNumber}` : ''}`;
    }
  }
}

/** A warning for the technician's log when a configuration names a device by plug order. */
export function unstablePathWarning(locator: DeviceLocator): string | undefined {
  if (locator.kind !== 'path' || !ENUMERATION_ORDER_NAME.test(locator.path)) return undefined;
  return `${locator.path} follows plug order and can change after a replug or reboot: use /dev/serial/by-id/… or usb:VVVV:PPPP[:SERIAL]`;
}

export function matchingPorts(locator: DeviceLocator, ports: readonly ListedPort[], resolve = resolveLink): ListedPort[] {
  switch (locator.kind) {
    case 'path': {
      const target = resolve(locator.path);
      return ports.filter((port) => port.path === locator.path || port.path === target);
    }
    case 'usb':
      return ports.filter(
        (port) =>
          parseHex(port.vendorId) === locator.vendorId &&
          parseHex(port.productId) === locator.productId &&
          (locator.serialNumber === undefined || port.serialNumber === locator.serialNumber),
      );
  }
}

export type PortLister = () => Promise<readonly ListedPort[]>;

/**
 * The path to open for a locator. A path locator is opened as configured (the OS follows the udev link); USB ids
 * are looked up in the port list and must match exactly one port.
 */
export async function locateSerialPort(locator: DeviceLocator, list: PortLister): Promise<Result<string, LocateError>> {
  switch (locator.kind) {
    case 'path':
      return existsSync(locator.path)
        ? ok(locator.path)
        : err({ kind: 'not-found', detail: `${locator.path} does not exist (unplugged, or the udev link has another name)` });
    case 'usb': {
      let ports: readonly ListedPort[];
      try {
        ports = await list();
      } catch (error) {
        return err({ kind: 'not-found', detail: `cannot list serial ports (is udev installed?): ${(error as Error).message}` });
      }
      const found = matchingPorts(locator, ports);
      const [only] = found;
      if (only === undefined) return err({ kind: 'not-found', detail: `no serial port with ${describeLocator(locator)}` });
      if (found.length > 1) {
        return err({
          kind: 'ambiguous',
          detail: `${found.length} ports match ${describeLocator(locator)} (${found.map((p) => p.path).join(', ')}): add the USB serial number`,
        });
      }
      return ok(only.path);
    }
  }
}

/**
 * Whether the device is still there: the second signal before a disconnect alarm (protocols.md §6). A udev link
 * or device node disappears on unplug; USB ids must still be in the OS's port list.
 */
export async function isLocatorPresent(locator: DeviceLocator, list: PortLister): Promise<boolean> {
  if (locator.kind === 'path') return existsSync(locator.path);
  const found = await locateSerialPort(locator, list);
  return found.ok;
}

function parseHex(value: string | undefined): number | undefined {
  if (value === undefined || !/^[0-9a-f]{1,4}$/i.test(value)) return undefined;
  return Number.parseInt(value, 16);
}

function resolveLink(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
