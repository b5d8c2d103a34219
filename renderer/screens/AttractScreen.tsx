import { useTranslation } from 'react-i18next';
import type { ViewOf } from '../../state-machines/view-model';

export function AttractScreen({ view, onTouch, onLanguage }: { view: ViewOf<'attract'>; onTouch(): void; onLanguage(language: 'ko' | 'en'): void }) {
  const { t } = useTranslation();
  const available = view.documents.filter((document) => document.available).length;
  return (
    <div className="attract">
      <h2>{view.kiosk.name[view.language]}</h2>
      <p>{t('attract.hours', { hours: view.kiosk.hoursText })} · {t('attract.documentCount', { count: available })}</p>
      <button type="button" className="primary touch" onClick={onTouch}>
        {t('attract.touch')}
      </button>
      <div className="pager">
        <button type="button" lang="ko" onClick={() => onLanguage('ko')}>한국어</button>
        <button type="button" lang="en" onClick={() => onLanguage('en')}>English</button>
      </div>
    </div>
  );
}
