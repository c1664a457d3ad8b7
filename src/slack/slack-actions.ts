import type { App as BoltApp, webApi } from '@slack/bolt';
import { UserError } from '../core/errors.js';
import type { Actor } from '../core/types.js';
import { renderError } from './block-kit.js';

type ActionBody = { user: { id: string; name?: string; username?: string }; channel?: { id?: string }; team?: { id?: string } | null };

/** Who clicked, in the core's terms. */
export function actorOfAction(body: ActionBody): Actor {
  const channel = body.channel?.id ?? '';
  return {
    id: body.user.id,
    name: body.user.username ?? body.user.name ?? body.user.id,
    via: 'slack',
    team: body.team?.id ?? undefined,
    channel,
  };
}

/**
 * Registers a button: acks at once, calls `run` with the button's value and the clicker;
 * a UserError (no right, already ended) is shown only to the clicker.
 */
export function onButton(app: BoltApp, actionId: string, run: (value: string, actor: Actor) => Promise<unknown> | unknown): void {
  app.action(actionId, async ({ ack, body, action, client }) => {
    await ack();
    const value = 'value' in action && typeof action.value === 'string' ? action.value : '';
    const actor = actorOfAction(body as unknown as ActionBody);
    try {
      await run(value, actor);
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      const r = renderError({ message: err.message, hint: err.hint });
      const web = client as webApi.WebClient;
      if (!actor.channel) {
        // A click in the App Home tab has no channel: the answer goes to the clicker's DM with the bot.
        const dm = await web.conversations.open({ users: actor.id });
        await web.chat.postMessage({ channel: dm.channel?.id ?? actor.id, text: r.text, blocks: r.blocks });
        return;
      }
      await web.chat.postEphemeral({ channel: actor.channel, user: actor.id, text: r.text, blocks: r.blocks });
    }
  });
}
