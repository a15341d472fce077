import { useTranslation } from 'react-i18next';

import type { Step } from '../../../../shared/golive';
import { useLocalize } from '../../i18n/localize';
import { formatDecimal, formatNumber } from '../monitor/format';

export interface StepChecklistProps<Id extends string> {
  /** The list's accessible name. */
  title: string;
  steps: ReadonlyArray<Step<Id>>;
  /** The localized label of a step (the main process's labels are English). */
  labelOf: (id: Id) => string;
  /** A failed step whose message is shown elsewhere (in the failure notice), so it is not repeated here. */
  hideMessageOf?: Id;
}

/**
 * A run's steps as a checklist that fills in live: a state icon with its text alternative, the localized label,
 * what happened (the main process's message, in the user's language) and how long it took.
 */
export function StepChecklist<Id extends string>({ title, steps, labelOf, hideMessageOf }: StepChecklistProps<Id>): React.JSX.Element {
  const { t, i18n } = useTranslation();
  const show = useLocalize();
  // Local steps take milliseconds; waiting for OBS or OSS takes seconds.
  const formatStepDuration = (ms: number): string =>
    ms < 1000
      ? t('golive.milliseconds', { value: formatNumber(ms, i18n.language) })
      : t('golive.seconds', { value: formatDecimal(ms / 1000, i18n.language) });
  return (
    <ol className="checklist step-checklist" aria-label={title}>
      {steps.map((step) => (
        <li key={step.id} className={`state-${step.state}`} data-step={step.id} aria-current={step.state === 'running' ? 'step' : undefined}>
          <span className={`step-icon icon-${step.state}`} role="img" aria-label={t(`golive.states.${step.state}`)} />
          <div className="step-text">
            <span className="step-label">{labelOf(step.id)}</span>
            {step.message && step.id !== hideMessageOf && <span className="step-message">{show(step.text, step.message)}</span>}
          </div>
          <span className="step-duration mono">
            {step.durationMs !== undefined && step.state !== 'running' ? formatStepDuration(step.durationMs) : ''}
          </span>
        </li>
      ))}
    </ol>
  );
}
