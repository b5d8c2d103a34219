import { useTranslation } from 'react-i18next';
import type { ViewOf } from '../../state-machines/view-model';

export function DocumentOptionsScreen({ view }: { view: ViewOf<'document-options'> }) {
  const { t } = useTranslation();
  return (
    <>
      <h2>{t('options.title', { name: view.document.name[view.language] })}</h2>
      <p>{t('options.fee', { fee: view.document.fee.toLocaleString('en-US') })}</p>
    </>
  );
}
