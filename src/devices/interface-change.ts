/**
 * What the interface change commands share: the survey (the device's port list and its LLDP
 * neighbours, read with the show-ports and show-neighbors parsers), the resolution of the
 * typed name to the device's own, the arguments, and the verification that reads the port back.
 */
import type { ChangeCommand, ChangeSurvey, DeviceChangePlan, SurveyFacts } from '../core/command.js';
import { UserError } from '../core/errors.js';
import type { Device, PlatformId } from '../core/types.js';
import { portKey } from './parsers/addresses.js';
import { LLDP, PORTS } from './parsers/daily-parsers.js';
import { parseInterfaceDescriptions } from './parsers/interface-descriptions.js';
import { PLATFORMS } from './platforms/index.js';
import { INTERFACE_ARG, fullName, resolveInterface } from './interface-names.js';

const linesOf = (p: PlatformId) => [...PLATFORMS[p].daily.ports, ...PLATFORMS[p].daily.neighbors, PLATFORMS[p].interfaces.descriptions];

/** The description a table gives a port in full; undefined when it lists none for it (Junos lists only described ones). */
const describedIn = (output: string, name: string) =>
  parseInterfaceDescriptions(output)?.find((d) => portKey(d.port ?? '') === portKey(name))?.description;

/** The survey: ports, neighbours (as show-ports and show-neighbors read them), then the descriptions in full. */
export const INTERFACE_SURVEY: ChangeSurvey = {
  cli: Object.fromEntries(Object.keys(PLATFORMS).map((p) => [p, () => linesOf(p as PlatformId)])),
  facts(outputs, device, args) {
    const daily = PLATFORMS[device.platform].daily;
    const types = PLATFORMS[device.platform].interfaces.types;
    const ports = PORTS[device.platform](outputs.slice(0, daily.ports.length).join('\n'));
    if (!ports?.length) throw new UserError('not_found', `${device.name} listed no interfaces that could be read`);
    const names = ports.map((p) => fullName(p.port!, types));
    const typed = String(args['interface']);
    const r = resolveInterface(typed, names, types);
    if (r.kind === 'ambiguous') {
      throw new UserError('bad_argument', `"${typed}" names more than one interface on ${device.name}: ${r.names.join(', ')}`);
    }
    if (r.kind === 'missing') {
      throw new UserError('bad_argument', `${device.name} has no interface "${typed}"; closest: ${r.closest.join(', ')}`);
    }
    const port = ports[names.indexOf(r.name)]!;
    const neighbors = LLDP[device.platform](outputs.slice(daily.ports.length, -1).join('\n')) ?? [];
    const n = neighbors.find((x) => portKey(x.localPort ?? '') === portKey(r.name));
    const facts: SurveyFacts = {
      interface: r.name,
      shown: port.port!,
      status: port.status ?? '',
      description: describedIn(outputs.at(-1) ?? '', r.name) ?? port.description ?? '',
      neighbor: n ? `${n.neighbor} ${n.neighborPort}`.trim() : '',
    };
    return { facts, notes: [noteOf(facts)] };
  },
};

/** `Gi0/3 (connected, "host 1") connects to east-core-2 Gi0/0/0/3`: what the approver weighs. */
function noteOf(f: SurveyFacts): string {
  const described = f['description'] ? `, "${f['description']}"` : '';
  const far = f['neighbor'] ? `connects to ${f['neighbor']}` : 'no LLDP neighbour';
  return `${f['shown']} (${f['status'] || 'state unknown'}${described}) ${far}`;
}

/** The `interface=` argument (and `text=` where the command takes one); any other key is refused. */
export function interfaceArgs(raw: Record<string, string>, command: string, extra: string[] = []): Record<string, string> {
  const known = ['interface', ...extra];
  for (const k of Object.keys(raw)) {
    if (!known.includes(k)) throw new UserError('bad_argument', `/net ${command} has no argument "${k}"`, `it takes ${known.join(', ')}`);
  }
  const name = raw['interface'];
  if (!name)
    throw new UserError(
      'bad_argument',
      'which interface?',
      `add interface=<name>, e.g. /net ${command} device=east-access-2 interface=Gi0/3`,
    );
  if (!INTERFACE_ARG.test(name)) {
    throw new UserError(
      'bad_argument',
      `"${name}" does not look like an interface name`,
      'a type and its numbers, e.g. Gi1/0/48, Eth1/1, Et1, ge-0/0/1',
    );
  }
  for (const k of extra) if (raw[k] === undefined) throw new UserError('bad_argument', `${k} is missing`, `add ${k}="..."`);
  return Object.fromEntries(known.map((k) => [k, raw[k]!]));
}

/** Why `platform` cannot take `text` as an interface description, naming the character; undefined when it can. */
export function descriptionProblem(text: string, platform: PlatformId): string | undefined {
  const cli = PLATFORMS[platform].interfaces;
  const label = PLATFORMS[platform].label;
  if (!text.trim()) return 'the description is empty';
  const control = [...text].find((c) => c < ' ' || c === '\x7f');
  if (control)
    return `the description holds a control character (U+${control.charCodeAt(0).toString(16).padStart(4, '0')}): it would end the line on the device`;
  const bad = cli.refused.find((r) => text.includes(r.char));
  if (bad) return `${label} cannot take ${bad.char} in a description: ${bad.why}`;
  if (text.length > cli.descriptionMax)
    return `${label} takes descriptions of up to ${cli.descriptionMax} characters; this one has ${text.length}`;
  return undefined;
}

/** Refuses a description any target's platform cannot take, before any device is read. */
export function checkDescription(text: string, devices: Device[]): void {
  for (const p of new Set(devices.map((d) => d.platform))) {
    const problem = descriptionProblem(text, p);
    if (problem) throw new UserError('bad_argument', problem, 'change the text, or narrow the targets');
  }
}

export type InterfaceAction = 'shutdown' | 'enable' | 'describe';

const isDown = (status: string) => status === 'disabled';

/** The lines and the read-back for one device, from the name its survey resolved. */
export function interfacePlan(
  action: InterfaceAction,
  device: Device,
  facts: SurveyFacts | undefined,
  text = '',
): DeviceChangePlan | undefined {
  const name = facts?.['interface'];
  if (!name) return undefined;
  const cli = PLATFORMS[device.platform].interfaces;
  if (action === 'describe') {
    return {
      lines: cli.describe(name, text),
      verify: {
        command: cli.descriptions,
        check: (output) => {
          const now = describedIn(output, name);
          return now === text ? undefined : `${name} is described ${now ? `"${now}"` : 'as nothing'}, not "${text}"`;
        },
      },
    };
  }
  const wantDown = action === 'shutdown';
  const command = PLATFORMS[device.platform].daily.ports[0]!;
  return {
    lines: wantDown ? cli.shutdown(name) : cli.enable(name),
    verify: {
      command,
      check: (output) => {
        const row = PORTS[device.platform](output)?.find((p) => portKey(p.port ?? '') === portKey(name));
        if (!row) return `${name} is not in "${command}"`;
        if (isDown(row.status ?? '') === wantDown) return undefined;
        return `${name} is ${row.status}, ${wantDown ? 'not disabled' : 'still disabled'}`;
      },
    },
  };
}

/** What interface-shutdown and interface-enable share: the argument, the survey, the plan. */
export function stateChangeParts(
  command: string,
  action: 'shutdown' | 'enable',
): Pick<ChangeCommand, 'kind' | 'flags' | 'parseArgs' | 'survey' | 'plan'> {
  return {
    kind: 'change',
    flags: ['dry-run'],
    parseArgs: (raw) => interfaceArgs(raw, command),
    survey: INTERFACE_SURVEY,
    plan: (_args, device, facts) => interfacePlan(action, device, facts),
  };
}
