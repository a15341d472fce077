import '../styles/monitor.css';

import { useCallback, useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';

import { useApi } from '../app/api-context';
import { ChannelPicker } from '../components/common/ChannelPicker';
import { AlertList } from '../components/monitor/AlertList';
import type { ChartAxis, ChartSeries } from '../components/monitor/chart-data';
import { HlsPreview } from '../components/monitor/HlsPreview';
import { ObsPanel } from '../components/monitor/ObsPanel';
import { OssStatPanel } from '../components/monitor/OssStatPanel';
import { TimelineChart } from '../components/monitor/TimelineChart';
import { createMonitorStore } from '../stores/monitor-store';
import { storeFor, useAppStore } from '../stores/use-store';

/**
 * Monitor: the channel as viewers get it (preview and its latency), OBS and OSS on one timeline, the OSS stat panel
 * and alerts. Watching starts when the screen is shown and stops when it is left.
 */
export function MonitorScreen(): React.JSX.Element {
  const { t } = useTranslation();
  const store = storeFor(useApi(), createMonitorStore);
  const channel = useAppStore(createMonitorStore, (s) => s.channel);
  const channels = useAppStore(createMonitorStore, (s) => s.channels);
  const channelsError = useAppStore(createMonitorStore, (s) => s.channelsError);
  const status = useAppStore(createMonitorStore, (s) => s.status);
  const error = useAppStore(createMonitorStore, (s) => s.error);

  useEffect(() => {
    void store.getState().open();
    return () => void store.getState().unwatch();
  }, [store]);

  return (
    <section className="screen monitor" aria-labelledby="monitor-title">
      <div className="row">
        <h2 id="monitor-title">{t('monitor.title')}</h2>
        {channels.length > 0 && (
          <ChannelPicker
            className="row channel-picker"
            label={t('monitor.channel')}
            channels={channels}
            value={channel}
            onSelect={(name) => void store.getState().watch(name)}
          />
        )}
        <span className="muted grow" aria-live="polite">
          {status === 'watching' && channel !== undefined && t('monitor.watching', { channel })}
        </span>
      </div>
      {channelsError && <p className="notice error">{t('monitor.loadFailed', { message: channelsError })}</p>}
      {status === 'failed' && channel !== undefined && error && <p className="notice error">{t('monitor.watchFailed', { channel, message: error })}</p>}
      {channel === undefined && !channelsError && channels.length === 0 && status === 'idle' && <p className="notice">{t('monitor.noChannels')}</p>}
      {channel !== undefined && <MonitorBody />}
    </section>
  );
}

/** Everything below the picker; each part selects only what it shows, so a point re-renders only the panels. */
function MonitorBody(): React.JSX.Element {
  return (
    <>
      <div className="monitor-top">
        <PreviewPanel />
        <AlertsSection />
      </div>
      <Charts />
      <div className="grid-2">
        <OssSection />
        <ObsSection />
      </div>
    </>
  );
}

function PreviewPanel(): React.JSX.Element {
  const { t } = useTranslation();
  const preview = useAppStore(createMonitorStore, (s) => s.preview);
  const session = useAppStore(createMonitorStore, (s) => s.previewSession);
  const url = useMemo(() => (preview ? new URL(preview.url, document.baseURI).href : undefined), [preview]);
  return (
    <section className="panel preview-panel" aria-labelledby="preview-title">
      <h3 id="preview-title">{t('monitor.preview.heading')}</h3>
      {url && session > 0 ? (
        <HlsPreview key={`${url}#${session}`} url={url} fragDurationSeconds={preview?.fragDurationSeconds} />
      ) : (
        <div className="preview-idle">
          <p className="muted" aria-live="polite">
            {t('monitor.preview.notLive')}
          </p>
        </div>
      )}
    </section>
  );
}

function AlertsSection(): React.JSX.Element {
  const alerts = useAppStore(createMonitorStore, (s) => s.alerts);
  return <AlertList alerts={alerts} />;
}

function OssSection(): React.JSX.Element {
  const state = useAppStore(createMonitorStore, (s) => s.state.oss);
  const reading = useAppStore(createMonitorStore, (s) => s.oss);
  const details = useAppStore(createMonitorStore, (s) => s.ossDetails);
  return <OssStatPanel state={state} reading={reading} details={details} />;
}

function ObsSection(): React.JSX.Element {
  const state = useAppStore(createMonitorStore, (s) => s.state.obs);
  const reading = useAppStore(createMonitorStore, (s) => s.obs);
  return <ObsPanel state={state} reading={reading} />;
}

/** Charts sharing this key share the cursor: one instant read across both. */
const CHART_SYNC_KEY = 'monitor-timeline';

/** Two charts on one time axis with a shared cursor: rates in kbit/s, and frames with CPU. Built once per language. */
function Charts(): React.JSX.Element {
  const { t } = useTranslation();
  const store = storeFor(useApi(), createMonitorStore);

  const timeline = useCallback(() => store.getState().timeline, [store]);
  const subscribe = useCallback(
    (onChange: () => void) =>
      store.subscribe((state, previous) => {
        if (state.revision !== previous.revision) onChange();
      }),
    [store],
  );
  const bitrate = useMemo(() => {
    const series: ChartSeries[] = [
      { column: 'obsKbps', label: t('monitor.charts.obsBitrate'), color: '--accent', scale: 'kbps' },
      { column: 'ossKbps', label: t('monitor.charts.ossBandwidth'), color: '--ok', scale: 'kbps', dash: [6, 3] },
    ];
    // The same scale on both sides: both charts then have two axes, so their time axes line up.
    const axes: ChartAxis[] = [
      { scale: 'kbps', label: t('monitor.charts.kbps'), side: 'left', min: 0, softMax: 100 },
      { scale: 'kbps', label: t('monitor.charts.kbps'), side: 'right', min: 0, softMax: 100 },
    ];
    return { series, axes };
  }, [t]);
  const frames = useMemo(() => {
    const series: ChartSeries[] = [
      { column: 'fps', label: t('monitor.charts.fps'), color: '--warn', scale: 'frames' },
      { column: 'droppedPerSecond', label: t('monitor.charts.dropped'), color: '--danger', scale: 'frames' },
      { column: 'cpuPercent', label: t('monitor.charts.cpu'), color: '--muted', scale: 'percent' },
    ];
    const axes: ChartAxis[] = [
      { scale: 'frames', label: t('monitor.charts.framesPerSecond'), side: 'left', min: 0, softMax: 30 },
      { scale: 'percent', label: t('monitor.charts.percent'), side: 'right', min: 0, softMax: 100 },
    ];
    return { series, axes };
  }, [t]);

  return (
    <section className="panel charts-panel" aria-labelledby="charts-title">
      <h3 id="charts-title">{t('monitor.charts.heading')}</h3>
      <TimelineChart title={t('monitor.charts.bitrate')} series={bitrate.series} axes={bitrate.axes} timeline={timeline} subscribe={subscribe} syncKey={CHART_SYNC_KEY} />
      <TimelineChart title={t('monitor.charts.frames')} series={frames.series} axes={frames.axes} timeline={timeline} subscribe={subscribe} syncKey={CHART_SYNC_KEY} />
      <p className="muted chart-note">{t('monitor.charts.gaps')}</p>
    </section>
  );
}
