import boldUrl from 'pretendard-gov/dist/web/static/woff2-subset/PretendardGOV-Bold.subset.woff2?url';
import regularUrl from 'pretendard-gov/dist/web/static/woff2-subset/PretendardGOV-Regular.subset.woff2?url';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { CITIZEN_SCREEN, FROM_CITIZEN_PARAM, FROM_CITIZEN_VALUE } from '../components/technician-entry';
import { createServiceClient } from './api';
import { ServiceApp } from './ServiceApp';
import './service.css';

// The KRDS typeface, bundled: a kiosk has no internet.
for (const [url, weight] of [
  [regularUrl, '400'],
  [boldUrl, '700'],
] as const) {
  const face = new FontFace('Pretendard GOV', `url(${url}) format('woff2')`, { weight, display: 'block' });
  document.fonts.add(face);
  void face.load().catch(() => undefined);
}

const root = document.getElementById('service-root');
if (root) {
  const params = new URLSearchParams(location.search);
  const lang = params.get('lang') === 'en' ? 'en' : 'ko';
  // Opened from the citizen screen's technician entry: leaving goes back there (in Electron the shell closes the
  // service window on that navigation).
  const fromCitizen = params.get(FROM_CITIZEN_PARAM) === FROM_CITIZEN_VALUE;
  createRoot(root).render(
    <StrictMode>
      <ServiceApp client={createServiceClient()} initialLang={lang} {...(fromCitizen ? { onReturn: () => location.assign(CITIZEN_SCREEN) } : {})} />
    </StrictMode>,
  );
}
