/** The AMF0 command messages the server sends: `_result`, `onStatus`, `onFCPublish` and friends. */
import { amf0Object, encodeAmf0, type Amf0Object, type Amf0Value } from './amf0';
import { CommandChunkStream, MessageType, type RtmpMessage } from './messages';

/** Builds an AMF0 command message: name, transaction id, then the arguments (usually a command object first). */
export function commandMessage(
  messageStreamId: number,
  name: string,
  transactionId: number,
  ...args: Amf0Value[]
): RtmpMessage {
  return {
    chunkStreamId: CommandChunkStream,
    typeId: MessageType.CommandAmf0,
    timestamp: 0,
    messageStreamId,
    payload: encodeAmf0(name, transactionId, ...args),
  };
}

/**
 * A NetConnection / NetStream info object, as carried by `_result`, `onStatus` and `onFCPublish` (transaction 0,
 * null command object first: what ffmpeg and librtmp read).
 */
export function statusInfo(level: 'status' | 'error' | 'warning', code: string, description: string): Amf0Object {
  return amf0Object({ level, code, description });
}

/** The `_result` for `connect`: server properties plus NetConnection.Connect.Success. AMF0 only. */
export function connectResultMessage(transactionId: number): RtmpMessage {
  const properties = amf0Object({ fmsVer: 'FMS/3,0,1,123', capabilities: 31 });
  const info = statusInfo('status', 'NetConnection.Connect.Success', 'Connection succeeded.');
  info['objectEncoding'] = 0;
  return commandMessage(0, '_result', transactionId, properties, info);
}
