import { useTranslation } from 'react-i18next';

import { useLocalize } from '../../i18n/localize';
import type { CheckTarget } from '../../stores/profiles-store';
import { checkKey, createProfilesStore } from '../../stores/profiles-store';
import { useAppStore } from '../../stores/use-store';

const TARGETS: readonly CheckTarget[] = ['oss', 'obs'];

export interface ConnectionChecksProps {
  /** The saved profile the form edits; absent for a new one. Results are kept per profile. */
  name: string | undefined;
  /** Tests the form as it is (the editor checks its fields first). */
  onTest(target: CheckTarget): void;
}

/** "Test OSS" and "Test OBS" for the profile form, with each outcome (message and latency) announced politely. */
export function ConnectionChecks({ name, onTest }: ConnectionChecksProps): React.JSX.Element {
  const { t } = useTranslation();
  const show = useLocalize();
  const checks = useAppStore(createProfilesStore, (state) => state.checks);
  const targetName = (target: CheckTarget): string => t(target === 'oss' ? 'profiles.check.targetOss' : 'profiles.check.targetObs');

  return (
    <section className="connection-checks">
      <h3>{t('profiles.check.heading')}</h3>
      <div className="row">
        {TARGETS.map((target) => (
          <button key={target} type="button" disabled={checks[checkKey(target, name)]?.status === 'running'} onClick={() => onTest(target)}>
            {t(target === 'oss' ? 'profiles.check.oss' : 'profiles.check.obs')}
          </button>
        ))}
        <span className="muted">{t('profiles.check.asTyped')}</span>
      </div>
      <ul className="check-results" aria-live="polite">
        {TARGETS.map((target) => {
          const check = checks[checkKey(target, name)];
          if (!check) return null;
          if (check.status === 'running') {
            return (
              <li key={target} className="notice" data-check={target}>
                {t('profiles.check.running', { target: targetName(target) })}
              </li>
            );
          }
          const { ok, message, text, latencyMs } = check.result;
          return (
            <li key={target} className={ok ? 'notice ok' : 'notice error'} data-check={target}>
              {t('profiles.check.result', { target: targetName(target), status: t(ok ? 'profiles.check.ok' : 'profiles.check.failed'), message: show(text, message) })}
              {latencyMs !== undefined && <span className="muted latency">{t('profiles.check.latency', { ms: latencyMs })}</span>}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
