import { useTranslation } from 'react-i18next';
import type { ViewModel } from '../../state-machines/view-model';

export function DocumentOptionsScreen({ view }: { view: ViewModel }) {
  const { t } = useTranslation();
  if (!view.selected) return null;
  return (
    <>
      <h2>{t('options.title', { name: view.selected.name[view.language] })}</h2>
      <p>{t('options.fee', { fee: view.selected.fee.toLocaleString('en-US') })}</p>
    </>
  );
}
