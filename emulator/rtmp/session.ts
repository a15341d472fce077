/**
 * The RTMP protocol state machine for one connection, with no socket: bytes go in through receive(), bytes come out
 * through the send() callback. It runs handshake -> connect -> (releaseStream, FCPublish) -> createStream -> publish,
 * asks onPublish whether the publish may start, then hands media to the accepted PublishMedia until the publisher
 * unpublishes or the connection ends. Nothing a peer sends can make it throw: protocol errors end this session only.
 */
import { Amf0EcmaArray, decodeAmf0, type Amf0Value } from './amf0';
import { ChunkReader } from './chunk-reader';
import { ChunkWriter } from './chunk-writer';
import { commandMessage, connectResultMessage, statusInfo } from './commands';
import { ServerHandshake } from './handshake';
import {
  acknowledgementMessage,
  MessageType,
  readU32,
  readUserControl,
  setChunkSizeMessage,
  setPeerBandwidthMessage,
  UserControlEvent,
  userControlMessage,
  windowAckSizeMessage,
  type RtmpMessage,
} from './messages';
import { RtmpProtocolError } from './protocol-error';
import { parsePublishRequest, type ConnectParameters } from './publish-request';
import type { PublishDecision, PublishEndReason, PublishMedia, PublishRequest } from './types';

export interface RtmpSessionOptions {
  /** `ip:port` of the peer, reported in the PublishRequest. */
  remoteAddress: string;
  /** Largest message accepted; also caps partly received messages and input held while a decision is pending. */
  maxMessageSize: number;
  onPublish(request: PublishRequest): Promise<PublishDecision>;
  /** Bytes for the peer, in order. */
  send(bytes: Buffer): void;
  /** The session is over: flush what was sent, then close the connection. Called once. */
  close(): void;
  /** Stop (true) or resume (false) reading while a publish decision is pending. */
  pauseInput(paused: boolean): void;
  log(event: string, details: Record<string, unknown>): void;
}

/** Where the session is in the protocol. */
export type SessionPhase = 'handshake' | 'connect' | 'connected' | 'deciding' | 'publishing' | 'unpublished' | 'closed';

/** What the server announces after `connect`. */
const SERVER_CHUNK_SIZE = 4096;
const SERVER_WINDOW_ACK_SIZE = 5_000_000;
/** Until the peer sends Window Acknowledgement Size, acknowledge every 2.5 MB (what ffmpeg and librtmp default to). */
const DEFAULT_PEER_WINDOW = 2_500_000;
/** Real clients create one stream; a few allow retries without letting a peer grow this set. */
const MAX_CREATED_STREAMS = 8;
const MAX_CHUNK_STREAMS = 64;
const BAD_NAME = 'NetStream.Publish.BadName';

/** Commands that need no answer from an ingest server; they are accepted silently. */
const IGNORED_COMMANDS = new Set([
  '_result',
  '_error',
  '_checkbw',
  'onBWDone',
  'getStreamLength',
  'receiveAudio',
  'receiveVideo',
  'pause',
  'seek',
  'FCSubscribe',
]);

export class RtmpSession {
  private phase: SessionPhase = 'handshake';
  private readonly handshake = new ServerHandshake();
  private readonly reader: ChunkReader;
  private readonly writer = new ChunkWriter();
  private connectParameters: ConnectParameters | undefined;
  private readonly createdStreams = new Set<number>();
  private nextStreamId = 1;
  private publishStreamId = 0;
  private publishRequest: PublishRequest | undefined;
  private media: PublishMedia | undefined;
  private mediaEnded: Promise<void> | undefined;
  private decision: Promise<void> = Promise.resolve();
  /** Why the session closed; a publish accepted after that ends at once with this reason. */
  private closeReason: PublishEndReason = 'disconnected';
  private bytesReceived = 0;
  private bytesAcknowledged = 0;
  private peerWindow = DEFAULT_PEER_WINDOW;
  private readonly ignoredTypes = new Set<number>();

  constructor(private readonly options: RtmpSessionOptions) {
    this.reader = new ChunkReader({ maxMessageSize: options.maxMessageSize, maxChunkStreams: MAX_CHUNK_STREAMS });
  }

  get state(): SessionPhase {
    return this.phase;
  }

  /** The accepted publish, while it is live (for kick predicates). */
  get livePublish(): PublishRequest | undefined {
    return this.phase === 'publishing' ? this.publishRequest : undefined;
  }

  /** Still setting up (handshake, connect, createStream): the phase the setup timeout applies to. */
  get settingUp(): boolean {
    return this.phase === 'handshake' || this.phase === 'connect' || this.phase === 'connected';
  }

  /** Resolves once a pending publish decision and the media's end() (if any) have settled. Never rejects. */
  async finished(): Promise<void> {
    await this.decision;
    await this.mediaEnded;
  }

  /** Feeds bytes from the peer. Never throws; a protocol error logs, ends the publish and closes the session. */
  receive(bytes: Uint8Array): void {
    if (this.phase === 'closed') return;
    try {
      this.bytesReceived += bytes.length;
      let rest: Uint8Array | undefined = bytes;
      if (this.phase === 'handshake') {
        const step = this.handshake.receive(bytes);
        if (step.reply !== undefined) this.options.send(step.reply);
        rest = step.rest;
        if (rest === undefined) return;
        this.phase = 'connect';
      }
      this.reader.push(rest);
      this.acknowledge();
      this.drain();
    } catch (error) {
      this.fail(error);
    }
  }

  /**
   * Ends the session from outside: the socket closed ('disconnected'), a kick, or a server stop. When a publish is
   * live and `status` is given, the publisher first gets an error onStatus carrying it, so it can show why.
   */
  terminate(reason: PublishEndReason, status?: { code: string; description: string }): void {
    if (this.phase === 'closed') return;
    if (status !== undefined && this.phase === 'publishing') {
      this.status(this.publishStreamId, 'onStatus', 'error', status.code, status.description);
    }
    this.endPublish(reason);
    this.closeReason = reason;
    this.phase = 'closed';
    this.options.close();
  }

  private fail(error: unknown): void {
    this.log('rtmp.protocol-error', { phase: this.phase, error: describe(error) });
    this.terminate('protocol-error');
  }

  private send(message: RtmpMessage): void {
    this.options.send(this.writer.encode(message));
  }

  /** Sends a status command (`onStatus`, `onFCPublish`, ...) with an info object. */
  private status(streamId: number, command: string, level: 'status' | 'error', code: string, description: string): void {
    this.send(commandMessage(streamId, command, 0, null, statusInfo(level, code, description)));
  }

  /** Logs with the peer's address; never with a query or tcUrl, which may carry a signature. */
  private log(event: string, details: Record<string, unknown>): void {
    this.options.log(event, { remoteAddress: this.options.remoteAddress, ...details });
  }

  /** Sends an Acknowledgement each time another window's worth of bytes has arrived, so senders never stall. */
  private acknowledge(): void {
    if (this.bytesReceived - this.bytesAcknowledged < this.peerWindow) return;
    this.bytesAcknowledged = this.bytesReceived;
    this.send(acknowledgementMessage(this.bytesReceived));
  }

  /** Handles complete messages until input runs out, a decision is pending, or the session closed. */
  private drain(): void {
    while (this.phase !== 'closed' && this.phase !== 'deciding') {
      const message = this.reader.next();
      if (message === undefined) break;
      this.handle(message);
    }
    // While a decision is pending the socket is paused, but bytes already in flight still arrive: bound them.
    if (this.reader.unreadBytes > this.options.maxMessageSize) {
      throw new RtmpProtocolError('input while a publish is being decided', `at most ${this.options.maxMessageSize} bytes`);
    }
  }

  private handle(message: RtmpMessage): void {
    switch (message.typeId) {
      case MessageType.Audio:
      case MessageType.Video:
        this.handleMedia(message);
        break;
      case MessageType.CommandAmf0:
        this.handleCommand(message, message.payload);
        break;
      case MessageType.CommandAmf3:
        // An AMF3 command message starts with a format byte (0) and is AMF0 after it.
        this.handleCommand(message, message.payload.subarray(1));
        break;
      case MessageType.DataAmf0:
        this.handleData(message, message.payload);
        break;
      case MessageType.DataAmf3:
        this.handleData(message, message.payload.subarray(1));
        break;
      case MessageType.UserControl:
        this.handleUserControl(message);
        break;
      case MessageType.WindowAckSize: {
        const size = readU32(message, 'Window Acknowledgement Size');
        if (size > 0) this.peerWindow = size;
        break;
      }
      case MessageType.Acknowledgement:
      case MessageType.SetPeerBandwidth:
        break; // the server sends too little for the peer's window to matter
      default:
        if (!this.ignoredTypes.has(message.typeId)) {
          this.ignoredTypes.add(message.typeId);
          this.log('rtmp.ignored-message', { typeId: message.typeId });
        }
    }
  }

  private handleUserControl(message: RtmpMessage): void {
    const { event, argument } = readUserControl(message);
    if (event === UserControlEvent.PingRequest) this.send(userControlMessage(UserControlEvent.PingResponse, argument));
  }

  private handleMedia(message: RtmpMessage): void {
    const media = this.media;
    if (this.phase !== 'publishing' || media === undefined || message.messageStreamId !== this.publishStreamId) return;
    if (message.payload.length === 0) return; // an empty FLV tag body carries nothing
    try {
      if (message.typeId === MessageType.Video) media.onVideo(message.timestamp, message.payload);
      else media.onAudio(message.timestamp, message.payload);
    } catch (error) {
      // The sink refused what the publisher sent (e.g. undecodable video): that publisher's stream is broken.
      throw new RtmpProtocolError('media', `data the sink accepts (${describe(error)})`);
    }
  }

  private handleData(message: RtmpMessage, body: Buffer): void {
    if (this.phase !== 'publishing' || message.messageStreamId !== this.publishStreamId) return;
    let values: Amf0Value[];
    try {
      values = decodeAmf0(body, { stopAtAmf3Switch: true });
    } catch (error) {
      // Metadata is informative only: a malformed data message is dropped, the stream goes on.
      this.log('rtmp.bad-data-message', { error: describe(error) });
      return;
    }
    if (values[0] === '@setDataFrame') values.shift();
    if (values[0] !== 'onMetaData') return;
    const metadata = toPlainRecord(values[1]);
    if (metadata === undefined) return;
    try {
      this.media?.onMetadata?.(metadata);
    } catch (error) {
      throw new RtmpProtocolError('metadata', `data the sink accepts (${describe(error)})`);
    }
  }

  private handleCommand(message: RtmpMessage, body: Buffer): void {
    const [name, transaction, commandObject, ...args] = decodeAmf0(body);
    if (typeof name !== 'string') throw new RtmpProtocolError('command name', 'an AMF0 string');
    const transactionId = typeof transaction === 'number' ? transaction : 0;

    if (name === 'connect') return this.connect(transactionId, commandObject);
    if (this.phase === 'connect') throw new RtmpProtocolError(`command "${name}"`, 'connect first');
    switch (name) {
      case 'releaseStream':
        return this.send(commandMessage(0, '_result', transactionId, null, undefined));
      case 'FCPublish':
        this.status(0, 'onFCPublish', 'status', 'NetStream.Publish.Start', String(args[0] ?? ''));
        return this.send(commandMessage(0, '_result', transactionId, null, undefined));
      case 'createStream':
        return this.createStream(transactionId);
      case 'publish':
        return this.publish(message.messageStreamId, args[0]);
      case 'FCUnpublish':
        this.status(0, 'onFCUnpublish', 'status', 'NetStream.Unpublish.Success', String(args[0] ?? ''));
        this.send(commandMessage(0, '_result', transactionId, null, undefined));
        return this.unpublish(this.publishStreamId);
      case 'deleteStream':
        return this.unpublish(typeof args[0] === 'number' ? args[0] : -1);
      case 'closeStream':
        return this.unpublish(message.messageStreamId);
      case 'play':
      case 'play2':
        this.status(message.messageStreamId, 'onStatus', 'error', 'NetStream.Play.Failed', 'this server only accepts publishing');
        return this.terminate('protocol-error');
      default:
        if (!IGNORED_COMMANDS.has(name)) {
          this.log('rtmp.ignored-command', { command: name.slice(0, 64) });
        }
    }
  }

  private connect(transactionId: number, commandObject: Amf0Value): void {
    if (this.phase !== 'connect') throw new RtmpProtocolError('connect', 'only once per connection');
    const properties = commandObject instanceof Amf0EcmaArray ? commandObject.properties : commandObject;
    if (!isAmf0Object(properties)) throw new RtmpProtocolError('connect command object', 'an AMF0 object');
    const app = properties['app'];
    const tcUrl = properties['tcUrl'];
    if (typeof app !== 'string') throw new RtmpProtocolError('connect.app', 'a string');
    this.connectParameters = { app, tcUrl: typeof tcUrl === 'string' ? tcUrl : '' };
    this.phase = 'connected';
    this.log('rtmp.connect', { app: app.split('?')[0] });

    this.send(windowAckSizeMessage(SERVER_WINDOW_ACK_SIZE));
    this.send(setPeerBandwidthMessage(SERVER_WINDOW_ACK_SIZE, 2));
    this.send(setChunkSizeMessage(SERVER_CHUNK_SIZE));
    this.writer.setChunkSize(SERVER_CHUNK_SIZE);
    this.send(connectResultMessage(transactionId));
  }

  private createStream(transactionId: number): void {
    if (this.createdStreams.size >= MAX_CREATED_STREAMS) {
      throw new RtmpProtocolError('createStream', `at most ${MAX_CREATED_STREAMS} streams per connection`);
    }
    const streamId = this.nextStreamId++;
    this.createdStreams.add(streamId);
    this.send(commandMessage(0, '_result', transactionId, null, streamId));
  }

  private publish(streamId: number, name: Amf0Value): void {
    if (this.phase !== 'connected') {
      // A second publish, or one after unpublishing: one publish per connection, as encoders reconnect anyway.
      return this.refuse(streamId, BAD_NAME, 'only one publish per connection');
    }
    if (!this.createdStreams.has(streamId)) {
      throw new RtmpProtocolError('publish message stream id', `a stream made by createStream (got ${streamId})`);
    }
    if (typeof name !== 'string') return this.refuse(streamId, BAD_NAME, 'publish name must be a string');
    let request: PublishRequest;
    try {
      request = parsePublishRequest(this.connectParameters ?? { app: '', tcUrl: '' }, name, this.options.remoteAddress);
    } catch (error) {
      return this.refuse(streamId, BAD_NAME, describe(error));
    }
    this.phase = 'deciding';
    this.publishStreamId = streamId;
    this.publishRequest = request;
    this.log('rtmp.publish', { app: request.app, streamName: request.streamName });
    this.options.pauseInput(true);
    this.decision = this.decide(request);
  }

  /** Awaits the glue's verdict, then starts or refuses the publish. Never rejects. */
  private async decide(request: PublishRequest): Promise<void> {
    let decision: PublishDecision;
    try {
      decision = await this.options.onPublish(request);
    } catch (error) {
      this.log('rtmp.on-publish-failed', { error: describe(error) });
      decision = { accept: false, code: 'NetStream.Publish.Failed', reason: 'internal error while checking the publish' };
    }
    if (this.phase === 'closed') {
      // The connection went away while the glue decided: a publish it accepted ends at once.
      if (decision.accept) {
        this.media = decision.media;
        this.endPublish(this.closeReason);
      }
      return;
    }
    if (!decision.accept) {
      this.options.pauseInput(false);
      return this.refuse(this.publishStreamId, decision.code ?? BAD_NAME, decision.reason);
    }
    this.media = decision.media;
    this.phase = 'publishing';
    this.log('rtmp.publish-start', { streamName: request.streamName });
    this.send(userControlMessage(UserControlEvent.StreamBegin, this.publishStreamId));
    this.status(this.publishStreamId, 'onStatus', 'status', 'NetStream.Publish.Start', `${request.streamName} is now published.`);
    this.options.pauseInput(false);
    try {
      this.drain(); // input that arrived while deciding
    } catch (error) {
      this.fail(error);
    }
  }

  /** Tells the publisher why with an error onStatus (ffmpeg prints its description), then closes. */
  private refuse(streamId: number, code: string, description: string): void {
    this.log('rtmp.publish-refused', { code, description });
    this.status(streamId, 'onStatus', 'error', code, description);
    this.terminate('protocol-error');
  }

  private unpublish(streamId: number): void {
    if (this.phase === 'publishing' && streamId === this.publishStreamId) {
      this.endPublish('unpublished');
      this.phase = 'unpublished';
    }
    this.createdStreams.delete(streamId);
  }

  /** Calls media.end(reason) exactly once per accepted publish; its errors are logged, never thrown. */
  private endPublish(reason: PublishEndReason): void {
    const media = this.media;
    if (media === undefined || this.mediaEnded !== undefined) return;
    this.log('rtmp.publish-end', { streamName: this.publishRequest?.streamName, reason });
    const log = (error: unknown): void => this.log('rtmp.end-failed', { reason, error: describe(error) });
    try {
      this.mediaEnded = Promise.resolve(media.end(reason)).catch(log);
    } catch (error) {
      log(error);
      this.mediaEnded = Promise.resolve();
    }
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function isAmf0Object(value: Amf0Value): value is Record<string, Amf0Value> {
  if (typeof value !== 'object' || value === null) return false;
  return !Array.isArray(value) && !(value instanceof Date) && !(value instanceof Amf0EcmaArray);
}

/** Turns decoded metadata (ECMA array or object, possibly nested) into plain records for the sink. */
function toPlainRecord(value: Amf0Value): Record<string, unknown> | undefined {
  const properties = value instanceof Amf0EcmaArray ? value.properties : value;
  if (!isAmf0Object(properties)) return undefined;
  return Object.fromEntries(Object.entries(properties).map(([key, item]) => [key, toPlain(item)]));
}

function toPlain(value: Amf0Value): unknown {
  if (Array.isArray(value)) return value.map(toPlain);
  return toPlainRecord(value) ?? value;
}
