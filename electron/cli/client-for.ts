import { OssLiveClient } from '../oss';
import type { OptionValues } from './command';
import { connectionFromFlags } from './connection';

/** The OSS client a command should use, from flags and environment. */
export async function clientFor(values: OptionValues, env: NodeJS.ProcessEnv): Promise<OssLiveClient> {
  return new OssLiveClient(connectionFromFlags(values, env));
}
