import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import type { EndpointKind, OssRegion } from '../../../../shared/regions';
import { OSS_REGIONS, regionEndpoint } from '../../../../shared/regions';
import { Field } from './Field';
import { regionChoice } from './region-choice';

export interface RegionPickerProps {
  endpoint: string;
  region: string;
  onChange(next: { endpoint: string; region: string }): void;
  /** Messages for fields that are wrong (shown under them, fields marked invalid). */
  errors?: { endpoint?: string | undefined; region?: string | undefined };
}

const CUSTOM = 'custom';
const KINDS: readonly EndpointKind[] = ['public', 'internal', 'accelerate', 'accelerate-overseas'];
const GROUPS: ReadonlyArray<OssRegion['group']> = ['china', 'asia-pacific', 'europe-americas', 'middle-east'];

/**
 * OSS region picker: a public region and an endpoint type (public, internal, transfer acceleration) derive the
 * endpoint; "Custom endpoint" takes any host or URL plus the region id V4 signatures need. Give it a `key` per
 * record edited: whether it shows a custom endpoint is decided when it mounts.
 */
export function RegionPicker({ endpoint, region, onChange, errors = {} }: RegionPickerProps): React.JSX.Element {
  const { t, i18n } = useTranslation();
  const choice = regionChoice(endpoint, region);
  // Custom stays custom while the user types, even when the text happens to look like a regional endpoint.
  const [custom, setCustom] = useState(choice.custom);
  const regionId = choice.custom ? region : choice.regionId;
  const kind: EndpointKind = choice.custom ? 'public' : choice.kind;
  const chinese = i18n.language.startsWith('zh');

  const pickRegion = (value: string): void => {
    if (value === CUSTOM) {
      setCustom(true);
      return;
    }
    setCustom(false);
    onChange({ region: value, endpoint: regionEndpoint(value, custom ? 'public' : kind) });
  };

  const kindHint = kind === 'internal' ? t('common.region.internalHint') : kind.startsWith('accelerate') ? t('common.region.accelerateHint') : undefined;

  return (
    <div className="region-picker">
      <Field label={t('common.region.region')}>
        {(control) => (
          <select {...control} value={custom ? CUSTOM : regionId} onChange={(event) => pickRegion(event.target.value)}>
            {GROUPS.map((group) => (
              <optgroup key={group} label={t(`common.region.groups.${group}`)}>
                {OSS_REGIONS.filter((candidate) => candidate.group === group).map((candidate) => (
                  <option key={candidate.id} value={candidate.id}>
                    {t('common.region.option', { name: chinese ? candidate.name.zh : candidate.name.en, id: candidate.id })}
                  </option>
                ))}
              </optgroup>
            ))}
            <option value={CUSTOM}>{t('common.region.custom')}</option>
          </select>
        )}
      </Field>
      {custom ? (
        <>
          <Field label={t('common.region.customEndpoint')} hint={t('common.region.customHint')} error={errors.endpoint}>
            {(control) => <input {...control} value={endpoint} spellCheck={false} onChange={(event) => onChange({ endpoint: event.target.value.trim(), region })} />}
          </Field>
          <Field label={t('common.region.regionId')} error={errors.region}>
            {(control) => <input {...control} value={region} spellCheck={false} onChange={(event) => onChange({ endpoint, region: event.target.value.trim() })} />}
          </Field>
        </>
      ) : (
        <>
          <Field label={t('common.region.kind')} hint={kindHint}>
            {(control) => (
              <select {...control} value={kind} onChange={(event) => onChange({ region: regionId, endpoint: regionEndpoint(regionId, event.target.value as EndpointKind) })}>
                {KINDS.map((candidate) => (
                  <option key={candidate} value={candidate}>
                    {t(`common.region.kinds.${candidate}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('common.region.endpoint')} error={errors.endpoint ?? errors.region}>
            {(control) => <input {...control} className="mono" readOnly value={endpoint} />}
          </Field>
        </>
      )}
    </div>
  );
}
