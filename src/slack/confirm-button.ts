import type { App as BoltApp, types } from '@slack/bolt';
import type { ConfirmOffer, ConfirmOffers } from '../core/confirm-offers.js';
import { renderError } from './block-kit.js';
import { onButton } from './slack-actions.js';
import { SLACK_LIMITS as L, clip, escapeMrkdwn } from './slack-limits.js';

export const CONFIRM_ACTION = 'netops_confirm';

/** The slash command fields a request is run from: typed, or re-created from a Confirm click. */
export interface CommandRequest {
  text: string;
  user_id: string;
  user_name: string;
  team_id: string;
  channel_id: string;
}

/** An ephemeral answer: what Bolt's ack carries, or chat.postEphemeral once the ack is gone. */
export interface EphemeralAnswer {
  text?: string;
  blocks?: (types.KnownBlock | types.Block)[];
}

export interface ConfirmWiring {
  /** Where offers are kept: the state store every front shares (service.confirmOffers). */
  offers: ConfirmOffers;
  /** Masks secrets in what is shown (the command line as typed). */
  redact: (text: string) => string;
  /** Runs a request the way a typed /net does; `answer` shows something to its user alone. */
  run: (request: CommandRequest, answer: (a: EphemeralAnswer) => Promise<void>) => Promise<void>;
  /** Registers the run, so a graceful stop waits for it. */
  track: (work: Promise<unknown>) => void;
}

/**
 * The blast-radius Confirm button (issue 16): when the policy holds a request back only for
 * --confirm, the ephemeral refusal offers to run exactly that request with --confirm. The
 * click is taken only from the user who typed it, once, before the offer expires, on whichever
 * front Slack hands it to.
 */
export function wireConfirm(
  app: BoltApp,
  w: ConfirmWiring,
): { offer(request: CommandRequest, refusal: { message: string }): Promise<EphemeralAnswer> } {
  const { offers } = w;

  onButton(app, CONFIRM_ACTION, async (token, clicker) => {
    const offer = await offers.redeem(token, clicker);
    const work = w.run(requestOf(offer), (a) => postTo(app, offer, a));
    w.track(work);
    await work;
  });

  return {
    async offer(request, refusal) {
      const text = `${request.text.trim()} --confirm`;
      const line = w.redact(`/net ${text}`);
      try {
        const token = await offers.offer({
          user: request.user_id,
          userName: request.user_name,
          team: request.team_id,
          channel: request.channel_id,
          text,
        });
        return confirmPrompt(refusal.message, line, token, Math.round(offers.ttlMs / 60_000));
      } catch (err) {
        // The store is unreachable: the refusal still stands, with the typed way instead of a button.
        app.logger.error(err);
        return renderError({ message: refusal.message, hint: `check the targets, then run ${line}` });
      }
    },
  };
}

function requestOf(o: ConfirmOffer): CommandRequest {
  return { text: o.text, user_id: o.user, user_name: o.userName, team_id: o.team ?? '', channel_id: o.channel };
}

/** After a click the slash command's ack is long gone: answers go to the user as ephemerals in the channel. */
async function postTo(app: BoltApp, o: ConfirmOffer, a: EphemeralAnswer): Promise<void> {
  await app.client.chat.postEphemeral({ channel: o.channel, user: o.user, text: a.text ?? '', ...(a.blocks ? { blocks: a.blocks } : {}) });
}

/** The refusal, the exact line the button runs, and the button. */
export function confirmPrompt(reason: string, line: string, token: string, minutes: number): Required<EphemeralAnswer> {
  const refusal = renderError({ message: reason });
  return {
    text: `${reason}: confirm to run ${line}`,
    blocks: [
      ...refusal.blocks,
      {
        type: 'section',
        text: { type: 'mrkdwn', text: clip(`Check the targets. Confirm runs exactly:\n\`${escapeMrkdwn(line)}\``, L.sectionText) },
      },
      {
        type: 'actions',
        elements: [
          {
            type: 'button',
            action_id: CONFIRM_ACTION,
            value: token,
            style: 'primary',
            text: { type: 'plain_text', text: 'Confirm and run' },
          },
        ],
      },
      {
        type: 'context',
        elements: [
          { type: 'mrkdwn', text: `Only you can confirm; the button works once, for ${minutes} minute${minutes === 1 ? '' : 's'}.` },
        ],
      },
    ],
  };
}
