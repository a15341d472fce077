import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { writeClipboard } from '../common/clipboard';
import type { CopyOutcome } from '../common/CopyField';
import { CopyField } from '../common/CopyField';
import { DAY, HOUR } from '../common/expiry';
import { ExpiryPicker } from '../common/ExpiryPicker';
import { formatDateTime } from '../common/format-date-time';
import { errorText } from './error-text';
import { useHistory } from './use-history';

/** V4-signed URLs cannot outlive 7 days. */
const MAX_EXPIRY_SECONDS = 7 * DAY;

/** Signs a share link for the saved playlist (`x-oss-process=hls/sign`, so its segments are signed too) and copies it. */
export function ShareLink(): React.JSX.Element {
  const { t, i18n } = useTranslation();
  const share = useHistory((state) => state.shareLink);
  const createShareLink = useHistory((state) => state.createShareLink);
  const [expiresIn, setExpiresIn] = useState(HOUR);
  const [copied, setCopied] = useState<CopyOutcome>();

  const signAndCopy = async (): Promise<void> => {
    setCopied(undefined);
    const link = await createShareLink(expiresIn);
    if (link) setCopied((await writeClipboard(link.url)) ? 'copied' : 'manual');
  };

  return (
    <div className="history-share">
      <div className="row history-share-actions">
        <ExpiryPicker label={t('history.share.expiry')} value={expiresIn} onChange={setExpiresIn} maxSeconds={MAX_EXPIRY_SECONDS} />
        <button type="button" disabled={share.status === 'busy'} onClick={() => void signAndCopy()}>
          {share.status === 'busy' ? t('history.share.busy') : t('history.share.button')}
        </button>
      </div>
      {share.status === 'error' && (
        <p className="notice error" role="alert">
          {errorText(t, share.error)}
        </p>
      )}
      {share.status === 'done' && share.result && copied && (
        <>
          <CopyField key={share.result.url} label={t('history.share.urlLabel')} value={share.result.url} initialOutcome={copied} />
          <p className="muted">{t('history.share.expires', { time: formatDateTime(i18n.language, share.result.expiresAt) })}</p>
        </>
      )}
    </div>
  );
}
