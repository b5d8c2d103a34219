import { createContext, useContext, useId, useLayoutEffect, useRef, type ReactNode } from 'react';
import { createPortal } from 'react-dom';

/**
 * A modal dialog (KRDS modal): drawn over the screen, which becomes inert while it is open, so touch, keypad and
 * voice all stay inside it. `back` on the keypad closes the top-most one. Focus returns to the control that opened it.
 */
type DialogHost = {
  readonly element: HTMLElement | null;
  /** Registers an open dialog's close action; returns the unregister function. */
  open(close: () => void): () => void;
};

export const DialogHostContext = createContext<DialogHost>({ element: null, open: () => () => undefined });

export function Dialog(props: {
  readonly title: ReactNode;
  readonly children: ReactNode;
  readonly onClose: () => void;
  /** An alert dialog (time-out warning) asks for an answer now. */
  readonly alert?: boolean;
  readonly className?: string;
}) {
  const host = useContext(DialogHostContext);
  const titleId = useId();
  const close = useRef(props.onClose);
  close.current = props.onClose;
  // A layout effect, not a passive one: the screen beneath stops being inert in the same commit that removes the
  // dialog, so a key pressed right after `back` closed it (flushSync in the shell) moves in the screen. With a passive
  // effect the frame stayed inert until a later render and that key was lost (ui-live.spec.ts, keypad and voice).
  useLayoutEffect(() => {
    const opener = document.activeElement;
    const unregister = host.open(() => close.current());
    return () => {
      unregister();
      // The screen under the dialog stops being inert only after this render: focus it then.
      if (opener instanceof HTMLElement) setTimeout(() => opener.isConnected && opener.focus({ preventScroll: true }), 0);
    };
  }, [host]);
  if (!host.element) return null;
  return createPortal(
    <div className="overlay">
      <section
        role={props.alert ? 'alertdialog' : 'dialog'}
        aria-modal="true"
        aria-labelledby={titleId}
        className={['dialog', props.className].filter(Boolean).join(' ')}
      >
        <h2 id={titleId} className="dialog-title" data-speak="">
          {props.title}
        </h2>
        {props.children}
      </section>
    </div>,
    host.element,
  );
}
