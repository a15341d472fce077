// @vitest-environment jsdom
/**
 * The Channels screen on the real app runtime and its embedded emulator: create with validation, the overwrite
 * warning, edit, enable/disable badges, delete with a confirmation, prefix search and paging, auto-refresh, and
 * the Chinese UI.
 */
import { cleanup, configure, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import type { LiveChannelInput } from '../../../shared/live-channel';
import { ApiProvider } from '../../../renderer/src/app/api-context';
import { initI18n, setLanguage } from '../../../renderer/src/i18n';
import { ChannelsScreen } from '../../../renderer/src/screens/ChannelsScreen';
import type { InProcessApp } from '../support/in-process-api';
import { startInProcessApp } from '../support/in-process-api';
import type { TrackedApi } from '../support/tracked-api';
import { trackedApi } from '../support/tracked-api';

// A real app on two busy cores: give each wait for the screen more than the default second.
configure({ asyncUtilTimeout: 5_000 });

describe('Channels screen', () => {
  let app: InProcessApp;
  let api: TrackedApi;

  beforeAll(async () => {
    app = await startInProcessApp();
    api = trackedApi(app.api);
    await initI18n('en');
  });
  afterEach(async () => {
    cleanup();
    await setLanguage('en');
    await api.settled();
  });
  afterAll(async () => {
    await api?.settled();
    await app?.close();
  });

  /** The screen with stores of its own (stores are kept per API object). */
  const renderScreen = (props: { autoRefreshMs?: number } = {}) =>
    render(
      <ApiProvider value={{ ...api }}>
        <ChannelsScreen {...props} />
      </ApiProvider>,
    );
  const createViaApi = (name: string, input: LiveChannelInput = {}) => app.api.invoke('channels.create', name, input, { overwrite: false });
  const input = (label: string): HTMLInputElement => screen.getByLabelText<HTMLInputElement>(label);
  const row = async (name: string): Promise<HTMLElement> => {
    const header = await screen.findByRole('rowheader', { name });
    const element = header.closest('tr');
    if (!element) throw new Error(`no row for ${name}`);
    return element;
  };
  const search = async (user: ReturnType<typeof userEvent.setup>, prefix: string): Promise<void> => {
    const box = await screen.findByRole('searchbox', { name: 'Search by name prefix' });
    await user.clear(box);
    await user.type(box, prefix);
  };
  /** The row's badge once the live status has been read. */
  const badge = async (name: string, text: string): Promise<HTMLElement> => {
    let found: HTMLElement | undefined;
    await waitFor(async () => {
      found = within(await row(name)).getByText(text);
    });
    return found as HTMLElement;
  };
  const channelRows = (): string[] => screen.queryAllByRole('rowheader').map((cell) => cell.textContent ?? '');

  it('creates a channel after checking the form, then shows it Idle', async () => {
    const user = userEvent.setup();
    renderScreen();
    await user.click(await screen.findByRole('button', { name: 'New channel' }));
    expect(screen.getByRole('heading', { name: 'New channel' })).toBeTruthy();
    expect(document.activeElement).toBe(input('Channel name'));

    await user.type(input('Channel name'), 'ui/create');
    await user.type(input('Segment length (FragDuration, s)'), '2');
    await user.click(screen.getByRole('button', { name: 'Create channel' }));
    expect(input('Channel name').getAttribute('aria-invalid')).toBe('true');
    const count = input('Segments in playlist (FragCount)');
    expect(count.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (count.getAttribute('aria-describedby') ?? '').split(' ');
    expect(describedBy.map((id) => document.getElementById(id)?.textContent).join(' ')).toContain('Give segment length and segment count together');
    expect(document.activeElement).toBe(input('Channel name'));

    await user.clear(input('Channel name'));
    await user.type(input('Channel name'), 'ui-create');
    await user.type(count, '101');
    await user.tab();
    expect(screen.getByText('Enter a whole number from 1 to 100.')).toBeTruthy();
    await user.clear(count);
    await user.type(count, '4');
    await user.type(input('Playlist name'), 'show.m3u8');
    await user.click(screen.getByRole('button', { name: 'Create channel' }));

    expect(await screen.findByText('Channel ui-create created.')).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'New channel' })).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'New channel' })));
    expect((await badge('ui-create', 'Idle')).className).toBe('badge idle');
    expect((await app.api.invoke('channels.info', 'ui-create')).target).toMatchObject({ fragDuration: 2, fragCount: 4, playlistName: 'show.m3u8' });
  });

  it('warns before replacing an existing channel, and replaces it only when confirmed', async () => {
    const user = userEvent.setup();
    await createViaApi('ui-dup', { description: 'original', fragDuration: 2, fragCount: 4 });
    renderScreen();
    const create = async (): Promise<HTMLElement> => {
      await user.click(await screen.findByRole('button', { name: 'Create channel' }));
      return screen.findByRole('dialog', { name: 'Channel ui-dup already exists' });
    };
    await user.click(await screen.findByRole('button', { name: 'New channel' }));
    await user.type(input('Channel name'), 'ui-dup');
    await user.type(input('Description'), 'replacement');

    let dialog = await create();
    expect(dialog.textContent).toContain("Replacing resets the channel's configuration");
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancel' }));
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect((await app.api.invoke('channels.info', 'ui-dup')).description).toBe('original');

    dialog = await create();
    await user.click(within(dialog).getByRole('button', { name: 'Replace' }));
    expect(await screen.findByText('Channel ui-dup saved; its configuration was replaced.')).toBeTruthy();
    const config = await app.api.invoke('channels.info', 'ui-dup');
    expect(config.description).toBe('replacement');
    expect(config.target.fragDuration).toBe(5);
  });

  it('edits a channel from its current configuration, confirming the replacement', async () => {
    const user = userEvent.setup();
    const snapshot = { roleName: 'AliyunOSSRole', destBucket: 'snapshots', notifyTopic: 'snapshot-topic', interval: 5 };
    await createViaApi('ui-edit', { description: 'before', fragDuration: 2, fragCount: 4, playlistName: 'show.m3u8', status: 'disabled', snapshot });
    renderScreen();
    await user.click(await screen.findByRole('button', { name: 'Edit ui-edit' }));
    expect(await screen.findByRole('heading', { name: 'Edit ui-edit' })).toBeTruthy();
    expect(input('Channel name').readOnly).toBe(true);
    expect(input('Description').value).toBe('before');
    expect(input('Segment length (FragDuration, s)').value).toBe('2');
    expect(input('Segments in playlist (FragCount)').value).toBe('4');
    expect(input('Playlist name').value).toBe('show.m3u8');
    expect(screen.getByLabelText<HTMLSelectElement>('Status').value).toBe('disabled');

    await user.clear(input('Description'));
    await user.type(input('Description'), 'after');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    const dialog = await screen.findByRole('dialog', { name: 'Replace the configuration of ui-edit?' });
    await user.click(within(dialog).getByRole('button', { name: 'Replace' }));
    expect(await screen.findByText('Channel ui-edit saved; its configuration was replaced.')).toBeTruthy();
    expect(await app.api.invoke('channels.info', 'ui-edit')).toMatchObject({
      description: 'after',
      status: 'disabled',
      target: { fragDuration: 2, fragCount: 4, playlistName: 'show.m3u8' },
      // Not on the form, and kept all the same.
      snapshot,
    });
  });

  it('disables and enables a channel, the badge following', async () => {
    const user = userEvent.setup();
    await createViaApi('ui-toggle');
    renderScreen();
    expect(await badge('ui-toggle', 'Idle')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Disable ui-toggle' }));
    expect(await screen.findByText(/^Channel ui-toggle disabled\./)).toBeTruthy();
    expect((await badge('ui-toggle', 'Disabled')).className).toBe('badge disabled');
    await user.click(screen.getByRole('button', { name: 'Enable ui-toggle' }));
    expect(await screen.findByText('Channel ui-toggle enabled.')).toBeTruthy();
    expect((await badge('ui-toggle', 'Idle')).className).toBe('badge idle');
  });

  it('deletes a channel only after a confirmation that names it', async () => {
    const user = userEvent.setup();
    await createViaApi('ui-delete');
    renderScreen();
    await user.click(await screen.findByRole('button', { name: 'Delete ui-delete' }));
    expect(screen.getByRole('dialog', { name: 'Delete channel ui-delete?' }).textContent).toContain('recorded stay in the bucket');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Delete ui-delete' }));

    await user.click(screen.getByRole('button', { name: 'Delete ui-delete' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Delete channel' }));
    expect(await screen.findByText('Channel ui-delete deleted.')).toBeTruthy();
    expect(screen.queryByRole('rowheader', { name: 'ui-delete' })).toBeNull();
    // Focus moves in an effect after the render that shows the notice.
    await waitFor(() => expect(document.activeElement?.classList.contains('table-region')).toBe(true));
    const remaining = await app.api.invoke('channels.list', { prefix: 'ui-delete' });
    expect(remaining.channels).toEqual([]);
  });

  it('searches by prefix as the user types and pages through the results', async () => {
    const user = userEvent.setup();
    const all = Array.from({ length: 12 }, (_, index) => `ui-page-${String(index).padStart(2, '0')}`);
    for (const name of all) await createViaApi(name);
    renderScreen();
    await search(user, 'ui-page-');
    await waitFor(() => expect(channelRows()).toEqual(all));

    await user.selectOptions(screen.getByLabelText('Per page'), '10');
    await waitFor(() => expect(channelRows()).toEqual(all.slice(0, 10)));
    const pages = screen.getByRole('navigation', { name: 'Pages' });
    expect(within(pages).getByText('Page 1')).toBeTruthy();
    expect(within(pages).getByRole<HTMLButtonElement>('button', { name: 'Previous page' }).disabled).toBe(true);

    await user.click(within(pages).getByRole('button', { name: 'Next page' }));
    await waitFor(() => expect(channelRows()).toEqual(all.slice(10)));
    expect(within(pages).getByText('Page 2')).toBeTruthy();
    expect(within(pages).getByRole<HTMLButtonElement>('button', { name: 'Next page' }).disabled).toBe(true);
    await user.click(within(pages).getByRole('button', { name: 'Previous page' }));
    await waitFor(() => expect(channelRows()).toEqual(all.slice(0, 10)));

    await search(user, 'ui-page-1');
    await waitFor(() => expect(channelRows()).toEqual(['ui-page-10', 'ui-page-11']));
    await search(user, 'nothing-here');
    expect(await screen.findByText('No channel name starts with "nothing-here".')).toBeTruthy();
  });

  it('refreshes the badges by itself while it is shown', async () => {
    const user = userEvent.setup();
    await createViaApi('ui-auto');
    renderScreen({ autoRefreshMs: 100 });
    await search(user, 'ui-auto');
    expect(await badge('ui-auto', 'Idle')).toBeTruthy();
    // Someone else (the CLI, another window) disables it: the badge follows without a click.
    await app.api.invoke('channels.setStatus', 'ui-auto', 'disabled');
    expect(await badge('ui-auto', 'Disabled')).toBeTruthy();
  });

  it('speaks Simplified Chinese', async () => {
    const user = userEvent.setup();
    await createViaApi('ui-zh');
    await setLanguage('zh-CN');
    renderScreen();
    expect(await screen.findByRole('heading', { name: '直播频道' })).toBeTruthy();
    await user.type(await screen.findByRole('searchbox', { name: '按名称前缀搜索' }), 'ui-zh');
    expect(await badge('ui-zh', '空闲')).toBeTruthy();
    expect(screen.getByRole('columnheader', { name: '最后修改时间' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: '删除 ui-zh' }));
    expect(screen.getByRole('dialog', { name: '删除直播频道 ui-zh？' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: '取消' }));
    await user.click(screen.getByRole('button', { name: '新建直播频道' }));
    expect(screen.getByLabelText('切片时长（FragDuration，秒）')).toBeTruthy();
  });
});
