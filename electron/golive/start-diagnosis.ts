/**
 * When OBS cannot start the stream, or OSS never reports Live, OBS says nothing about why (its StreamStateChanged
 * carries no reason). OSS knows the usual causes, so ask it: is the channel disabled or gone, is another encoder
 * already live on it, has the signed URL expired?
 */
import type { LocalizedText } from '../../shared/messages';
import { msg } from '../../shared/messages';
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

/** What OSS says could explain a failed start, as clauses; a "nothing wrong" hint when it sees nothing. */
export async function diagnoseStart(oss: GoLiveOss, input: DiagnosisInput): Promise<LocalizedText[]> {
  const { channel } = input;
  const facts: LocalizedText[] = [];
  if (input.expiresAt.getTime() <= input.now.getTime()) {
    facts.push(msg('goLive.factUrlExpired', { at: input.expiresAt.toISOString() }));
  }
  try {
    const info = await oss.getLiveChannelInfo(channel);
    if (info.status === 'disabled') facts.push(msg('goLive.factChannelDisabled', { channel }));
    const stat = await oss.getLiveChannelStat(channel);
    if (stat.status === 'Live' && !input.obsStreaming) {
      facts.push(msg('goLive.factOtherEncoder', { channel, remoteAddr: stat.remoteAddr, since: stat.connectedTime.toISOString() }));
    }
  } catch (error) {
    if (error instanceof OssError && error.status === 404) facts.push(msg('goLive.factChannelGone', { channel }));
    else facts.push(msg('goLive.factOssUnreachable', { error: error instanceof Error ? error.message : String(error) }));
  }
  if (facts.length > 0) return facts;
  return [msg('goLive.factNothingWrong', { channel, server: input.server })];
}
