/**
 * What the fake Slack workspace holds: posted messages (with their edits and thread replies),
 * ephemeral messages per user, and files uploaded through the external-upload flow.
 * Accessors hand out copies so a test cannot change the fake's state by accident.
 */

export interface StoredMessage {
  channel: string;
  ts: string;
  /** Set on thread replies: the ts of the parent message. */
  thread_ts?: string;
  user: string;
  text: string;
  blocks?: unknown[];
  attachments?: unknown[];
  /** How many chat.update calls changed this message. */
  updates: number;
  /** File ids shared into this message by files.completeUploadExternal. */
  files: string[];
}

export interface StoredEphemeral {
  channel: string;
  user: string;
  message_ts: string;
  thread_ts?: string;
  text: string;
  blocks?: unknown[];
}

export interface StoredFile {
  id: string;
  filename: string;
  /** The length announced to files.getUploadURLExternal. */
  length: number;
  /** Bytes that actually reached the upload URL; undefined until the upload happens. */
  bytes?: number;
  content?: Buffer;
  completed: boolean;
  title?: string;
  channel_id?: string;
  thread_ts?: string;
  initial_comment?: string;
  /** The message that announced the file, once completed into a channel. */
  message_ts?: string;
}

export interface MessageContent {
  text?: string;
  blocks?: unknown[];
  attachments?: unknown[];
}

/** ts values look like Slack's: seconds, a dot, six digits; unique and increasing. */
export class TsClock {
  private micros = 1_700_000_000_000_000n;

  next(): string {
    this.micros += 100n;
    const s = this.micros.toString();
    return `${s.slice(0, -6)}.${s.slice(-6)}`;
  }
}

const key = (channel: string, ts: string) => `${channel}/${ts}`;

export class SlackStore {
  private readonly byKey = new Map<string, StoredMessage>();
  private readonly ephemeralList: StoredEphemeral[] = [];
  private readonly fileMap = new Map<string, StoredFile>();
  private readonly clock = new TsClock();
  private fileCounter = 0;

  post(channel: string, user: string, content: MessageContent, threadTs?: string): StoredMessage {
    const message: StoredMessage = {
      channel,
      ts: this.clock.next(),
      ...(threadTs ? { thread_ts: threadTs } : {}),
      user,
      text: content.text ?? '',
      ...(content.blocks ? { blocks: content.blocks } : {}),
      ...(content.attachments ? { attachments: content.attachments } : {}),
      updates: 0,
      files: [],
    };
    this.byKey.set(key(channel, message.ts), message);
    return message;
  }

  /** Applies the fields that were sent, as chat.update does; undefined when no such message. */
  update(channel: string, ts: string, content: MessageContent): StoredMessage | undefined {
    const message = this.byKey.get(key(channel, ts));
    if (!message) return undefined;
    if (content.text !== undefined) message.text = content.text;
    if (content.blocks !== undefined) message.blocks = content.blocks;
    if (content.attachments !== undefined) message.attachments = content.attachments;
    message.updates += 1;
    return message;
  }

  find(channel: string, ts: string): StoredMessage | undefined {
    return this.byKey.get(key(channel, ts));
  }

  postEphemeral(entry: Omit<StoredEphemeral, 'message_ts'>): StoredEphemeral {
    const stored = { ...entry, message_ts: this.clock.next() };
    this.ephemeralList.push(stored);
    return stored;
  }

  reserveFile(filename: string, length: number): StoredFile {
    this.fileCounter += 1;
    const file: StoredFile = { id: `F0FAKE${String(this.fileCounter).padStart(4, '0')}`, filename, length, completed: false };
    this.fileMap.set(file.id, file);
    return file;
  }

  file(id: string): StoredFile | undefined {
    return this.fileMap.get(id);
  }

  // Readable copies for tests.
  messages(): StoredMessage[] {
    return [...this.byKey.values()].map(copyMessage);
  }

  message(channel: string, ts: string): StoredMessage | undefined {
    const found = this.find(channel, ts);
    return found ? copyMessage(found) : undefined;
  }

  replies(channel: string, threadTs: string): StoredMessage[] {
    return this.messages().filter((m) => m.channel === channel && m.thread_ts === threadTs);
  }

  ephemerals(): StoredEphemeral[] {
    return this.ephemeralList.map((e) => ({ ...e }));
  }

  files(): StoredFile[] {
    return [...this.fileMap.values()].map((f) => ({ ...f, ...(f.content ? { content: Buffer.from(f.content) } : {}) }));
  }
}

function copyMessage(m: StoredMessage): StoredMessage {
  return structuredClone(m);
}
