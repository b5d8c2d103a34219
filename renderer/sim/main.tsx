import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { loadFonts } from '../theme/fonts';
import { SimulatorPanel } from './SimulatorPanel';
import './sim.css';

loadFonts();
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <SimulatorPanel />
    </StrictMode>,
  );
}
