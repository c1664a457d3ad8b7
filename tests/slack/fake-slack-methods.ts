import type { Args } from './fake-slack-http.js';
import { checkMessageLimits } from './fake-slack-limits.js';
import type { SlackStore, StoredMessage } from './fake-slack-store.js';
import { viewsPublish } from './fake-slack-views.js';

/**
 * The Web API methods the fake answers, with the answer shapes of Slack's method reference
 * (https://docs.slack.dev/reference/methods/<method>). Only the fields a bot reads are filled in.
 */

export interface Identity {
  teamId: string;
  teamDomain: string;
  botUserId: string;
  botId: string;
  appId: string;
}

export interface MethodContext {
  readonly store: SlackStore;
  readonly identity: Identity;
  /** http://127.0.0.1:<port> */
  readonly baseUrl: string;
  readonly channelNames: ReadonlyMap<string, string>;
  readonly userNames: ReadonlyMap<string, string>;
  readonly userGroups: ReadonlyMap<string, readonly string[]>;
  readonly minUpdateIntervalMs: number;
  /** When each message (channel/ts) was last changed by chat.update. */
  readonly lastUpdateAt: Map<string, number>;
  now(): number;
  violate(message: string): void;
  /** Issues a one-time Socket Mode URL. */
  openSocketUrl(): string;
}

export type Answer = { ok: boolean } & Record<string, unknown>;
export type TokenKind = 'bot' | 'app';

interface MethodSpec {
  token: TokenKind;
  handle(args: Args, ctx: MethodContext): Answer;
}

const fail = (error: string, extra: Record<string, unknown> = {}): Answer => ({ ok: false, error, ...extra });
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const CHANNEL_ID = /^[CGD][A-Z0-9]{2,}$/;
const USER_ID = /^[UW][A-Z0-9]{2,}$/;

function messageView(m: StoredMessage, id: Identity): Record<string, unknown> {
  const { channel: _channel, updates: _updates, files: _files, ...rest } = m;
  return { type: 'message', bot_id: id.botId, app_id: id.appId, team: id.teamId, ...rest };
}

/** Limit failures answer like Slack (errors + response_metadata) and are recorded as violations. */
function limitFailure(method: string, args: Args, ctx: MethodContext): Answer | undefined {
  const failure = checkMessageLimits(args);
  if (!failure) return undefined;
  for (const problem of failure.problems) ctx.violate(`${method}: ${failure.error}: ${problem}`);
  return fail(failure.error, { errors: failure.problems, response_metadata: { messages: failure.problems.map((p) => `[ERROR] ${p}`) } });
}

const content = (args: Args) => ({
  ...(typeof args.text === 'string' ? { text: args.text } : {}),
  ...(Array.isArray(args.blocks) ? { blocks: args.blocks } : {}),
  ...(Array.isArray(args.attachments) ? { attachments: args.attachments } : {}),
});

const hasContent = (args: Args) => Boolean(str(args.text) || Array.isArray(args.blocks) || Array.isArray(args.attachments));

/** The parent a reply goes under; Slack asks for the parent's ts, never a reply's. */
function threadParent(method: string, channel: string, threadTs: unknown, ctx: MethodContext): string | Answer | undefined {
  if (threadTs === undefined) return undefined;
  const parent = typeof threadTs === 'string' ? ctx.store.find(channel, threadTs) : undefined;
  if (!parent) return fail('invalid_thread_ts');
  if (parent.thread_ts) ctx.violate(`${method}: thread_ts ${String(threadTs)} is a reply, not a parent`);
  return parent.thread_ts ?? parent.ts;
}

function postMessage(args: Args, ctx: MethodContext): Answer {
  const channel = str(args.channel);
  if (!channel || !CHANNEL_ID.test(channel)) return fail('channel_not_found');
  if (!hasContent(args)) return fail('no_text');
  const refused = limitFailure('chat.postMessage', args, ctx);
  if (refused) return refused;
  const parent = threadParent('chat.postMessage', channel, args.thread_ts, ctx);
  if (typeof parent === 'object') return parent;
  const m = ctx.store.post(channel, ctx.identity.botUserId, content(args), parent);
  return { ok: true, channel, ts: m.ts, message: messageView(m, ctx.identity) };
}

function update(args: Args, ctx: MethodContext): Answer {
  const channel = str(args.channel);
  const ts = str(args.ts);
  if (!channel) return fail('channel_not_found');
  if (!ts || !ctx.store.find(channel, ts)) return fail('message_not_found');
  const refused = limitFailure('chat.update', args, ctx);
  if (refused) return refused;
  const key = `${channel}/${ts}`;
  const previous = ctx.lastUpdateAt.get(key);
  const now = ctx.now();
  if (previous !== undefined && now - previous < ctx.minUpdateIntervalMs) {
    ctx.violate(`chat.update: ${key} updated again after ${now - previous} ms (minimum ${ctx.minUpdateIntervalMs} ms)`);
  }
  ctx.lastUpdateAt.set(key, now);
  const m = ctx.store.update(channel, ts, content(args));
  if (!m) return fail('message_not_found');
  return { ok: true, channel, ts, text: m.text, message: messageView(m, ctx.identity) };
}

function postEphemeral(args: Args, ctx: MethodContext): Answer {
  const channel = str(args.channel);
  const user = str(args.user);
  if (!channel || !CHANNEL_ID.test(channel)) return fail('channel_not_found');
  if (!user || !USER_ID.test(user)) return fail('user_not_found');
  if (!hasContent(args)) return fail('no_text');
  const refused = limitFailure('chat.postEphemeral', args, ctx);
  if (refused) return refused;
  const { text = '', blocks } = content(args);
  const threadTs = str(args.thread_ts);
  const e = ctx.store.postEphemeral({ channel, user, text, ...(blocks ? { blocks } : {}), ...(threadTs ? { thread_ts: threadTs } : {}) });
  return { ok: true, message_ts: e.message_ts };
}

function conversationsInfo(args: Args, ctx: MethodContext): Answer {
  const id = str(args.channel);
  if (!id || !CHANNEL_ID.test(id)) return fail('channel_not_found');
  const name = ctx.channelNames.get(id) ?? `channel-${id.toLowerCase()}`;
  return {
    ok: true,
    channel: { id, name, is_channel: id.startsWith('C'), is_private: id.startsWith('G'), is_im: id.startsWith('D'), is_member: true },
  };
}

/** conversations.open with one user: the bot's direct-message channel with them (D + the user id's tail). */
function conversationsOpen(args: Args): Answer {
  const users = str(args.users)?.split(',') ?? [];
  if (users.length !== 1 || !USER_ID.test(users[0]!)) return fail('users_list_not_supplied');
  return { ok: true, channel: { id: `D${users[0]!.slice(1)}`, is_im: true, user: users[0] } };
}

function usersInfo(args: Args, ctx: MethodContext): Answer {
  const id = str(args.user);
  if (!id || !USER_ID.test(id)) return fail('user_not_found');
  const name = ctx.userNames.get(id) ?? id.toLowerCase();
  return {
    ok: true,
    user: {
      id,
      team_id: ctx.identity.teamId,
      name,
      real_name: name,
      is_bot: false,
      tz: 'UTC',
      profile: { display_name: name, real_name: name },
    },
  };
}

function getUploadUrl(args: Args, ctx: MethodContext): Answer {
  const filename = str(args.filename);
  const length = args.length;
  if (!filename) return fail('invalid_arguments');
  // Slack: missing_argument "typically only occurs when the length provided is 0".
  if (typeof length !== 'number' || !Number.isInteger(length) || length <= 0) return fail('missing_argument');
  const file = ctx.store.reserveFile(filename, length);
  return { ok: true, upload_url: `${ctx.baseUrl}/upload/${file.id}`, file_id: file.id };
}

function completeUpload(args: Args, ctx: MethodContext): Answer {
  if (!Array.isArray(args.files) || args.files.length === 0) return fail('invalid_arguments');
  const entries = args.files as { id?: unknown; title?: unknown }[];
  const files = entries.map((f) => ({ file: ctx.store.file(String(f.id)), title: str(f.title) }));
  if (files.some((f) => !f.file)) return fail('file_not_found');
  // Slack documents no code for completing a file whose bytes never arrived; this one says so plainly.
  if (files.some((f) => f.file?.bytes === undefined)) return fail('file_not_uploaded');
  const channel = str(args.channel_id);
  let messageTs: string | undefined;
  if (channel) {
    const parent = threadParent('files.completeUploadExternal', channel, args.thread_ts, ctx);
    if (typeof parent === 'object') return parent;
    const text = str(args.initial_comment) ?? '';
    const m = ctx.store.post(channel, ctx.identity.botUserId, { text }, parent);
    m.files.push(...files.map((f) => f.file?.id ?? ''));
    messageTs = m.ts;
  }
  for (const { file, title } of files) {
    if (!file) continue;
    Object.assign(file, { completed: true, title: title ?? file.filename });
    if (channel) Object.assign(file, { channel_id: channel, message_ts: messageTs });
    if (str(args.thread_ts)) file.thread_ts = str(args.thread_ts);
    if (str(args.initial_comment)) file.initial_comment = str(args.initial_comment);
  }
  return { ok: true, files: files.map(({ file }) => ({ id: file?.id, title: file?.title, name: file?.filename, size: file?.bytes })) };
}

/** usergroups.users.list: `usergroup` is required; an unknown group is no_such_subteam; the answer is { ok, users: [ids] }. */
function userGroupUsers(args: Args, ctx: MethodContext): Answer {
  const group = str(args.usergroup);
  if (!group) return fail('invalid_arguments', { response_metadata: { messages: ['[ERROR] missing required field: usergroup'] } });
  const users = ctx.userGroups.get(group);
  return users ? { ok: true, users: [...users] } : fail('no_such_subteam');
}

export const METHODS: Record<string, MethodSpec> = {
  'auth.test': {
    token: 'bot',
    handle: (_args, { identity: id }) => ({
      ok: true,
      url: `https://${id.teamDomain}.slack.com/`,
      team: id.teamDomain,
      user: 'netops-bot',
      team_id: id.teamId,
      user_id: id.botUserId,
      bot_id: id.botId,
      is_enterprise_install: false,
    }),
  },
  'chat.postMessage': { token: 'bot', handle: postMessage },
  'chat.update': { token: 'bot', handle: update },
  'chat.postEphemeral': { token: 'bot', handle: postEphemeral },
  'conversations.info': { token: 'bot', handle: conversationsInfo },
  'users.info': { token: 'bot', handle: usersInfo },
  'conversations.open': { token: 'bot', handle: conversationsOpen },
  'files.getUploadURLExternal': { token: 'bot', handle: getUploadUrl },
  'files.completeUploadExternal': { token: 'bot', handle: completeUpload },
  'views.publish': { token: 'bot', handle: viewsPublish },
  'usergroups.users.list': { token: 'bot', handle: userGroupUsers },
  'apps.connections.open': { token: 'app', handle: (_args, ctx) => ({ ok: true, url: ctx.openSocketUrl() }) },
};

/** The POST of a file's bytes to its upload URL (raw bytes or a multipart part, as Slack accepts). */
export function receiveUpload(store: SlackStore, fileId: string, bytes: Buffer): { status: number; text: string } {
  const file = store.file(fileId);
  if (!file) return { status: 404, text: 'file not found' };
  file.content = bytes;
  file.bytes = bytes.length;
  return { status: 200, text: `OK - ${bytes.length}` };
}
