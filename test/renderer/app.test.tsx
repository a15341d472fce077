// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ApiProvider } from '../../renderer/src/app/api-context';
import { App } from '../../renderer/src/app/App';
import { initI18n, setLanguage } from '../../renderer/src/i18n';
import type { InProcessApp } from './support/in-process-api';
import { startInProcessApp } from './support/in-process-api';

describe('App shell', () => {
  let app: InProcessApp;
  beforeAll(async () => {
    app = await startInProcessApp();
    await initI18n('en');
  });
  afterAll(() => app.close());

  it('shows the navigation and the profile in use (the embedded emulator for a new user)', async () => {
    render(
      <ApiProvider value={app.api}>
        <App />
      </ApiProvider>,
    );
    expect(screen.getByRole('link', { name: 'Go live' }).getAttribute('aria-current')).toBe('page');
    expect(await screen.findByText('Local emulator')).toBeTruthy();
    await setLanguage('zh-CN');
    expect(await screen.findByRole('link', { name: '开播' })).toBeTruthy();
  });
});
