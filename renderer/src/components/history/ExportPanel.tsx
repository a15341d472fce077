import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import type { ExportJob } from '../../stores/history-store';
import { CopyField } from '../common/CopyField';
import { checkRange } from './clip-range';
import { errorText } from './error-text';
import { formatBytes } from './format';
import { useHistory } from './use-history';

const FORMATS = ['mp4', 'ts'] as const;

/** The last path segment of a `downloads/<id>/<name>` URL: the file name the browser saves. */
const downloadName = (url: string): string => decodeURIComponent(url.split('/').pop() ?? '');

function ExportStatus({ job }: { job: ExportJob }): React.JSX.Element {
  const { t, i18n } = useTranslation();
  const cancelExport = useHistory((state) => state.cancelExport);
  const size = formatBytes(i18n.language, job.bytes);
  const active = job.state === 'starting' || job.state === 'running';

  return (
    <div className="history-export-status">
      {active && (
        <div className="row">
          {/* No value until the total is known: an indeterminate bar. */}
          <progress className="grow" aria-label={t('history.export.progressLabel')} max={job.total || undefined} value={job.total ? job.done : undefined} />
          <button type="button" className="danger" disabled={job.exportId === undefined} onClick={() => void cancelExport()}>
            {t('history.export.cancel')}
          </button>
        </div>
      )}
      <div aria-live="polite">
        {active && <p className="mono">{job.total ? t('history.export.progress', { done: job.done, total: job.total, size }) : t('history.export.starting')}</p>}
        {job.state === 'done' && <p className="notice ok">{t('history.export.done', { size })}</p>}
        {job.state === 'cancelled' && <p className="notice warning">{t('history.export.cancelled')}</p>}
        {job.state === 'failed' && (
          <p className="notice error" role="alert">
            {typeof job.error === 'string' ? t('history.export.failed', { message: job.error }) : errorText(t, job.error)}
          </p>
        )}
      </div>
      {job.state === 'done' && job.file && <CopyField label={t('history.export.savedTo')} value={job.file} buttonLabel={t('history.export.copyPath')} />}
      {job.state === 'done' && !job.file && job.downloadUrl && (
        <a className="button primary" href={new URL(job.downloadUrl, document.baseURI).href} download={downloadName(job.downloadUrl)}>
          {t('history.export.download', { name: downloadName(job.downloadUrl) })}
        </a>
      )}
    </div>
  );
}

/** Export the range to a local .mp4 (remuxed in the main process) or .ts, with progress and cancel. */
export function ExportPanel(): React.JSX.Element {
  const { t } = useTranslation();
  const rangeInput = useHistory((state) => state.rangeInput);
  const job = useHistory((state) => state.exportJob);
  const startExport = useHistory((state) => state.startExport);
  const [format, setFormat] = useState<(typeof FORMATS)[number]>('mp4');
  const busy = job?.state === 'starting' || job?.state === 'running';

  return (
    <section className="panel" aria-labelledby="history-export-heading">
      <h3 id="history-export-heading">{t('history.export.heading')}</h3>
      <fieldset className="history-formats">
        <legend>{t('history.export.format')}</legend>
        {FORMATS.map((option) => (
          <label key={option} className="row">
            <input type="radio" name="history-export-format" value={option} checked={format === option} onChange={() => setFormat(option)} />
            <span>{t(`history.export.formats.${option}`)}</span>
          </label>
        ))}
      </fieldset>
      <div className="row">
        <button type="button" className="primary" disabled={!checkRange(rangeInput).ok || busy} onClick={() => void startExport(format)}>
          {t('history.export.button')}
        </button>
      </div>
      {job && <ExportStatus job={job} />}
    </section>
  );
}
