import '../styles/common.css';
import '../styles/channels.css';

import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

import type { LiveChannelSummary } from '../../../shared/live-channel';
import { ApiError, errorMessage } from '../api/api-error';
import { useApi } from '../app/api-context';
import type { ChannelFormMode } from '../components/channels/ChannelForm';
import { ChannelForm } from '../components/channels/ChannelForm';
import { ChannelSearch } from '../components/channels/ChannelSearch';
import { ChannelTable } from '../components/channels/ChannelTable';
import { ChannelUrls } from '../components/channels/ChannelUrls';
import { Pager } from '../components/channels/Pager';
import { ConfirmDialog } from '../components/common/ConfirmDialog';
import { createChannelsStore } from '../stores/channels-store';
import { storeFor, useAppStore } from '../stores/use-store';

export interface ChannelsScreenProps {
  /** How often the badges are re-read while the screen is visible. */
  autoRefreshMs?: number;
}

type Notice = { tone: 'ok' | 'error'; text: string };

const AUTO_REFRESH_MS = 10_000;

/**
 * Channels: one page of the bucket's LiveChannels with live status badges, prefix search and paging; create, edit
 * (never replacing a channel without asking), enable/disable and delete; and each channel's URLs to copy.
 */
export function ChannelsScreen({ autoRefreshMs = AUTO_REFRESH_MS }: ChannelsScreenProps = {}): React.JSX.Element {
  const { t } = useTranslation();
  const store = storeFor(useApi(), createChannelsStore);
  const page = useAppStore(createChannelsStore, (state) => state.page);
  const loading = useAppStore(createChannelsStore, (state) => state.loading);
  const listError = useAppStore(createChannelsStore, (state) => state.error);
  const stats = useAppStore(createChannelsStore, (state) => state.stats);
  const statsError = useAppStore(createChannelsStore, (state) => state.statsError);
  const prefix = useAppStore(createChannelsStore, (state) => state.prefix);
  const pageSize = useAppStore(createChannelsStore, (state) => state.pageSize);
  const pageNumber = useAppStore(createChannelsStore, (state) => state.markers.length);
  const selected = useAppStore(createChannelsStore, (state) => state.selected);
  const [form, setForm] = useState<ChannelFormMode>();
  const [deleting, setDeleting] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice>();
  const [focusTable, setFocusTable] = useState(0);
  const tableRegion = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const state = store.getState();
    // Coming back to the screen: the list is kept, only the badges may be stale.
    void (state.page ? state.refreshStats() : state.load());
  }, [store]);

  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') void store.getState().refreshStats();
    }, autoRefreshMs);
    return () => clearInterval(timer);
  }, [store, autoRefreshMs]);

  // After a deletion the row (and its button) is gone: focus lands on the list instead of the page body.
  useEffect(() => {
    if (focusTable > 0) tableRegion.current?.focus();
  }, [focusTable]);

  const report = (tone: Notice['tone'], text: string): void => setNotice({ tone, text });

  const edit = async (name: string): Promise<void> => {
    try {
      setForm({ kind: 'edit', name, config: await store.getState().info(name) });
    } catch (error) {
      report('error', t('channels.form.loadFailed', { message: errorMessage(error) }));
    }
  };

  const toggle = async (channel: LiveChannelSummary): Promise<void> => {
    const next = channel.status === 'enabled' ? 'disabled' : 'enabled';
    try {
      await store.getState().setStatus(channel.name, next);
      report('ok', t(next === 'enabled' ? 'channels.actions.enabled' : 'channels.actions.disabled', { name: channel.name }));
    } catch (error) {
      report('error', t('channels.actions.statusFailed', { name: channel.name, message: errorMessage(error) }));
    }
  };

  const remove = async (name: string): Promise<void> => {
    setBusy(true);
    try {
      await store.getState().remove(name);
      report('ok', t('channels.delete.done', { name }));
      setFocusTable((count) => count + 1);
    } catch (error) {
      const live = error instanceof ApiError && error.data.code === 'ChannelStillLive';
      report('error', live ? t('channels.delete.stillLive', { name }) : t('channels.delete.failed', { name, message: errorMessage(error) }));
    } finally {
      setBusy(false);
      setDeleting(undefined);
    }
  };

  const formDone = (message: string): void => {
    setForm(undefined);
    report('ok', message);
  };

  const selectedChannel = page?.channels.find((channel) => channel.name === selected);

  return (
    <section className="screen channels-screen">
      <div className="row">
        <h2 className="grow">{t('channels.title')}</h2>
        <button type="button" disabled={loading} onClick={() => void store.getState().load()}>
          {t('channels.toolbar.refresh')}
        </button>
        <button type="button" className="primary" onClick={() => setForm({ kind: 'create' })}>
          {t('channels.toolbar.create')}
        </button>
      </div>
      <ChannelSearch prefix={prefix} pageSize={pageSize} onSearch={store.getState().search} onPageSize={(size) => void store.getState().setPageSize(size)} />
      <div className="screen-status" role="status">
        {loading && <p className="muted">{t('channels.table.loading')}</p>}
        {notice && <p className={notice.tone === 'ok' ? 'notice ok' : 'notice error'}>{notice.text}</p>}
      </div>
      {listError && (
        <p className="notice error" role="alert">
          {t('channels.listFailed', { message: listError })}
        </p>
      )}
      {statsError && <p className="notice warning">{t('channels.statsFailed', { message: statsError })}</p>}
      {form && (
        <ChannelForm
          key={form.kind === 'edit' ? `edit:${form.name}` : 'create'}
          mode={form}
          onDone={formDone}
          onCancel={() => setForm(undefined)}
        />
      )}
      <div ref={tableRegion} className="panel table-region" tabIndex={-1}>
        {page && page.channels.length > 0 && (
          <ChannelTable
            channels={page.channels}
            stats={stats}
            selected={selected}
            onShowUrls={(name) => void store.getState().select(name === selected ? undefined : name)}
            onEdit={(name) => void edit(name)}
            onToggle={(channel) => void toggle(channel)}
            onDelete={setDeleting}
          />
        )}
        {page && page.channels.length === 0 && <p className="muted">{prefix ? t('channels.table.emptyPrefix', { prefix }) : t('channels.table.empty')}</p>}
        <Pager
          page={pageNumber}
          hasPrevious={pageNumber > 1}
          hasNext={Boolean(page?.isTruncated && page.nextMarker)}
          onPrevious={() => void store.getState().previousPage()}
          onNext={() => void store.getState().nextPage()}
        />
      </div>
      {selectedChannel && <ChannelUrls key={selectedChannel.name} channel={selectedChannel} />}
      {deleting && (
        <ConfirmDialog
          title={t('channels.delete.title', { name: deleting })}
          confirmLabel={t('channels.delete.confirm')}
          danger
          busy={busy}
          onConfirm={() => void remove(deleting)}
          onCancel={() => setDeleting(undefined)}
        >
          <p>{t('channels.delete.body')}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
