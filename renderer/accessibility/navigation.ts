import type { NavigationKey } from '../../state-machines/view-model';

/**
 * Full operation by the accessible keypad (MOIS kiosk kit; EZ Access: Up/Down/Enter/Help): up and left move the
 * focus to the previous control in reading order, down and right to the next, wrapping round; select presses the
 * focused control. Reading order is the order voice guidance speaks, so a blind citizen meets every control by
 * pressing down alone.
 */
const FOCUSABLE = 'button, a[href], input, select, textarea, [tabindex]:not([tabindex="-1"])';

export function focusablesIn(root: ParentNode): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (element) => !element.closest('[inert]') && !element.hasAttribute('disabled') && !element.closest('[hidden]'),
  );
}

/** The part of the page the keypad moves in: the top-most open dialog, else the whole kiosk. */
export function navigationRoot(kiosk: HTMLElement): HTMLElement {
  const dialogs = kiosk.querySelectorAll<HTMLElement>('[role="dialog"][aria-modal="true"], [role="alertdialog"][aria-modal="true"]');
  return dialogs[dialogs.length - 1] ?? kiosk;
}

export function moveFocus(kiosk: HTMLElement, step: 1 | -1): HTMLElement | null {
  const root = navigationRoot(kiosk);
  const candidates = focusablesIn(root);
  if (candidates.length === 0) return null;
  const active = root.ownerDocument.activeElement;
  const at = candidates.findIndex((candidate) => candidate === active);
  const next = at < 0 ? (step === 1 ? 0 : candidates.length - 1) : (at + step + candidates.length) % candidates.length;
  const target = candidates[next] ?? null;
  target?.focus();
  return target;
}

/** Presses the focused control; with nothing focused yet, the first press only focuses the first control. */
export function activateFocused(kiosk: HTMLElement): void {
  const root = navigationRoot(kiosk);
  const active = root.ownerDocument.activeElement;
  if (active instanceof HTMLElement && active !== root && root.contains(active) && focusablesIn(root).includes(active)) {
    active.click();
    return;
  }
  moveFocus(kiosk, 1);
}

/** Keys of a keyboard-like keypad (HID keypads that enumerate as keyboards, a technician's keyboard). */
export const KEYBOARD_NAVIGATION: Readonly<Record<string, NavigationKey>> = {
  ArrowUp: 'up',
  ArrowDown: 'down',
  ArrowLeft: 'left',
  ArrowRight: 'right',
  Enter: 'select',
  Escape: 'back',
  F1: 'help',
};
