import { useTranslation } from 'react-i18next';

import type { Step } from '../../../../shared/golive';
import { createGoLiveStore, isFinished } from '../../stores/golive-store';
import { useAppStore } from '../../stores/use-store';
import { RunFailureNotice } from './RunFailureNotice';
import { StepChecklist } from './StepChecklist';

/** The go-live checklist (and the stop checklist once a stop ran), with progress and, on failure, why and what to do. */
export function RunPanel(): React.JSX.Element {
  const { t } = useTranslation();
  const steps = useAppStore(createGoLiveStore, (s) => s.steps);
  const stopSteps = useAppStore(createGoLiveStore, (s) => s.stopSteps);
  const failure = useAppStore(createGoLiveStore, (s) => s.failure);
  const phase = useAppStore(createGoLiveStore, (s) => s.phase);
  const stoppedChannel = useAppStore(createGoLiveStore, (s) => s.stoppedChannel);
  const channel = useAppStore(createGoLiveStore, (s) => s.channel);

  return (
    <section className="panel run-panel" aria-labelledby="run-panel-title">
      <div className="row">
        <h3 id="run-panel-title">{t('golive.checklist.heading')}</h3>
        {steps.length > 0 && channel !== undefined && <span className="muted">{t('golive.checklist.channel', { channel })}</span>}
      </div>
      {steps.length === 0 ? (
        <p className="muted">{t('golive.checklist.empty')}</p>
      ) : (
        <>
          <RunProgress steps={steps} active={phase === 'starting'} labelOf={(id) => t(`messages.steps.goLive.${id}`)} />
          <StepChecklist
            title={t('golive.checklist.heading')}
            steps={steps}
            labelOf={(id) => t(`messages.steps.goLive.${id}`)}
            {...(failure?.phase === 'golive' && failure.stepId ? { hideMessageOf: failure.stepId } : {})}
          />
        </>
      )}
      {failure?.phase === 'golive' && <RunFailureNotice failure={failure} />}
      {stopSteps.length > 0 && (
        <>
          <h3 className="stop-heading">{t('golive.checklist.stopHeading')}</h3>
          <RunProgress steps={stopSteps} active={phase === 'stopping'} labelOf={(id) => t(`messages.steps.stop.${id}`)} />
          <StepChecklist
            title={t('golive.checklist.stopHeading')}
            steps={stopSteps}
            labelOf={(id) => t(`messages.steps.stop.${id}`)}
            {...(failure?.phase === 'stop' && failure.stepId ? { hideMessageOf: failure.stepId } : {})}
          />
        </>
      )}
      {failure?.phase === 'stop' && <RunFailureNotice failure={failure} />}
      {stoppedChannel !== undefined && phase === 'idle' && !failure && (
        <p className="notice ok" role="status">
          {t('golive.stopped', { channel: stoppedChannel })}
        </p>
      )}
    </section>
  );
}

function RunProgress<Id extends string>({ steps, active, labelOf }: { steps: ReadonlyArray<Step<Id>>; active: boolean; labelOf: (id: Id) => string }): React.JSX.Element {
  const { t } = useTranslation();
  const finished = steps.filter(isFinished).length;
  const running = steps.find((step) => step.state === 'running');
  const label = t('golive.checklist.progress', { done: finished, total: steps.length });
  return (
    <div className="run-progress">
      <progress max={steps.length} value={finished} aria-label={label} />
      <p className="muted" aria-live="polite">
        {active && running ? t('golive.checklist.running', { step: labelOf(running.id) }) : label}
      </p>
    </div>
  );
}
