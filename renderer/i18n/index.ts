import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import ko from './ko.json';

/**
 * Every string the citizen reads or hears lives in these catalogues, none in code. Korean and English are
 * complete (a test keeps their keys identical); a new language (Chinese, Vietnamese are being piloted) is one more
 * JSON file with the same keys and one more line in CATALOGUES and LANGUAGE_NAMES. Missing keys fall back to
 * English, never to a raw key.
 */
export type Catalogue = Readonly<Record<string, string>>;

export const CATALOGUES: Readonly<Record<string, Catalogue>> = { ko, en };

/** Languages offered to the citizen, each named in its own language, in the order of the language screen. */
export const LANGUAGE_NAMES = { ko: '한국어', en: 'English' } as const;
export type UiLanguage = keyof typeof LANGUAGE_NAMES;
export const LANGUAGES = Object.keys(LANGUAGE_NAMES) as UiLanguage[];

/** BCP 47 tags for speech synthesis and number formatting. */
export const SPEECH_LANG: Readonly<Record<string, string>> = { ko: 'ko-KR', en: 'en-US', zh: 'zh-CN', vi: 'vi-VN' };

export type I18nOptions = {
  /** Extra catalogues (a pilot language, a test's partial catalogue). */
  readonly extra?: Readonly<Record<string, Catalogue>>;
  /** Called for every key missing in the language asked for (tests fail on it). */
  readonly onMissingKey?: (language: string, key: string) => void;
};

export function createI18n(language = 'ko', options: I18nOptions = {}): i18n {
  const catalogues = { ...CATALOGUES, ...options.extra };
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources: Object.fromEntries(Object.entries(catalogues).map(([lng, catalogue]) => [lng, { translation: catalogue }])),
    lng: language,
    fallbackLng: 'en',
    // The catalogues are flat (`choose.title`): a dot is part of the key, not a path.
    keySeparator: false,
    nsSeparator: false,
    interpolation: { escapeValue: false },
    initAsync: false,
    showSupportNotice: false,
    saveMissing: options.onMissingKey !== undefined,
    missingKeyHandler: options.onMissingKey
      ? (languages: readonly string[], _namespace: string, key: string) => {
          for (const missingIn of languages) options.onMissingKey?.(missingIn, key);
        }
      : false,
  });
  return instance;
}
