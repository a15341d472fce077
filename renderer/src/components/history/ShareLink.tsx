import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import type { CopyOutcome } from './CopyField';
import { CopyField, copyText } from './CopyField';
import { errorText } from './error-text';
import { formatDateTime } from './format';
import { useHistory } from './use-history';

/** The expiries offered; V4-signed URLs cannot outlive 7 days. */
const EXPIRIES = [
  { key: 'hour', seconds: 3600 },
  { key: 'day', seconds: 86_400 },
  { key: 'week', seconds: 7 * 86_400 },
] as const;

/** Signs a share link for the saved playlist (`x-oss-process=hls/sign`, so its segments are signed too) and copies it. */
export function ShareLink(): React.JSX.Element {
  const { t, i18n } = useTranslation();
  const share = useHistory((state) => state.shareLink);
  const createShareLink = useHistory((state) => state.createShareLink);
  const [expiresIn, setExpiresIn] = useState<number>(EXPIRIES[0].seconds);
  const [copied, setCopied] = useState<CopyOutcome>('idle');

  const signAndCopy = async (): Promise<void> => {
    setCopied('idle');
    const link = await createShareLink(expiresIn);
    if (link) setCopied((await copyText(link.url)) ? 'copied' : 'manual');
  };

  return (
    <div className="history-share">
      <div className="row">
        <label className="field">
          <span>{t('history.share.expiry')}</span>
          <select value={expiresIn} onChange={(event) => setExpiresIn(Number(event.target.value))}>
            {EXPIRIES.map((expiry) => (
              <option key={expiry.key} value={expiry.seconds}>
                {t(`history.share.expiries.${expiry.key}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" disabled={share.status === 'busy'} onClick={() => void signAndCopy()}>
          {share.status === 'busy' ? t('history.share.busy') : t('history.share.button')}
        </button>
      </div>
      {share.status === 'error' && (
        <p className="notice error" role="alert">
          {errorText(t, share.error)}
        </p>
      )}
      {share.status === 'done' && share.result && copied !== 'idle' && (
        <>
          <CopyField key={share.result.url} label={t('history.share.urlLabel')} value={share.result.url} outcome={copied} />
          <p className="muted">{t('history.share.expires', { time: formatDateTime(i18n.language, share.result.expiresAt) })}</p>
        </>
      )}
    </div>
  );
}
