import type { DocumentOption } from './types';

/** Options shared by several documents, written once. */

export const maskResidentNumbers: DocumentOption = {
  kind: 'boolean',
  key: 'maskResidentNumbers',
  label: { ko: '주민등록번호 뒷자리 가림', en: 'Hide the last digits of resident numbers' },
  default: true,
};

export const detailLevel: DocumentOption = {
  kind: 'choice',
  key: 'detail',
  label: { ko: '증명서 종류', en: 'Certificate type' },
  choices: [
    { value: 'general', label: { ko: '일반', en: 'General' } },
    { value: 'detailed', label: { ko: '상세', en: 'Detailed' } },
    { value: 'specific', label: { ko: '특정', en: 'Specific' } },
  ],
  default: 'general',
};

export const parcelAddress: DocumentOption = {
  kind: 'text',
  key: 'parcel',
  label: { ko: '토지 소재지 (지번)', en: 'Parcel address (lot number)' },
  pattern: '^[가-힣0-9 .()-]{4,60}$',
  maxLength: 60,
  example: '부산광역시 금정구 장전동 123-4',
  default: '',
};

export const buildingAddress: DocumentOption = {
  kind: 'text',
  key: 'building',
  label: { ko: '건축물 소재지', en: 'Building address' },
  pattern: '^[가-힣0-9 .()-]{4,60}$',
  maxLength: 60,
  example: '부산광역시 금정구 부산대학로 63',
  default: '',
};

export const schoolYear: DocumentOption = {
  kind: 'number',
  key: 'graduationYear',
  label: { ko: '졸업 연도', en: 'Year of graduation' },
  min: 1950,
  max: 2026,
  default: 2020,
};

export const schoolLevel: DocumentOption = {
  kind: 'choice',
  key: 'schoolLevel',
  label: { ko: '학교급', en: 'School level' },
  choices: [
    { value: 'elementary', label: { ko: '초등학교', en: 'Elementary school' } },
    { value: 'middle', label: { ko: '중학교', en: 'Middle school' } },
    { value: 'high', label: { ko: '고등학교', en: 'High school' } },
  ],
  default: 'high',
};

export const plateNumber: DocumentOption = {
  kind: 'text',
  key: 'plate',
  label: { ko: '자동차 등록번호', en: 'Plate number' },
  pattern: '^[0-9]{2,3}[가-힣][0-9]{4}$',
  maxLength: 9,
  example: '12가3456',
  default: '',
};

export const taxYear: DocumentOption = {
  kind: 'number',
  key: 'taxYear',
  label: { ko: '과세 연도', en: 'Tax year' },
  min: 2000,
  max: 2026,
  default: 2025,
};

export const purpose: DocumentOption = {
  kind: 'choice',
  key: 'purpose',
  label: { ko: '사용 목적', en: 'Purpose' },
  choices: [
    { value: 'general', label: { ko: '일반 제출용', en: 'General submission' } },
    { value: 'bank', label: { ko: '금융기관 제출용', en: 'For a bank' } },
    { value: 'public-office', label: { ko: '관공서 제출용', en: 'For a public office' } },
  ],
  default: 'general',
};
