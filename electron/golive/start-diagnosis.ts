/**
 * When OBS cannot start the stream, or OSS never reports Live, OBS says nothing about why (its StreamStateChanged
 * carries no reason). OSS knows the usual causes, so ask it: is the channel disabled or gone, is another encoder
 * already live on it, has the signed URL expired?
 */
import { OssError } from '../oss';
import type { GoLiveOss } from './types';

export interface DiagnosisInput {
  channel: string;
  expiresAt: Date;
  now: Date;
  /** The RTMP server OBS was pointed at, for the "check the network" hint. */
  server: string;
  /** True when OBS itself reports the stream running (so another encoder cannot be the one OSS sees). */
  obsStreaming: boolean;
}

/** What OSS says could explain a failed start, as sentences; a "nothing wrong" hint when it sees nothing. */
export async function diagnoseStart(oss: GoLiveOss, input: DiagnosisInput): Promise<string[]> {
  const facts: string[] = [];
  if (input.expiresAt.getTime() <= input.now.getTime()) {
    facts.push(`the signed URL expired at ${input.expiresAt.toISOString()}`);
  }
  try {
    const info = await oss.getLiveChannelInfo(input.channel);
    if (info.status === 'disabled') facts.push(`channel "${input.channel}" is disabled (it was disabled after go-live enabled it)`);
    const stat = await oss.getLiveChannelStat(input.channel);
    if (stat.status === 'Live' && !input.obsStreaming) {
      facts.push(`channel "${input.channel}" is already live from ${stat.remoteAddr} since ${stat.connectedTime.toISOString()}: another encoder is publishing to it`);
    }
  } catch (error) {
    if (error instanceof OssError && error.status === 404) facts.push(`channel "${input.channel}" no longer exists`);
    else facts.push(`OSS could not be asked (${error instanceof Error ? error.message : String(error)})`);
  }
  if (facts.length > 0) return facts;
  return [
    `OSS shows nothing wrong with channel "${input.channel}": check that this machine reaches ${input.server} ` +
      '(network, firewall or proxy on the RTMP port 1935) and read OBS’s log (Help → Log Files)',
  ];
}
