import './styles/app.css';

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

import { connectApi } from './api';
import { ApiProvider } from './app/api-context';
import { App } from './app/App';
import { initI18n } from './i18n';

async function start(): Promise<void> {
  await initI18n();
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root');
  createRoot(root).render(
    <StrictMode>
      <ApiProvider value={connectApi()}>
        <App />
      </ApiProvider>
    </StrictMode>,
  );
}

void start();
