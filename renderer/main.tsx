import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { createKioskClient } from './api/client';
import { loadFonts } from './theme/fonts';
import './theme/kiosk.css';

loadFonts();
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App client={createKioskClient()} />
    </StrictMode>,
  );
}
