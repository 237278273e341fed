/** The app, loaded by main.tsx once it has started reading the voter list. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// Noto Sans from the project's assets/fonts (issue 21), in the subsets the app writes, not all eight
// (Devanagari, Greek, Vietnamese…): Cyrillic, Cyrillic Extended (Kyrgyz ң ө ү: U+04A3, U+04E9,
// U+04AF are not in the basic Cyrillic subset) and Latin, weights 400, 600 and 700.
import '../assets/fonts/noto-sans.css';
import './styles.css';
import { initI18n } from './app/i18n';
import { App } from './app/App';
import { applyTextSize } from './app/text-size';
import { installErrorReporting } from './app/error-reporting';
import { warmList } from './core/voter-list';
import { TRAINING } from './app/mode';

async function start(): Promise<void> {
  installErrorReporting();
  // The voter list the first line started reading is built now, while the rest starts up.
  void warmList({ desk: !TRAINING && window.location.hash.replace(/^#\/?/u, '') === 'voters' });
  applyTextSize();
  await initI18n();
  const root = document.getElementById('root');
  if (!root) throw new Error('no #root element');
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

void start();
