import { useCallback, useEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import { flushSync } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { CommandOutcome, KioskCommand } from '../../kiosk/api/contract';
import type { NavigationKey, Screen, ViewModel } from '../../state-machines/view-model';
import { applyDisplayChange, RATE_STEP, useDisplayPreferences, VOLUME_STEP } from '../accessibility/display';
import { activateFocused, KEYBOARD_NAVIGATION, moveFocus } from '../accessibility/navigation';
import type { Speaker } from '../accessibility/speaker';
import { VoiceGuide } from '../accessibility/voice';
import { DetailContext, useDetailRegistry } from '../components/Detail';
import { DialogHostContext } from '../components/Dialog';
import { LargeTextContext } from '../components/large-text';
import { LocalBackContext, useLocalized } from '../screens/common';
import { ScreenContent, titleOf } from '../screens';
import { cssVariablesFor, PALETTES } from '../theme/tokens';
import { BottomBar } from './BottomBar';
import { DisplaySettingsDialog, HelpDialog, TimeoutDialog } from './Dialogs';
import { TopBand } from './TopBand';

/** Screens where "처음으로" would abandon money or paper in motion, or where there is no session to leave. */
const NO_HOME: ReadonlySet<Screen> = new Set(['attract', 'closed', 'out-of-service', 'recovering', 'printing', 'change', 'receipt']);
const HOME_ONLY_IF_CANCELLABLE: ReadonlySet<Screen> = new Set(['payment', 'loading-records', 'fingerprint']);

function paletteVariables(contrast: keyof typeof PALETTES): Record<string, string> {
  const palette = PALETTES[contrast];
  return {
    '--fg': palette.fg,
    '--fg-subtle': palette.fgSubtle,
    '--bg': palette.bg,
    '--bg-subtle': palette.bgSubtle,
    '--primary-text': palette.primaryText,
    '--primary-fill': palette.primaryFill,
    '--on-primary': palette.onPrimary,
    '--danger': palette.danger,
    '--success': palette.success,
    '--focus': palette.focus,
  };
}

/**
 * The frame around every screen: top band, the screen, the bottom bar, dialogs (display settings, help, time-out),
 * the display preferences applied as sizes and colours, voice guidance, and the keypad.
 */
export function KioskShell({ view, send, speaker }: { readonly view: ViewModel; readonly send: (command: KioskCommand) => Promise<CommandOutcome>; readonly speaker: Speaker }) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const root = useRef<HTMLDivElement>(null);
  const overlays = useRef<HTMLDivElement>(null);
  const [overlayHost, setOverlayHost] = useState<HTMLElement | null>(null);
  const [panel, setPanel] = useState<'settings' | 'help' | null>(null);
  const [localBack, setLocalBack] = useState<(() => void) | null>(null);
  const [navigation, setNavigation] = useState<'touch' | 'keypad'>('touch');
  const dialogStack = useRef<(() => void)[]>([]);
  const [dialogCount, setDialogCount] = useState(0);
  const { display, change } = useDisplayPreferences(view.display, view.screen, send);
  const fire = useCallback((command: KioskCommand) => void send(command), [send]);

  useEffect(() => setOverlayHost(overlays.current), []);
  const dialogHost = useMemo(
    () => ({
      element: overlayHost,
      open(close: () => void) {
        dialogStack.current.push(close);
        setDialogCount(dialogStack.current.length);
        return () => {
          dialogStack.current = dialogStack.current.filter((candidate) => candidate !== close);
          setDialogCount(dialogStack.current.length);
        };
      },
    }),
    [overlayHost],
  );
  const detailRegistry = useDetailRegistry();
  const registerLocalBack = useCallback((handler: (() => void) | null) => setLocalBack(() => handler), []);

  // A new screen starts with nothing focused (the keypad's first "down" goes to its first control) and no panel.
  const [shownScreen, setShownScreen] = useState(view.screen);
  if (shownScreen !== view.screen) {
    setShownScreen(view.screen);
    setPanel(null);
  }
  useEffect(() => {
    const active = document.activeElement;
    if (active instanceof HTMLElement && root.current?.contains(active)) active.blur();
  }, [view.screen]);

  const canGoHome = !NO_HOME.has(view.screen) && (!HOME_ONLY_IF_CANCELLABLE.has(view.screen) || view.canCancel);
  const canGoBack = localBack !== null || view.canGoBack;
  const goBack = useCallback(() => {
    if (localBack) localBack();
    else if (view.canGoBack) fire({ type: 'back' });
  }, [localBack, view.canGoBack, fire]);

  const latestDisplay = useRef(display);
  latestDisplay.current = display;
  const onNavigationKey = useCallback(
    (key: NavigationKey) => {
      const kiosk = root.current;
      if (!kiosk) return;
      setNavigation('keypad');
      const { voice } = latestDisplay.current;
      switch (key) {
        case 'up':
        case 'left':
          moveFocus(kiosk, -1);
          return;
        case 'down':
        case 'right':
          moveFocus(kiosk, 1);
          return;
        case 'select':
          activateFocused(kiosk);
          return;
        case 'back': {
          const close = dialogStack.current[dialogStack.current.length - 1];
          // Closed at once, so that the next key already moves in the screen beneath.
          if (close) flushSync(close);
          else goBack();
          return;
        }
        case 'help':
          // The help key is also how a blind citizen turns voice guidance on (MOIS kiosk kit).
          if (!voice.enabled) change({ voice: { enabled: true } });
          flushSync(() => setPanel('help'));
          return;
        case 'volume-up':
        case 'volume-down':
          change({ voice: { volume: applyDisplayChange(latestDisplay.current, { voice: { volume: voice.volume + (key === 'volume-up' ? VOLUME_STEP : -VOLUME_STEP) } }).voice.volume } });
          return;
        case 'rate-up':
        case 'rate-down':
          change({ voice: { rate: applyDisplayChange(latestDisplay.current, { voice: { rate: voice.rate + (key === 'rate-up' ? RATE_STEP : -RATE_STEP) } }).voice.rate } });
          return;
      }
    },
    [change, goBack],
  );

  // The accessible keypad, read by the kiosk service: a new pulse sequence is a new key press.
  const pulse = view.keypad;
  const seenPulse = useRef(pulse?.sequence ?? null);
  useEffect(() => {
    if (!pulse || pulse.sequence === seenPulse.current) return;
    seenPulse.current = pulse.sequence;
    onNavigationKey(pulse.key);
  }, [pulse, onNavigationKey]);

  // Keypads that arrive as keyboards, and a technician's keyboard.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const key = KEYBOARD_NAVIGATION[event.key];
      if (!key) return;
      event.preventDefault();
      onNavigationKey(key);
    };
    const onPointer = () => setNavigation('touch');
    window.addEventListener('keydown', onKey);
    window.addEventListener('pointerdown', onPointer);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('pointerdown', onPointer);
    };
  }, [onNavigationKey]);

  const style = { ...cssVariablesFor(view.kiosk.pxPerMm, display), ...paletteVariables(display.contrast) } as CSSProperties;
  useEffect(() => {
    // The page behind the kiosk (overscroll, the moment before the first paint) takes the scheme's background.
    document.documentElement.style.background = PALETTES[display.contrast].bg;
  }, [display.contrast]);
  const inert = dialogCount > 0 || view.timeout !== null;
  const title = titleOf(view, t, localized);

  return (
    <DialogHostContext.Provider value={dialogHost}>
      <LargeTextContext.Provider value={display.textScale === 2}>
      <DetailContext.Provider value={detailRegistry}>
      <LocalBackContext.Provider value={registerLocalBack}>
        <div
          ref={root}
          className="kiosk"
          lang={view.language}
          style={style}
          data-screen={view.screen}
          data-revision={view.revision}
          data-contrast={display.contrast}
          data-scale={display.textScale}
          data-low={display.lowPosition ? 'true' : 'false'}
          data-px-per-mm={view.kiosk.pxPerMm}
          data-navigation={navigation}
        >
          <VoiceGuide root={root} speaker={speaker} settings={display.voice} language={view.language} screenKey={`${view.screen}:${view.language}`}>
            <div className="frame" inert={inert}>
              <TopBand title={title} step={view.step} large={display.textScale === 2} />
              <main className="screen" key={view.screen}>
                <ScreenContent view={view} send={fire} display={display} onDisplay={change} />
              </main>
              <BottomBar
                canGoHome={canGoHome}
                canGoBack={canGoBack}
                onHome={() => fire({ type: 'home' })}
                onBack={goBack}
                onHelp={() => setPanel('help')}
                onDisplay={() => setPanel('settings')}
              />
            </div>
            <div className="overlays" ref={overlays}>
              {panel === 'settings' ? <DisplaySettingsDialog display={display} onChange={change} onClose={() => setPanel(null)} /> : null}
              {panel === 'help' ? <HelpDialog screen={view.screen} onClose={() => setPanel(null)} /> : null}
              {view.timeout ? <TimeoutDialog warning={view.timeout} onExtend={() => fire({ type: 'extendTime' })} onHome={() => fire({ type: 'home' })} /> : null}
            </div>
          </VoiceGuide>
        </div>
      </LocalBackContext.Provider>
      </DetailContext.Provider>
      </LargeTextContext.Provider>
    </DialogHostContext.Provider>
  );
}
