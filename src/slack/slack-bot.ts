import bolt from '@slack/bolt';
import type { App as BoltApp, Logger, webApi } from '@slack/bolt';
import type { Server } from 'node:http';
import type { SlackConfig } from '../config.js';
import { UserError } from '../core/errors.js';
import type { Clock } from '../core/ports.js';
import type { NetopsService } from '../core/service.js';
import type { Actor } from '../core/types.js';
import { fullOutput, streamJob } from '../core/job-stream.js';
import { toJobView } from '../render/job-view.js';
import { CANCEL_ACTION, renderError, renderReply } from './block-kit.js';
import type { ErrorView, ReplyView } from '../render/views.js';
import { SlackSurface } from './slack-surface.js';
import { onButton } from './slack-actions.js';
import { wireChanges } from './slack-changes.js';

const { App, HTTPReceiver, SocketModeReceiver, LogLevel } = bolt;

export interface SlackBotOptions {
  slack: SlackConfig;
  service: NetopsService;
  clock: Clock;
  /** Least time between two edits of one job message. */
  minUpdateIntervalMs?: number;
  logger?: Logger;
  /** Known bot identity: skips the start-up auth.test (tests). */
  botIdentity?: { botId: string; botUserId: string };
  /** Web API retries; 429s are always waited out for Retry-After first. */
  retries?: number;
  /** When an answer is not ready by then, ack with "working on it" and answer ephemerally after (Slack allows 3 s). */
  ackDeadlineMs?: number;
}

export interface SlackBot {
  app: BoltApp;
  /** HTTP mode: the port Bolt listens on. */
  port?: number;
  /** Resolves when every job started from Slack has posted its summary. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The Slack adapter: /net slash command, Cancel button, job messages. It translates Slack
 * payloads into service calls and views into Block Kit; core never sees Bolt.
 */
export async function startSlackBot(o: SlackBotOptions): Promise<SlackBot> {
  const { slack } = o;
  // Explicit retries: Socket Mode would otherwise put 100 into the options it shares with Bolt.
  const clientOptions = {
    ...(slack.apiUrl ? { slackApiUrl: slack.apiUrl } : {}),
    retryConfig: { retries: o.retries ?? 10, factor: 1.5, minTimeout: 200, maxTimeout: 10_000 },
  };
  const logLevel = LogLevel.WARN;
  const receiver =
    slack.mode === 'socket'
      ? new SocketModeReceiver({ appToken: slack.appToken, logLevel, logger: o.logger, installerOptions: { clientOptions } })
      : new HTTPReceiver({ signingSecret: slack.signingSecret, endpoints: '/slack/events', logLevel, logger: o.logger });
  const app = new App({ token: slack.botToken, receiver, clientOptions, logLevel, logger: o.logger, ...(o.botIdentity ?? {}) });
  const running = new Set<Promise<unknown>>();
  const track = (p: Promise<unknown>) => {
    running.add(p);
    // Errors are logged where they happen; this chain only keeps the set current (and never rejects unhandled).
    void p.finally(() => running.delete(p)).catch(() => undefined);
  };

  const changes = wireChanges({
    app,
    service: o.service,
    clock: o.clock,
    minUpdateIntervalMs: o.minUpdateIntervalMs ?? 1000,
    track,
    logger: o.logger ?? app.logger,
  });

  app.command('/net', ({ command, ack, client, logger }) => {
    // Tracked from the first moment, so idle() never misses a job whose ack is already out.
    const work = handleCommand(command, ack, client, logger);
    track(work);
    return work;
  });

  const handleCommand = async (
    command: bolt.SlashCommand,
    ack: bolt.AckFn<string | bolt.RespondArguments>,
    client: webApi.WebClient,
    logger: Logger,
  ) => {
    const actor: Actor = { id: command.user_id, name: command.user_name, via: 'slack', team: command.team_id, channel: command.channel_id };
    // The answer rides in the ack when it is ready in time; after Slack's deadline it comes as an ephemeral message.
    let acked = false;
    const ackOnce = async (body?: bolt.RespondArguments) => {
      if (acked) return;
      acked = true;
      await ack(body);
    };
    const surface = new SlackSurface(client, command.channel_id);
    const tell = (view: ReplyView | ErrorView) => {
      if (acked) return surface.tellUser(command.user_id, view);
      const r = 'title' in view ? renderReply(view) : renderError(view);
      return ackOnce({ response_type: 'ephemeral', text: r.text, blocks: r.blocks });
    };
    // Parsing and selection are in memory; a reply that reads the audit trail (verify) may take longer.
    const slow = setTimeout(
      () => void ackOnce({ response_type: 'ephemeral', text: 'Working on it…' }).catch(() => undefined),
      o.ackDeadlineMs ?? 2500,
    );
    let prepared: Awaited<ReturnType<typeof o.service.prepare>>;
    try {
      prepared = await o.service.prepare(`/net ${command.text}`, actor);
    } catch (err) {
      const view = err instanceof UserError ? { message: err.message, hint: err.hint } : { message: 'internal error; see the bot log' };
      if (!(err instanceof UserError)) logger.error(err);
      await tell(view);
      return;
    } finally {
      clearTimeout(slow);
    }
    if (prepared.kind === 'reply') {
      const { attachment } = prepared.view;
      await tell(
        attachment
          ? {
              ...prepared.view,
              blocks: [
                ...prepared.view.blocks,
                { type: 'text', text: `The full result (${attachment.name}) is in your direct messages with the bot.` },
              ],
            }
          : prepared.view,
      );
      // A file cannot be ephemeral: what is for this user alone goes to their DM with the bot.
      if (attachment) {
        await surface
          .sendFileToUser(command.user_id, attachment.name, attachment.content, `/net ${command.text}`)
          .catch((err: unknown) => logger.error(err));
      }
      return;
    }
    await ackOnce();
    if (prepared.kind === 'change') {
      await changes.propose(prepared, command.channel_id);
      return;
    }
    const handle = await o.service.createJob(prepared);
    await streamJob(handle, surface, {
      clock: o.clock,
      minUpdateIntervalMs: o.minUpdateIntervalMs ?? 1000,
      messageRef: (ref) => ({ channel: ref.channel, ts: ref.ts, team: command.team_id }),
    }).catch(async (err: unknown) => {
      logger.error(err);
      const notPosted = handle.job.state === 'queued';
      if (notPosted) {
        // The job message could not be posted (bot not in the channel?): run nothing unseen.
        handle.cancel();
        await handle.start().catch(() => undefined);
      }
      await surface
        .tellUser(
          command.user_id,
          notPosted
            ? {
                message: `could not post ${handle.job.id} in this channel: ${(err as Error).message}`,
                hint: 'invite the bot to the channel (/invite @netops) and try again',
              }
            : {
                message: `${handle.job.id} ended with an error: ${(err as Error).message}`,
                hint: `its device results are in the audit trail: /net audit job=${handle.job.id}`,
              },
        )
        .catch(() => undefined);
    });
  };

  onButton(app, CANCEL_ACTION, (jobId, actor) => o.service.cancelAnywhere(jobId, actor));
  // Scale-out: a job finished here for a front that stopped: the message it posted becomes the summary.
  o.service.adopted.onFinished((job, show) => {
    const ref = show.message;
    if (!ref) return;
    const view = toJobView(job, show.columns, o.clock.now(), show.attachOutput);
    track(
      new SlackSurface(app.client as webApi.WebClient, ref.channel)
        .updateJob(ref, view, () => fullOutput(job))
        .catch((err: unknown) => app.logger.error(err)),
    );
  });

  const started = slack.mode === 'http' ? await app.start(slack.port) : await app.start();
  const server = slack.mode === 'http' ? (started as unknown as Server) : undefined;
  const addr = server?.address();
  return {
    app,
    port: typeof addr === 'object' && addr ? addr.port : undefined,
    idle: async () => {
      while (running.size) await Promise.all([...running]);
    },
    stop: async () => {
      await app.stop();
    },
  };
}
