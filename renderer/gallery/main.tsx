import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { loadFonts } from '../theme/fonts';
import '../theme/kiosk.css';
import { Gallery } from './Gallery';

loadFonts();
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <Gallery search={window.location.search} />
    </StrictMode>,
  );
}
