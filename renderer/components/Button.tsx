import type { ReactNode } from 'react';

/**
 * The kiosk button (KRDS button: primary, secondary, tertiary). A button that cannot be pressed now stays
 * focusable (`aria-disabled`), so that a citizen moving with the keypad still hears it and why it is off.
 */
export type ButtonVariant = 'primary' | 'secondary' | 'tertiary';

export function Button(props: {
  readonly children: ReactNode;
  readonly onPress: () => void;
  readonly variant?: ButtonVariant;
  readonly disabled?: boolean;
  readonly className?: string;
  /** Toggle buttons: shown pressed and announced so. */
  readonly pressed?: boolean;
  readonly lang?: string;
  readonly label?: string;
  readonly code?: string;
  readonly testId?: string;
}) {
  const classes = ['button', props.variant ?? 'secondary', props.className].filter(Boolean).join(' ');
  return (
    <button
      type="button"
      className={classes}
      aria-disabled={props.disabled ? true : undefined}
      aria-pressed={props.pressed}
      aria-label={props.label}
      lang={props.lang}
      data-code={props.code}
      data-testid={props.testId}
      onClick={() => {
        if (!props.disabled) props.onPress();
      }}
    >
      {props.children}
    </button>
  );
}
