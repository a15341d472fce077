import { useId } from 'react';
import { useTranslation } from 'react-i18next';

import { checkRange } from './clip-range';
import { formatDuration } from './format';
import { useHistory } from './use-history';

/** Start and end of the clip as local date-times (to the second), checked as the user types. */
export function RangeEditor(): React.JSX.Element {
  const { t } = useTranslation();
  const errorId = useId();
  const rangeInput = useHistory((state) => state.rangeInput);
  const setRangeInput = useHistory((state) => state.setRangeInput);
  const previewStatus = useHistory((state) => state.clipPreview.status);
  const previewClip = useHistory((state) => state.previewClip);
  const check = checkRange(rangeInput);
  const untouched = rangeInput.start === '' && rangeInput.end === '';
  const problem = !check.ok && !untouched ? check : undefined;

  return (
    <form
      className="history-range"
      onSubmit={(event) => {
        event.preventDefault();
        void previewClip();
      }}
    >
      <h3>{t('history.range.heading')}</h3>
      <p className="muted">{t('history.range.hint')}</p>
      <div className="row">
        <label className="field">
          <span>{t('history.range.start')}</span>
          <input
            type="datetime-local"
            step={1}
            value={rangeInput.start}
            aria-invalid={problem?.field === 'startTime'}
            aria-describedby={problem?.field === 'startTime' ? errorId : undefined}
            onChange={(event) => setRangeInput('start', event.target.value)}
          />
        </label>
        <label className="field">
          <span>{t('history.range.end')}</span>
          <input
            type="datetime-local"
            step={1}
            value={rangeInput.end}
            aria-invalid={problem?.field === 'endTime'}
            aria-describedby={problem?.field === 'endTime' ? errorId : undefined}
            onChange={(event) => setRangeInput('end', event.target.value)}
          />
        </label>
      </div>
      {problem && (
        <p id={errorId} className="field-error" role="alert">
          {t(`history.range.errors.${problem.problem}`)}
        </p>
      )}
      {check.ok && <p className="muted">{t('history.range.length', { duration: formatDuration(t, check.range.endTime - check.range.startTime) })}</p>}
      <div className="row">
        <button type="submit" className="primary" disabled={!check.ok || previewStatus === 'busy'}>
          {t('history.preview.button')}
        </button>
      </div>
    </form>
  );
}
