import bolt from '@slack/bolt';
import type { SlackConfig } from '../config.js';
import { startStep } from '../ops/start-failure.js';

const { LogLevel } = bolt;

/** auth.test once, no retries, a 10 s deadline: the bot's identity, or a StartFailure naming the cause and the fix. */
export async function checkBotToken(slack: SlackConfig): Promise<{ botId: string; botUserId: string }> {
  const client = new bolt.webApi.WebClient(slack.botToken, {
    ...(slack.apiUrl ? { slackApiUrl: slack.apiUrl } : {}),
    retryConfig: { retries: 0 },
    timeout: 10_000,
    // Its own failure is the StartFailure below: the client's retry warning would only repeat it.
    logLevel: LogLevel.ERROR,
  });
  const answer = await startStep({ kind: 'slack', apiUrl: slack.apiUrl, tokenSetting: 'SLACK_BOT_TOKEN' }, () => client.auth.test());
  return { botId: String(answer.bot_id ?? ''), botUserId: String(answer.user_id ?? '') };
}
