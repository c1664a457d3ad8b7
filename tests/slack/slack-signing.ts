import { createHmac } from 'node:crypto';

/**
 * Signed requests as Slack sends them to an HTTP endpoint
 * (https://docs.slack.dev/authentication/verifying-requests-from-slack): the signature is
 * 'v0=' + hex HMAC-SHA256, keyed with the signing secret, of 'v0:' + timestamp + ':' + raw body.
 * Slash commands and interactions arrive form-encoded; an interaction is one `payload` field of JSON.
 */

export interface SignedHeaders {
  'x-slack-signature': string;
  'x-slack-request-timestamp': string;
  'content-type': 'application/x-www-form-urlencoded';
}

export function signSlackRequest(secret: string, body: string, timestampSec: number): SignedHeaders {
  const ts = String(Math.floor(timestampSec));
  const digest = createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex');
  return { 'x-slack-signature': `v0=${digest}`, 'x-slack-request-timestamp': ts, 'content-type': 'application/x-www-form-urlencoded' };
}

/** The fields of a slash command POST, with the example values of Slack's slash command guide. */
export interface SlashCommandFields {
  token: string;
  team_id: string;
  team_domain: string;
  channel_id: string;
  channel_name: string;
  user_id: string;
  user_name: string;
  command: string;
  text: string;
  response_url: string;
  trigger_id: string;
  api_app_id: string;
}

export const SLASH_COMMAND_DEFAULTS: SlashCommandFields = {
  token: 'gIkuvaNzQIHg97ATvDxqgjtO',
  team_id: 'T0FAKE001',
  team_domain: 'fake-netops',
  channel_id: 'C0NETOPS1',
  channel_name: 'netops',
  user_id: 'U0ALICE01',
  user_name: 'alice',
  command: '/net',
  text: 'help',
  response_url: 'https://hooks.slack.com/commands/T0FAKE001/1234567890/abcdefFAKE',
  trigger_id: '13345224609.738474920.8088930838d88f008e0',
  api_app_id: 'A0FAKEAPP',
};

/** A form-encoded slash command body; `fields` override the defaults. */
export function slashCommandBody(fields: Partial<SlashCommandFields> = {}): string {
  return new URLSearchParams({ ...SLASH_COMMAND_DEFAULTS, ...fields }).toString();
}

/** The slash command as a Socket Mode `slash_commands` envelope payload carries it. */
export function slashCommandPayload(fields: Partial<SlashCommandFields> = {}): SlashCommandFields {
  return { ...SLASH_COMMAND_DEFAULTS, ...fields };
}

/** A form-encoded interaction body: `payload=<json>`. */
export function interactionBody(payload: Record<string, unknown>): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** A block_actions payload for a button press, shaped like Slack's interaction payload reference. */
export function buttonPressPayload(o: {
  actionId: string;
  value?: string;
  userId?: string;
  userName?: string;
  channelId?: string;
  messageTs?: string;
  blockId?: string;
}): Record<string, unknown> {
  const d = SLASH_COMMAND_DEFAULTS;
  const userId = o.userId ?? d.user_id;
  const channelId = o.channelId ?? d.channel_id;
  const messageTs = o.messageTs ?? '1700000000.000100';
  return {
    type: 'block_actions',
    team: { id: d.team_id, domain: d.team_domain },
    user: { id: userId, username: o.userName ?? d.user_name, name: o.userName ?? d.user_name, team_id: d.team_id },
    api_app_id: d.api_app_id,
    token: d.token,
    container: { type: 'message', message_ts: messageTs, channel_id: channelId, is_ephemeral: false },
    trigger_id: d.trigger_id,
    channel: { id: channelId, name: d.channel_name },
    message: { type: 'message', ts: messageTs, text: '' },
    response_url: `https://hooks.slack.com/actions/${d.team_id}/1234567890/abcdefFAKE`,
    actions: [
      {
        type: 'button',
        action_id: o.actionId,
        block_id: o.blockId ?? 'fake-block',
        text: { type: 'plain_text', text: o.actionId, emoji: true },
        value: o.value ?? '',
        action_ts: '1700000001.000000',
      },
    ],
  };
}
