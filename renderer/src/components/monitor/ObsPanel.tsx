import { useTranslation } from 'react-i18next';

import type { MonitorState, ObsPoint } from '../../../../shared/monitor';
import { useLocalize } from '../../i18n/localize';
import type { Reading } from '../../stores/monitor-store';
import { formatNumber, formatTime } from './format';
import { Stat } from './Stat';

export interface ObsPanelProps {
  state: MonitorState['obs'];
  reading: Reading<ObsPoint> | undefined;
}

const BADGE: Record<MonitorState['obs'], string> = { live: 'live', reconnecting: 'unknown', offline: 'idle', unknown: 'unknown' };

/** OBS's side: what it sends, how smoothly, and at what CPU cost. */
export function ObsPanel({ state, reading }: ObsPanelProps): React.JSX.Element {
  const { t, i18n } = useTranslation();
  const show = useLocalize();
  const language = i18n.language;
  const none = t('common.none');
  const obs = reading?.point;
  const known = obs?.reachable ? obs : undefined;
  const droppedPercent = known && known.totalFrames > 0 ? (known.droppedFrames / known.totalFrames) * 100 : undefined;

  return (
    <section className="panel obs-panel" aria-labelledby="obs-panel-title">
      <div className="row">
        <h3 id="obs-panel-title">{t('monitor.obs.heading')}</h3>
        <span className={`badge ${BADGE[state]}`}>{t(`monitor.states.obs.${state}`)}</span>
        {reading && <span className="muted grow reading-time">{t('monitor.lastReading', { time: formatTime(reading.at, language) })}</span>}
      </div>
      {obs && !obs.reachable && <p className="notice warning">{t('monitor.obs.unknown', { error: show(obs.errorText, obs.error) })}</p>}
      <dl className="stats">
        <Stat label={t('monitor.obs.state')}>{t(`monitor.states.obs.${state}`)}</Stat>
        <Stat label={t('monitor.obs.bitrate')}>
          {known?.bitrateKbps != null ? t('monitor.oss.kbps', { value: formatNumber(known.bitrateKbps, language) }) : none}
        </Stat>
        <Stat label={t('monitor.obs.fps')}>{known ? formatNumber(known.fps, language, 1) : none}</Stat>
        <Stat label={t('monitor.obs.dropped')}>
          {known && droppedPercent !== undefined
            ? t('monitor.obs.droppedValue', {
                percent: formatNumber(droppedPercent, language, 1),
                dropped: formatNumber(known.droppedFrames, language),
                total: formatNumber(known.totalFrames, language),
              })
            : none}
        </Stat>
        <Stat label={t('monitor.obs.cpu')}>{known ? t('monitor.obs.percent', { value: formatNumber(known.cpuPercent, language, 1) }) : none}</Stat>
      </dl>
    </section>
  );
}
