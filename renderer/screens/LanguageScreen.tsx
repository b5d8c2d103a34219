import { useTranslation } from 'react-i18next';

export function LanguageScreen({ onLanguage }: { onLanguage(language: 'ko' | 'en'): void }) {
  const { t } = useTranslation();
  return (
    <>
      <h2>{t('language.title')}</h2>
      <div className="tiles">
        <button type="button" className="tile" lang="ko" onClick={() => onLanguage('ko')}>
          <span className="name">{t('language.ko')}</span>
        </button>
        <button type="button" className="tile" lang="en" onClick={() => onLanguage('en')}>
          <span className="name">{t('language.en')}</span>
        </button>
      </div>
    </>
  );
}
