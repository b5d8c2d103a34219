import type { TFunction } from 'i18next';
import { assertNever } from '../../common/result';
import type { KioskCommand } from '../../kiosk/api/contract';
import type { LocalizedText } from '../../catalog';
import type { DisplayPreferences, ViewModel } from '../../state-machines/view-model';
import type { DisplayChange } from '../accessibility/display';
import { ChooseDocumentScreen } from './ChooseDocumentScreen';
import { DocumentOptionsScreen } from './DocumentOptionsScreen';
import { AttractScreen, ClosedScreen, LanguageScreen, OutOfServiceScreen, RecoveringScreen } from './EntryScreens';
import { FingerprintScreen, IdentityFailedScreen, ResidentNumberScreen } from './IdentityScreens';
import {
  ChangeScreen,
  ErrorScreen,
  LoadingRecordsScreen,
  PaymentScreen,
  PrintingScreen,
  ReceiptScreen,
  SummaryScreen,
  ThankYouScreen,
} from './IssueScreens';

/** The screen's title for the top band (and the first thing voice guidance says). */
export function titleOf(view: ViewModel, t: TFunction, localized: (text: LocalizedText) => string): string {
  switch (view.screen) {
    case 'attract':
      return t('attract.title');
    case 'closed':
      return t('closed.title');
    case 'out-of-service':
      return t('out-of-service.title');
    case 'language':
      return t('language.title');
    case 'choose-document':
      return t('choose.title');
    case 'document-options':
      return localized(view.document.name);
    case 'resident-number':
      return t('resident.title');
    case 'fingerprint':
      return t('fingerprint.title');
    case 'identity-failed':
      return t('identity-failed.title');
    case 'loading-records':
      return t('loading.title');
    case 'summary':
      return t('summary.title');
    case 'payment':
      return t('payment.title');
    case 'printing':
      return t('printing.title');
    case 'change':
      return t('change.title');
    case 'receipt':
      return t('receipt.title');
    case 'thank-you':
      return t('thank-you.title');
    case 'error':
      return t('error.title');
    case 'recovering':
      return t('recovering.title');
    default:
      return assertNever(view);
  }
}

export function ScreenContent({
  view,
  send,
  display,
  onDisplay,
}: {
  readonly view: ViewModel;
  readonly send: (command: KioskCommand) => void;
  readonly display: DisplayPreferences;
  readonly onDisplay: (change: DisplayChange) => void;
}) {
  const common = { send, display };
  switch (view.screen) {
    case 'attract':
      return <AttractScreen view={view} {...common} onDisplay={onDisplay} />;
    case 'closed':
      return <ClosedScreen view={view} {...common} />;
    case 'out-of-service':
      return <OutOfServiceScreen view={view} {...common} />;
    case 'language':
      return <LanguageScreen view={view} {...common} />;
    case 'choose-document':
      return <ChooseDocumentScreen view={view} {...common} />;
    case 'document-options':
      return <DocumentOptionsScreen view={view} {...common} />;
    case 'resident-number':
      return <ResidentNumberScreen view={view} {...common} />;
    case 'fingerprint':
      return <FingerprintScreen view={view} {...common} />;
    case 'identity-failed':
      return <IdentityFailedScreen view={view} {...common} />;
    case 'loading-records':
      return <LoadingRecordsScreen view={view} {...common} />;
    case 'summary':
      return <SummaryScreen view={view} {...common} />;
    case 'payment':
      return <PaymentScreen view={view} {...common} />;
    case 'printing':
      return <PrintingScreen view={view} {...common} />;
    case 'change':
      return <ChangeScreen view={view} {...common} />;
    case 'receipt':
      return <ReceiptScreen view={view} {...common} />;
    case 'thank-you':
      return <ThankYouScreen view={view} {...common} />;
    case 'error':
      return <ErrorScreen view={view} {...common} />;
    case 'recovering':
      return <RecoveringScreen view={view} {...common} />;
    default:
      return assertNever(view);
  }
}
