import { useTranslation } from 'react-i18next';

import type { MonitorState, OssPoint } from '../../../../shared/monitor';
import { useLocalize } from '../../i18n/localize';
import type { OssDetails, Reading } from '../../stores/monitor-store';
import { formatNumber, formatTime } from './format';
import { Stat } from './Stat';

export interface OssStatPanelProps {
  state: MonitorState['oss'];
  reading: Reading<OssPoint> | undefined;
  details: OssDetails | undefined;
}

const BADGE: Record<MonitorState['oss'], string> = { Live: 'live', Idle: 'idle', Disabled: 'disabled', unknown: 'unknown' };

/** GetLiveChannelStat as the streamer reads it: status, who publishes since when, and the media OSS receives. */
export function OssStatPanel({ state, reading, details }: OssStatPanelProps): React.JSX.Element {
  const { t, i18n } = useTranslation();
  const show = useLocalize();
  const language = i18n.language;
  const none = t('common.none');
  const oss = reading?.point;
  const live = oss?.reachable === true && oss.status === 'Live' ? oss : undefined;
  const kbps = (value: number | undefined): string => (value === undefined ? none : t('monitor.oss.kbps', { value: formatNumber(value, language) }));

  return (
    <section className="panel oss-panel" aria-labelledby="oss-panel-title">
      <div className="row">
        <h3 id="oss-panel-title">{t('monitor.oss.heading')}</h3>
        <span className={`badge ${BADGE[state]}`}>{t(`monitor.states.oss.${state}`)}</span>
        {reading && <span className="muted grow reading-time">{t('monitor.lastReading', { time: formatTime(reading.at, language) })}</span>}
      </div>
      {oss && !oss.reachable && <p className="notice warning">{t('monitor.oss.unknown', { error: show(oss.errorText, oss.error) })}</p>}
      <dl className="stats">
        <Stat label={t('monitor.oss.status')}>{t(`monitor.states.oss.${state}`)}</Stat>
        <Stat label={t('monitor.oss.connectedSince')}>{live && details ? formatTime(details.connectedTime, language) : none}</Stat>
        <Stat label={t('monitor.oss.connectedFrom')}>
          <span className="mono">{live && details ? details.remoteAddr : none}</span>
        </Stat>
      </dl>
      {live && live.videoCodec === undefined && live.audioCodec === undefined && <p className="muted">{t('monitor.oss.noMedia')}</p>}
      <h4>{t('monitor.oss.video')}</h4>
      <dl className="stats">
        <Stat label={t('monitor.oss.codec')}>{live?.videoCodec ?? none}</Stat>
        <Stat label={t('monitor.oss.size')}>{live?.width !== undefined && live.height !== undefined ? `${live.width}×${live.height}` : none}</Stat>
        <Stat label={t('monitor.oss.frameRate')}>
          {live?.frameRate !== undefined ? t('monitor.oss.fps', { value: formatNumber(live.frameRate, language, 2) }) : none}
        </Stat>
        <Stat label={t('monitor.oss.bandwidth')}>{kbps(live?.videoKbps)}</Stat>
      </dl>
      <h4>{t('monitor.oss.audio')}</h4>
      <dl className="stats">
        <Stat label={t('monitor.oss.codec')}>{live?.audioCodec ?? none}</Stat>
        <Stat label={t('monitor.oss.sampleRate')}>
          {live && details?.audioSampleRate !== undefined ? t('monitor.oss.hz', { value: formatNumber(details.audioSampleRate, language) }) : none}
        </Stat>
        <Stat label={t('monitor.oss.bandwidth')}>{kbps(live?.audioKbps)}</Stat>
      </dl>
    </section>
  );
}
