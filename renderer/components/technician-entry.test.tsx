import { act, fireEvent, screen } from '@testing-library/react';
import type { KioskBridge } from '../api/client';
import { fixtureView } from '../fixtures/views';
import { renderKiosk } from '../test-utils';
import { openServiceMode, SERVICE_ENTRY_HOLD_MS, SERVICE_SCREEN_FROM_CITIZEN, type EntryTarget, type ServiceModeOpening } from './technician-entry';

/**
 * The technician's hidden entry to service mode: a 5-s hold of one still finger on the top right corner of the
 * citizen screens without a session, which opens the service screen (the Electron bridge, or the browser host's
 * page) and nothing else; invisible to assistive technology and the keypad.
 */
function stubBridge(answer: ServiceModeOpening = { opened: true }) {
  const openServiceMode = vi.fn(async () => answer);
  const bridge: KioskBridge & { openServiceMode: typeof openServiceMode } = {
    send: async () => ({ accepted: true, revision: 1 }),
    subscribe: () => () => undefined,
    openServiceMode,
  };
  window.kioskBridge = bridge;
  return openServiceMode;
}

function zone(): HTMLElement {
  const element = document.querySelector<HTMLElement>('.technician-entry');
  if (!element) throw new Error('no technician entry on this screen');
  return element;
}

const wait = (ms: number) =>
  act(() => {
    vi.advanceTimersByTime(ms);
  });

const finger = (pointerId: number, clientX = 1050, clientY = 30) => ({ pointerId, pointerType: 'touch', clientX, clientY, isPrimary: pointerId === 1 });

afterEach(() => {
  vi.useRealTimers();
  delete window.kioskBridge;
});

describe('the technician’s entry', () => {
  it('opens service mode after one finger is held still for 5 s on the top right corner, and only then', async () => {
    const open = stubBridge();
    const kiosk = renderKiosk(fixtureView('attract'));
    vi.useFakeTimers();
    fireEvent.pointerDown(zone(), finger(1));
    fireEvent.pointerMove(zone(), finger(1, 1052, 33)); // a resting finger wobbles
    await wait(SERVICE_ENTRY_HOLD_MS - 1);
    expect(open).not.toHaveBeenCalled();
    await wait(1);
    expect(open).toHaveBeenCalledTimes(1);
    fireEvent.pointerUp(zone(), finger(1));
    await wait(SERVICE_ENTRY_HOLD_MS * 2);
    expect(open).toHaveBeenCalledTimes(1);
    // Nothing reaches the kiosk's session: the service screen's PIN is the guard.
    expect(kiosk.sent).toEqual([]);
  });

  it.each([
    ['a touch let go before 5 s', () => fireEvent.pointerUp(zone(), finger(1))],
    ['a finger sliding away', () => fireEvent.pointerMove(zone(), finger(1, 1050 - 40, 30))],
    ['a second finger (a palm on the panel)', () => fireEvent.pointerDown(zone(), finger(2, 1000, 60))],
    ['the browser taking the pointer', () => fireEvent.pointerCancel(zone(), finger(1))],
    ['a mouse leaving the corner', () => fireEvent.pointerLeave(zone(), finger(1))],
  ])('does nothing for %s', async (_case, interrupt) => {
    const open = stubBridge();
    renderKiosk(fixtureView('attract'));
    vi.useFakeTimers();
    fireEvent.pointerDown(zone(), finger(1));
    await wait(SERVICE_ENTRY_HOLD_MS - 1000);
    interrupt();
    await wait(SERVICE_ENTRY_HOLD_MS * 2);
    expect(open).not.toHaveBeenCalled();
  });

  it('ends the hold when the screen changes under it', async () => {
    const open = stubBridge();
    const kiosk = renderKiosk(fixtureView('attract'));
    vi.useFakeTimers();
    fireEvent.pointerDown(zone(), finger(1));
    await wait(3000);
    await kiosk.push(fixtureView('choose-document', { revision: 2 }));
    await wait(SERVICE_ENTRY_HOLD_MS * 2);
    expect(open).not.toHaveBeenCalled();
    expect(document.querySelector('.technician-entry')).toBeNull();
  });

  it.each(['attract', 'closed', 'out-of-service'] as const)('is on the %s screen, where no citizen session is open', (name) => {
    const open = stubBridge();
    renderKiosk(fixtureView(name));
    vi.useFakeTimers();
    fireEvent.pointerDown(zone(), finger(1));
    act(() => {
      vi.advanceTimersByTime(SERVICE_ENTRY_HOLD_MS);
    });
    expect(open).toHaveBeenCalledTimes(1);
  });

  it.each(['choose-document', 'payment', 'recovering'] as const)('is not on the %s screen', (name) => {
    renderKiosk(fixtureView(name));
    expect(document.querySelector('.technician-entry')).toBeNull();
  });

  it('is invisible to assistive technology, voice guidance and the keypad, and covers only the corner', () => {
    renderKiosk(fixtureView('attract', { language: 'en' }));
    const entry = zone();
    expect(entry).toHaveAttribute('aria-hidden', 'true');
    expect(entry).not.toHaveAttribute('tabindex');
    expect(entry).not.toHaveAttribute('role');
    expect(entry).not.toHaveAttribute('data-speak');
    expect(entry).toBeEmptyDOMElement();
    expect(entry.tabIndex).toBe(-1);
    // 20 mm at the fixture's 3.64 px/mm, fixed to the panel's top right corner over the title band.
    expect(entry.style).toMatchObject({ position: 'fixed', top: '0px', right: '0px', width: '73px', height: '73px', touchAction: 'none' });
    expect(screen.getAllByRole('button').every((button) => !entry.contains(button))).toBe(true);
  });

  it('keeps Chromium’s long-touch context menu from showing', () => {
    renderKiosk(fixtureView('attract'));
    expect(fireEvent.contextMenu(zone())).toBe(false);
  });
});

describe('openServiceMode', () => {
  const target = (bridge?: KioskBridge) => {
    const assign = vi.fn();
    const where: EntryTarget = { kioskBridge: bridge, location: { assign } };
    return { where, assign };
  };
  const kioskApi: KioskBridge = { send: async () => ({ accepted: true, revision: 1 }), subscribe: () => () => undefined };

  it('goes to the service screen on the browser host, saying where to come back to', async () => {
    const { where, assign } = target();
    await openServiceMode(where);
    expect(assign).toHaveBeenCalledWith(SERVICE_SCREEN_FROM_CITIZEN);
    expect(SERVICE_SCREEN_FROM_CITIZEN).toBe('/service.html?from=citizen');
  });

  it('asks the Electron shell, and never navigates the kiosk window itself', async () => {
    const openService = vi.fn(async (): Promise<ServiceModeOpening> => ({ opened: false, reason: 'not on the payment screen' }));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const withEntry = target(Object.assign({ openServiceMode: openService }, kioskApi));
    await openServiceMode(withEntry.where);
    expect(openService).toHaveBeenCalledTimes(1);
    expect(withEntry.assign).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalledWith('renderer: service mode not opened (not on the payment screen)');

    const olderShell = target(kioskApi);
    await openServiceMode(olderShell.where);
    expect(olderShell.assign).not.toHaveBeenCalled();
    warn.mockRestore();
  });
});
