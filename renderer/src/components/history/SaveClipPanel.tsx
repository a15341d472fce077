import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { validatePlaylistName } from '../../../../shared/validation';
import { ApiError } from '../../api/api-error';
import { passes } from '../common/passes';
import { checkRange, defaultPlaylistName } from './clip-range';
import { errorText } from './error-text';
import { ShareLink } from './ShareLink';
import { useHistory } from './use-history';

/** PostVodPlaylist: writes `<channel>/<name>.m3u8` listing the range's segments; then a signed link to share it. */
export function SaveClipPanel(): React.JSX.Element {
  const { t } = useTranslation();
  const errorId = useId();
  const rangeInput = useHistory((state) => state.rangeInput);
  const saved = useHistory((state) => state.savedClip);
  const saveClip = useHistory((state) => state.saveClip);
  // Until the user types a name of their own, the name follows the range start.
  const [typed, setTyped] = useState<string>();
  const check = checkRange(rangeInput);
  const name = typed ?? (check.ok ? defaultPlaylistName(check.range.startTime) : '');
  const nameOk = passes(() => validatePlaylistName(name));
  const serverNameError = saved.error instanceof ApiError && saved.error.data.field === 'playlistName';
  const showNameError = (name !== '' && !nameOk) || serverNameError;

  return (
    <section className="panel" aria-labelledby="history-save-heading">
      <h3 id="history-save-heading">{t('history.save.heading')}</h3>
      <form
        className="row"
        onSubmit={(event) => {
          event.preventDefault();
          if (nameOk) void saveClip(name);
        }}
      >
        <label className="field grow">
          <span>{t('history.save.name')}</span>
          <input
            className="mono"
            value={name}
            spellCheck={false}
            aria-invalid={showNameError}
            aria-describedby={showNameError ? errorId : undefined}
            onChange={(event) => setTyped(event.target.value)}
          />
        </label>
        <button type="submit" disabled={!check.ok || !nameOk || saved.status === 'busy'}>
          {saved.status === 'busy' ? t('history.save.busy') : t('history.save.button')}
        </button>
      </form>
      {showNameError && (
        <p id={errorId} className="field-error" role="alert">
          {t('history.save.errors.name')}
        </p>
      )}
      <div aria-live="polite">
        {saved.status === 'error' && !serverNameError && (
          <p className="notice error" role="alert">
            {errorText(t, saved.error)}
          </p>
        )}
        {saved.status === 'done' && saved.result && (
          <p className="notice ok">
            {t('history.save.saved')} <code>{saved.result.key}</code>
          </p>
        )}
      </div>
      {saved.status === 'done' && <ShareLink />}
    </section>
  );
}
