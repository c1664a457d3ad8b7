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
import { wireAppHome } from './app-home.js';
import { warmFirstCommand } from './warm-up.js';
import { startStep } from '../ops/start-failure.js';
import { checkBotToken } from './slack-start.js';
import { afterEach, countSlackCalls, refuseWhile } from './slack-middleware.js';
import type { NetopsMetrics } from '../ops/metrics.js';
import type { WorkTracker } from '../ops/work-tracker.js';
import type { GroupFetcher } from '../core/policy/user-groups.js';
import { userGroupFetcher } from './user-group-fetcher.js';
import { PolicyDenied } from '../core/policy.js';
import { approvalStatus } from '../core/policy/approval-status.js';
import { type CommandRequest, type EphemeralAnswer, wireConfirm } from './confirm-button.js';

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
  /** Counts Web API calls and 429s. */
  metrics?: Pick<NetopsMetrics, 'slackCall' | 'slackRateLimited'>;
  /** HTTP mode: more routes on Bolt's port (/metrics, /healthz, /readyz). */
  routes?: {
    path: string;
    method: string;
    handler: (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void;
  }[];
  /** Where jobs started from Slack are registered, so a graceful stop can wait for them. */
  work?: WorkTracker;
  /** Refresh opened App Home tabs at least this often (default 15 s). */
  homeRefreshMs?: number;
  /** issue 16: the policy's Slack user groups (App.groups), started here with a usergroups.users.list fetcher. */
  groups?: { start(fetcher: GroupFetcher): Promise<void> };
}

export interface SlackBot {
  app: BoltApp;
  /** HTTP mode: the port Bolt listens on. */
  port?: number;
  /** Resolves when every job started from Slack has posted its summary. */
  idle(): Promise<void>;
  /** From now on commands and buttons are answered "restarting, try again in a minute"; running jobs go on. */
  refuseNew(): void;
  /** Started and, in Socket Mode, connected: for /readyz. */
  connected(): boolean;
  stop(): Promise<void>;
}

const RESTARTING = 'netops is restarting; try again in a minute.';

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
  // One call without retries first: an unreachable Slack or a rejected token is one sentence, not 25 retry warnings.
  const identity = o.botIdentity ?? (await checkBotToken(slack));
  const receiver =
    slack.mode === 'socket'
      ? new SocketModeReceiver({ appToken: slack.appToken, logLevel, logger: o.logger, installerOptions: { clientOptions } })
      : new HTTPReceiver({
          signingSecret: slack.signingSecret,
          endpoints: '/slack/events',
          logLevel,
          logger: o.logger,
          customRoutes: o.routes ?? [],
        });
  const app = new App({ token: slack.botToken, receiver, clientOptions, logLevel, logger: o.logger, ...identity });
  let refusing = false;
  let started = false;
  let socketUp = false;
  if (o.metrics) countSlackCalls(app, o.metrics);
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

  const home = wireAppHome(
    app,
    {
      jobs: () => o.service.jobs(),
      pendingChanges: () => o.service.changes.list(),
      isApprover: (id) => o.service.policy.isApprover({ id, name: id, via: 'slack' }),
      approvalStatus: (c) => approvalStatus(o.service.policy, c),
    },
    { logger: o.logger ?? app.logger, refreshEveryMs: o.homeRefreshMs },
  );
  // Whatever a command or a click did, opened Home tabs catch up (only those whose content changed).
  afterEach(app, () => void home.refresh());
  refuseWhile(app, () => refusing, RESTARTING);

  app.command('/net', ({ command, ack, client, logger }) => {
    // Tracked from the first moment, so idle() never misses a job whose ack is already out.
    const work = handleCommand(command, ack, client, logger).finally(() => void home.refresh());
    track(work);
    return work;
  });

  const handleCommand = async (
    command: CommandRequest,
    ack: (body?: bolt.RespondArguments) => Promise<void>,
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
    const answer = async (a: EphemeralAnswer) => {
      if (acked)
        await client.chat.postEphemeral({ channel: command.channel_id, user: command.user_id, text: a.text ?? '', blocks: a.blocks });
      else await ackOnce({ response_type: 'ephemeral', text: a.text, blocks: a.blocks });
    };
    const tell = (view: ReplyView | ErrorView) => answer('title' in view ? renderReply(view) : renderError(view));
    // Parsing and selection are in memory; a reply that reads the audit trail (verify) may take longer.
    const slow = setTimeout(
      () => void ackOnce({ response_type: 'ephemeral', text: 'Working on it…' }).catch(() => undefined),
      o.ackDeadlineMs ?? 2500,
    );
    let prepared: Awaited<ReturnType<typeof o.service.prepare>>;
    try {
      prepared = await o.service.prepare(`/net ${command.text}`, actor);
    } catch (err) {
      // issue 16: held back only for --confirm: the refusal offers a Confirm button that runs exactly this request.
      if (err instanceof PolicyDenied && err.needsConfirm) return answer(await confirm.offer(command, err));
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
    const streamed = streamJob(handle, surface, {
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
    o.work?.add({ job: handle.job, cancel: handle.cancel, done: streamed });
    void home.refresh();
    await streamed;
  };

  const confirm = wireConfirm(app, {
    offers: o.service.confirmOffers,
    redact: (text) => o.service.redact(text),
    track,
    // A click runs the offered request as a typed /net would; its answers go to the user as ephemerals.
    run: (request, reply) => handleCommand(request, async (b) => b && reply(b), app.client as webApi.WebClient, o.logger ?? app.logger),
  });
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

  if (slack.mode === 'socket') {
    const socket = (receiver as InstanceType<typeof SocketModeReceiver>).client;
    socket.on('connected', () => {
      socketUp = true;
    });
    socket.on('disconnected', () => {
      socketUp = false;
    });
  }
  // Before the first command can arrive: group members are known (a failed fetch is reported, never fatal).
  await o.groups?.start(userGroupFetcher(app.client as webApi.WebClient));
  // Before the first command can arrive: what the path to ack() needs is loaded and compiled.
  await warmFirstCommand(o.service);
  const server = await startStep(
    slack.mode === 'http'
      ? { kind: 'listen', port: slack.port, setting: 'PORT' }
      : { kind: 'slack', apiUrl: slack.apiUrl, tokenSetting: 'SLACK_APP_TOKEN' },
    async () => {
      if (slack.mode === 'http') return (await app.start(slack.port)) as unknown as Server;
      await app.start();
      return undefined;
    },
  );
  started = true;
  if (slack.mode === 'socket') socketUp = true;
  const addr = server?.address();
  return {
    app,
    port: typeof addr === 'object' && addr ? addr.port : undefined,
    idle: async () => {
      while (running.size) await Promise.all([...running]);
    },
    refuseNew: () => {
      refusing = true;
    },
    connected: () => started && (slack.mode === 'http' || socketUp),
    stop: async () => {
      home.stop();
      await app.stop();
    },
  };
}
