import type { LocalizedText } from '../../catalog/types';
import type { ResidentNumberRejectionKind, ResidentNumberWarningKind } from './resident-number';

/**
 * What the citizen reads (and hears) about their resident number and the fingerprint check, in Korean and English.
 * Plain words, one instruction each, the way out named when there is none left (ui.md; domain.md "Fingerprint
 * retries … then the citizen is told to use the counter"). No message ever contains the number itself.
 */

export const RESIDENT_NUMBER_REJECTION_MESSAGES: Record<ResidentNumberRejectionKind, LocalizedText> = {
  format: {
    ko: '주민등록번호 13자리를 모두 입력해 주세요.',
    en: 'Please enter all 13 digits of your resident registration number.',
  },
  'century-digit': {
    ko: '뒷자리 첫 번째 숫자는 1부터 8 사이입니다. 다시 확인해 주세요.',
    en: 'The first digit after the hyphen is between 1 and 8. Please check it.',
  },
  'birth-date': {
    ko: '앞 6자리 생년월일이 없는 날짜입니다(예: 2월 30일). 다시 확인해 주세요.',
    en: 'The first six digits are not a real date of birth (for example 30 February). Please check them.',
  },
  'century-mismatch': {
    ko: '생년월일과 뒷자리 첫 번째 숫자가 맞지 않습니다. 다시 확인해 주세요.',
    en: 'The date of birth does not fit the first digit after the hyphen. Please check both.',
  },
};

export const RESIDENT_NUMBER_WARNING_MESSAGES: Record<ResidentNumberWarningKind, LocalizedText> = {
  'check-digit': {
    ko: '번호를 한 번 더 확인해 주세요. 맞게 입력하셨으면 [확인]을 누르세요.',
    en: 'Please check the number once more. If it is right, press Confirm.',
  },
};

/** Message keys of the identity step; the renderer shows the text, the voice guidance reads it. */
export type IdentityMessageKey =
  | 'identity.enter-number'
  | 'identity.number.format'
  | 'identity.number.century-digit'
  | 'identity.number.birth-date'
  | 'identity.number.century-mismatch'
  | 'identity.number.check-digit'
  | 'identity.place-finger'
  | 'identity.finger.press-firmly'
  | 'identity.finger.hold-still'
  | 'identity.finger.more-of-finger'
  | 'identity.finger.lift-and-retry'
  | 'identity.verifying'
  | 'identity.no-match'
  | 'identity.unknown-resident'
  | 'identity.poor-template'
  | 'identity.no-finger'
  | 'identity.poor-image'
  | 'identity.office-unreachable'
  | 'identity.reader-unavailable'
  | 'identity.use-counter'
  | 'identity.locked'
  | 'identity.verified'
  | 'identity.not-required'
  | 'identity.cancelled';

export const IDENTITY_MESSAGES: Record<IdentityMessageKey, LocalizedText> = {
  'identity.enter-number': {
    ko: '주민등록번호를 입력해 주세요.',
    en: 'Please enter your resident registration number.',
  },
  'identity.number.format': RESIDENT_NUMBER_REJECTION_MESSAGES.format,
  'identity.number.century-digit': RESIDENT_NUMBER_REJECTION_MESSAGES['century-digit'],
  'identity.number.birth-date': RESIDENT_NUMBER_REJECTION_MESSAGES['birth-date'],
  'identity.number.century-mismatch': RESIDENT_NUMBER_REJECTION_MESSAGES['century-mismatch'],
  'identity.number.check-digit': RESIDENT_NUMBER_WARNING_MESSAGES['check-digit'],
  'identity.place-finger': {
    ko: '오른손 엄지손가락을 지문 인식기에 올려 주세요.',
    en: 'Please place your right thumb on the fingerprint reader.',
  },
  'identity.finger.press-firmly': {
    ko: '손가락을 조금 더 눌러 주세요.',
    en: 'Please press your finger a little more firmly.',
  },
  'identity.finger.hold-still': {
    ko: '손가락을 움직이지 말고 잠시 그대로 두세요.',
    en: 'Please keep your finger still for a moment.',
  },
  'identity.finger.more-of-finger': {
    ko: '손가락 끝이 아닌 지문 전체가 닿도록 올려 주세요.',
    en: 'Please place the whole pad of your finger, not just the tip.',
  },
  'identity.finger.lift-and-retry': {
    ko: '손가락을 떼었다가 다시 올려 주세요.',
    en: 'Please lift your finger and place it again.',
  },
  'identity.verifying': {
    ko: '본인 확인 중입니다. 잠시만 기다려 주세요.',
    en: 'Checking your identity. Please wait a moment.',
  },
  'identity.no-match': {
    ko: '지문이 일치하지 않습니다. 다시 시도해 주세요.',
    en: 'The fingerprint did not match. Please try again.',
  },
  'identity.unknown-resident': {
    ko: '입력하신 주민등록번호로 확인할 수 없습니다. 번호를 다시 확인해 주세요.',
    en: 'We could not check this resident registration number. Please check the number.',
  },
  'identity.poor-template': {
    ko: '지문을 읽기 어렵습니다. 손가락을 닦고 다시 올려 주세요.',
    en: 'The fingerprint was hard to read. Please wipe your finger and try again.',
  },
  'identity.no-finger': {
    ko: '손가락이 감지되지 않았습니다. 다시 시도하시려면 [다시 하기]를 누르세요.',
    en: 'No finger was detected. Press Try again to try once more.',
  },
  'identity.poor-image': {
    ko: '지문을 읽지 못했습니다. 손가락을 닦고 다시 시도해 주세요.',
    en: 'The fingerprint could not be read. Please wipe your finger and try again.',
  },
  'identity.office-unreachable': {
    ko: '본인 확인 서버에 연결할 수 없습니다. 잠시 후 다시 시도해 주세요.',
    en: 'The identity service cannot be reached. Please try again in a moment.',
  },
  'identity.reader-unavailable': {
    ko: '지문 인식기를 사용할 수 없습니다. 가까운 민원 창구를 이용해 주세요.',
    en: 'The fingerprint reader is not available. Please use the nearest service counter.',
  },
  'identity.use-counter': {
    ko: '본인 확인을 3회 하지 못했습니다. 가까운 민원 창구를 이용해 주세요.',
    en: 'Your identity could not be confirmed in 3 attempts. Please use the nearest service counter.',
  },
  'identity.locked': {
    ko: '오늘은 이 번호로 더 확인할 수 없습니다. 가까운 민원 창구를 이용해 주세요.',
    en: 'No more checks are possible for this number today. Please use the nearest service counter.',
  },
  'identity.verified': {
    ko: '본인 확인이 완료되었습니다.',
    en: 'Your identity has been confirmed.',
  },
  'identity.not-required': {
    ko: '이 서류는 본인 확인이 필요 없습니다.',
    en: 'These documents need no identity check.',
  },
  'identity.cancelled': {
    ko: '본인 확인을 취소했습니다.',
    en: 'The identity check was cancelled.',
  },
};
