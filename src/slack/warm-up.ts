/**
 * Runs what the first slash command needs before Slack can send one: the parser, the registry
 * lookup, argument validation (zod builds its checks on first use), selection and the Block Kit
 * renderers. Cold, that cost the first ack up to 1.6 s; warm, an ack takes milliseconds.
 * Nothing here reaches a device, the disk or Slack: prepare only validates.
 */
import { UserError } from '../core/errors.js';
import type { NetopsService } from '../core/service.js';
import type { Actor } from '../core/types.js';
import { renderError, renderReply } from './block-kit.js';

const WARM_ACTOR: Actor = { id: 'U0NETOPSWARM', name: 'netops-warm-up', via: 'slack' };

export async function warmFirstCommand(service: NetopsService): Promise<void> {
  const device = service.inventory.devices[0]?.name;
  const lines = ['/net help', '/net help show-version', '/net no-such-command'];
  for (const c of service.registry.all()) if (c.kind === 'read' && device) lines.push(`/net ${c.name} device=${device}`);
  for (const line of lines) {
    try {
      const p = await service.prepare(line, WARM_ACTOR, { rehearsal: true });
      if (p.kind === 'reply') renderReply(p.view);
    } catch (err) {
      // Refusals (policy, an unknown command) are the error path warming; anything else is a bug to see.
      if (!(err instanceof UserError)) throw err;
      renderError({ message: err.message, hint: err.hint });
    }
  }
}
