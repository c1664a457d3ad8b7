/**
 * issue 15: a read the bot's own configuration starts (scheduled backups), validated like a
 * typed line. The policy is not asked: it governs people, and this is the operator's setting.
 */
import { parseCommandLine } from './command-line.js';
import { fanOutSpec } from './job-handle.js';
import { readOperation, validateArgs } from './job-operations.js';
import type { JobSpec } from './job-types.js';
import type { RemoteShape } from './remote-specs.js';
import type { ServiceDeps } from './service.js';
import type { Actor } from './types.js';
import { formatTerms, selectDevices } from '../inventory/selector.js';

export function systemReadSpec(deps: ServiceDeps, line: string, actor: Actor): JobSpec {
  const request = parseCommandLine(line);
  const command = deps.registry.get(request.command);
  if (command.kind !== 'read') throw new Error(`${command.name} is not a read command`);
  const args = validateArgs(command, request);
  const devices = selectDevices(request.selector, deps.inventory);
  const shape: RemoteShape = { kind: 'read', command: command.name, args };
  const operation = readOperation(command, args, deps.backups);
  const selector = formatTerms(request.selector);
  return fanOutSpec(deps, command.name, line, actor, devices, selector, command.columns, command.attachOutput === true, operation, shape);
}
