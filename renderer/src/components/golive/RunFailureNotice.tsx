import { useTranslation } from 'react-i18next';

import { useLocalize } from '../../i18n/localize';
import type { RunFailure } from '../../stores/golive-store';

/** Why a go-live or stop run ended badly: which step (localized), its message, which says what to do, and what was put back. */
export function RunFailureNotice({ failure }: { failure: RunFailure }): React.JSX.Element {
  const { t } = useTranslation();
  const show = useLocalize();
  let heading: string;
  if (failure.phase === 'golive') {
    if (failure.cancelled) heading = t('golive.failure.cancelled');
    else if (failure.stepId) heading = t('golive.failure.failedAt', { step: t(`messages.steps.goLive.${failure.stepId}`) });
    else heading = t('golive.failure.failed');
  } else {
    heading = failure.stepId ? t('golive.failure.stopFailedAt', { step: t(`messages.steps.stop.${failure.stepId}`) }) : t('golive.failure.stopFailed');
  }
  return (
    <div className="notice error run-failure" role="alert">
      <strong>{heading}</strong>
      <p>{show(failure.text, failure.message)}</p>
      {failure.rollback && <p className="run-rollback">{show(failure.rollback, '')}</p>}
    </div>
  );
}
