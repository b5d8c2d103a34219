import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import ko from './ko.json';

/**
 * Every string the citizen reads lives in these catalogues, none in code. Korean and English are complete; a new
 * language is a new JSON file with the same keys (English is the fallback for missing keys).
 */
export const LANGUAGES = ['ko', 'en'] as const;
export type UiLanguage = (typeof LANGUAGES)[number];

export function createI18n(language: UiLanguage = 'ko'): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources: { ko: { translation: ko }, en: { translation: en } },
    lng: language,
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    initAsync: false,
    showSupportNotice: false,
  });
  return instance;
}
