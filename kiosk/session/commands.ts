import { findDocument, localTime, type Availability, type CatalogDocument } from '../../catalog';
import type { CitizenEvent, LocalDate } from '../../state-machines/session/types';
import type { CommandOutcome, KioskCommand } from '../api/contract';

/**
 * KioskApi commands → session events. Commands were validated at the edge (zod); here they get what only the
 * kiosk knows: a fresh session id for a first document, today's date for the resident-number check, and the
 * catalogue's verdict on a document (so that the citizen hears why before anything happens).
 */
export type CommandContext = {
  readonly offered: readonly CatalogDocument[];
  readonly availability: (document: CatalogDocument) => Availability;
  readonly newSessionId: () => string;
  readonly today: () => LocalDate;
};

export function todayIn(timeZone: string, epochMs: number): LocalDate {
  const [year, month, day] = localTime(epochMs, timeZone).date.split('-').map(Number);
  return { year: year ?? 1970, month: month ?? 1, day: day ?? 1 };
}

export function toSessionEvent(command: KioskCommand, context: CommandContext): CitizenEvent | { readonly rejected: CommandOutcome } {
  const document = (code: string) => {
    const found = findDocument(code);
    return found && context.offered.includes(found) ? found : null;
  };
  switch (command.type) {
    case 'touch':
      return { type: 'TOUCH' };
    case 'chooseLanguage':
      return { type: 'CHOOSE_LANGUAGE', language: command.language };
    case 'selectDocument': {
      const found = document(command.code);
      if (!found) return { rejected: { accepted: false, reason: 'unknown-document', detail: `no document ${command.code} at this kiosk` } };
      const why = context.availability(found);
      if (!why.available) return { rejected: { accepted: false, reason: 'unavailable', detail: why.reason } };
      return { type: 'SELECT_DOCUMENT', code: found.code, sessionId: context.newSessionId() };
    }
    case 'setOption':
      return { type: 'SET_OPTION', key: command.key, value: command.value };
    case 'confirmOptions':
      return { type: 'CONFIRM_OPTIONS' };
    case 'addAnother':
      return { type: 'ADD_ANOTHER' };
    case 'removeDocument': {
      const found = document(command.code);
      if (!found) return { rejected: { accepted: false, reason: 'unknown-document', detail: `no document ${command.code} at this kiosk` } };
      return { type: 'REMOVE_DOCUMENT', code: found.code };
    }
    case 'setCopies': {
      const found = document(command.code);
      if (!found) return { rejected: { accepted: false, reason: 'unknown-document', detail: `no document ${command.code} at this kiosk` } };
      return { type: 'SET_COPIES', code: found.code, copies: command.copies };
    }
    case 'proceed':
      return { type: 'PROCEED' };
    case 'enterDigit':
      return { type: 'ENTER_DIGIT', digit: command.digit, today: context.today() };
    case 'deleteDigit':
      return { type: 'DELETE_DIGIT' };
    case 'clearDigits':
      return { type: 'CLEAR_DIGITS' };
    case 'confirmResidentNumber':
      return { type: 'CONFIRM_RESIDENT_NUMBER' };
    case 'retryFingerprint':
      return { type: 'RETRY_FINGERPRINT' };
    case 'pay':
      return { type: 'PAY' };
    case 'acknowledge':
      return { type: 'ACKNOWLEDGE' };
    case 'extendTime':
      return { type: 'EXTEND_TIME' };
    case 'cancel':
      return { type: 'CANCEL' };
    case 'back':
      return { type: 'BACK' };
    case 'home':
      return { type: 'HOME' };
    case 'setDisplay': {
      const { type: _type, ...change } = command;
      return { type: 'SET_DISPLAY', change };
    }
  }
}
