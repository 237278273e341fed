/** The app, loaded by main.tsx once it has started reading the voter list. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@fontsource/noto-sans/400.css';
import '@fontsource/noto-sans/600.css';
import '@fontsource/noto-sans/700.css';
import './styles.css';
import { initI18n } from './app/i18n';
import { App } from './app/App';
import { applyTextSize } from './app/text-size';
import { installErrorReporting } from './app/error-reporting';
import { warmList } from './core/voter-list';

async function start(): Promise<void> {
  installErrorReporting();
  // The voter list the first line started reading is built now, while the rest starts up.
  void warmList();
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
