import { useTranslation } from 'react-i18next';

import type { RunFailure } from '../../stores/golive-store';

/** Why a go-live or stop run ended badly: which step (localized) and its message, which says what to do. */
export function RunFailureNotice({ failure }: { failure: RunFailure }): React.JSX.Element {
  const { t } = useTranslation();
  let heading: string;
  if (failure.phase === 'golive') {
    if (failure.cancelled) heading = t('golive.failure.cancelled');
    else if (failure.stepId) heading = t('golive.failure.failedAt', { step: t(`golive.steps.${failure.stepId}`) });
    else heading = t('golive.failure.failed');
  } else {
    heading = failure.stepId ? t('golive.failure.stopFailedAt', { step: t(`golive.stopSteps.${failure.stepId}`) }) : t('golive.failure.stopFailed');
  }
  return (
    <div className="notice error run-failure" role="alert">
      <strong>{heading}</strong>
      <p>{failure.message}</p>
    </div>
  );
}
