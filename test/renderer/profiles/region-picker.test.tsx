// @vitest-environment jsdom
/**
 * The OSS region picker: a region and an endpoint type derive the endpoint (public, internal, transfer
 * acceleration keeping the chosen region for V4), and "Custom endpoint" takes any host plus a region id.
 */
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';

import { regionChoice } from '../../../renderer/src/components/common/region-choice';
import { RegionPicker } from '../../../renderer/src/components/common/RegionPicker';
import { initI18n, setLanguage } from '../../../renderer/src/i18n';
import { OSS_REGIONS } from '../../../shared/regions';

/** The picker in a parent that keeps its value, as the profile form does; the value is printed for the test. */
function Harness({ endpoint, region }: { endpoint: string; region: string }): React.JSX.Element {
  const [value, setValue] = useState({ endpoint, region });
  return (
    <>
      <RegionPicker endpoint={value.endpoint} region={value.region} onChange={setValue} />
      <output data-testid="value">{JSON.stringify(value)}</output>
    </>
  );
}

const value = (): { endpoint: string; region: string } => JSON.parse(screen.getByTestId('value').textContent ?? '{}') as { endpoint: string; region: string };

describe('RegionPicker', () => {
  beforeAll(() => initI18n('en'));
  afterEach(async () => {
    cleanup();
    await setLanguage('en');
  });

  it('reads stored endpoints back: regional, internal, accelerated (region kept) and custom', () => {
    expect(regionChoice('oss-cn-shanghai.aliyuncs.com', 'cn-shanghai')).toEqual({ custom: false, regionId: 'cn-shanghai', kind: 'public' });
    expect(regionChoice('https://oss-eu-central-1-internal.aliyuncs.com', 'eu-central-1')).toEqual({ custom: false, regionId: 'eu-central-1', kind: 'internal' });
    expect(regionChoice('oss-accelerate.aliyuncs.com', 'ap-southeast-1')).toEqual({ custom: false, regionId: 'ap-southeast-1', kind: 'accelerate' });
    expect(regionChoice('oss-accelerate.aliyuncs.com', 'my-private-region')).toEqual({ custom: true });
    expect(regionChoice('http://127.0.0.1:9000', 'local')).toEqual({ custom: true });
    expect(regionChoice('oss-xx-nowhere-1.aliyuncs.com', 'xx-nowhere-1')).toEqual({ custom: true });
  });

  it('derives the endpoint from the region and endpoint type', async () => {
    const user = userEvent.setup();
    render(<Harness endpoint="oss-cn-hangzhou.aliyuncs.com" region="cn-hangzhou" />);
    const regions = screen.getByLabelText<HTMLSelectElement>('Region');
    // Every public region is offered, grouped, plus the custom escape hatch.
    expect(regions.querySelectorAll('optgroup option')).toHaveLength(OSS_REGIONS.length);
    expect(screen.getByRole('option', { name: 'Custom endpoint…' })).toBeTruthy();

    await user.selectOptions(regions, 'cn-shanghai');
    expect(value()).toEqual({ endpoint: 'oss-cn-shanghai.aliyuncs.com', region: 'cn-shanghai' });
    expect(screen.getByLabelText<HTMLInputElement>('Endpoint').value).toBe('oss-cn-shanghai.aliyuncs.com');

    await user.selectOptions(screen.getByLabelText('Endpoint type'), 'internal');
    expect(value()).toEqual({ endpoint: 'oss-cn-shanghai-internal.aliyuncs.com', region: 'cn-shanghai' });
    expect(screen.getByText(/Reachable only from Alibaba Cloud/)).toBeTruthy();

    await user.selectOptions(regions, 'ap-southeast-1');
    expect(value()).toEqual({ endpoint: 'oss-ap-southeast-1-internal.aliyuncs.com', region: 'ap-southeast-1' });

    await user.selectOptions(screen.getByLabelText('Endpoint type'), 'accelerate-overseas');
    expect(value()).toEqual({ endpoint: 'oss-accelerate-overseas.aliyuncs.com', region: 'ap-southeast-1' });
    // The accelerated endpoint names no region: the picker still shows (and V4 still signs with) the chosen one.
    expect(regions.value).toBe('ap-southeast-1');
    expect(screen.getByText(/must have transfer acceleration enabled/)).toBeTruthy();
  });

  it('takes a custom endpoint and region id, and goes back to a derived one', async () => {
    const user = userEvent.setup();
    render(<Harness endpoint="oss-cn-beijing.aliyuncs.com" region="cn-beijing" />);
    await user.selectOptions(screen.getByLabelText('Region'), 'custom');
    const endpoint = screen.getByLabelText<HTMLInputElement>('Custom endpoint');
    await user.clear(endpoint);
    await user.type(endpoint, 'oss.example.com');
    const regionId = screen.getByLabelText<HTMLInputElement>('Region id (for V4 signatures)');
    await user.clear(regionId);
    await user.type(regionId, 'cn-private-1');
    expect(value()).toEqual({ endpoint: 'oss.example.com', region: 'cn-private-1' });

    // Typing something that looks regional does not snap out of custom mode.
    await user.clear(endpoint);
    await user.type(endpoint, 'oss-cn-qingdao.aliyuncs.com');
    expect(screen.getByLabelText<HTMLSelectElement>('Region').value).toBe('custom');

    await user.selectOptions(screen.getByLabelText('Region'), 'cn-shenzhen');
    expect(value()).toEqual({ endpoint: 'oss-cn-shenzhen.aliyuncs.com', region: 'cn-shenzhen' });
    expect(screen.queryByLabelText('Custom endpoint')).toBeNull();
  });

  it('opens a stored custom endpoint in custom mode, and names regions in Chinese', async () => {
    await setLanguage('zh-CN');
    render(<Harness endpoint="http://127.0.0.1:9000" region="local" />);
    expect(screen.getByLabelText<HTMLSelectElement>('地域').value).toBe('custom');
    expect(screen.getByLabelText<HTMLInputElement>('自定义 Endpoint').value).toBe('http://127.0.0.1:9000');
    expect(screen.getByRole('option', { name: '华北2（北京） · cn-beijing' })).toBeTruthy();
    expect(screen.getByRole('group', { name: '亚太' })).toBeTruthy();
  });
});
