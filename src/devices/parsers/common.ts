/**
 * Helpers shared by the per-platform output parsers. Every parser is a pure function of
 * the raw text: it returns undefined only when the text is not recognisably the command's
 * output, and '' for a field the capture genuinely lacks.
 */

export type Fields = Record<string, string>;

/** Stacks, clusters and multi-member chassis report one value per member: shown in order. */
export const joinValues = (values: readonly string[]): string => values.join(', ');

/** The first capture group of every match of a global regex, trimmed, in order. */
export function allMatches(re: RegExp, text: string): string[] {
  return [...text.matchAll(re)].map((m) => (m[1] ?? '').trim());
}

/** The first capture group of the first match, trimmed; '' when the text lacks it. */
export function firstMatch(re: RegExp, text: string): string {
  return (re.exec(text)?.[1] ?? '').trim();
}

export const lines = (raw: string): string[] => raw.split(/\r?\n/);

export interface Block {
  head: RegExpExecArray;
  body: string[];
}

/**
 * Cuts the output into one block per line matching `head`; lines before the first head
 * (timestamps, banners) belong to no block. `head` is matched against single lines.
 */
export function splitBlocks(raw: string, head: RegExp): Block[] {
  const blocks: Block[] = [];
  for (const line of lines(raw)) {
    const m = head.exec(line);
    if (m) blocks.push({ head: m, body: [] });
    else blocks.at(-1)?.body.push(line);
  }
  return blocks;
}

/**
 * `NAME: "..", DESCR: ".."` then `PID: .., VID: .., SN: ..`: the inventory format IOS,
 * NX-OS and IOS-XR share. Names are quoted on IOS and XR, sometimes bare on NX-OS (optics).
 * Mapping from ntc: name -> name, descr -> description, pid -> pid, sn -> serial.
 */
const INV_NAME = /^\s*NAME:\s*(?:"([^"]*)"|(.*?))\s*,\s*DESCR:\s*(?:"([^"]*)"|(.*?))\s*$/;
const INV_PID = /^\s*PID:\s*(.*?)\s*,\s*VID:.*?,\s*SN:\s*(.*?)\s*$/;

export function parseCiscoInventory(raw: string): Fields[] | undefined {
  const items: Fields[] = [];
  for (const line of lines(raw)) {
    const name = INV_NAME.exec(line);
    if (name) {
      items.push({ name: name[1] ?? name[2] ?? '', description: name[3] ?? name[4] ?? '', pid: '', serial: '' });
      continue;
    }
    const pid = INV_PID.exec(line);
    const last = items.at(-1);
    if (pid && last) Object.assign(last, { pid: pid[1], serial: pid[2] });
  }
  return items.length ? items : undefined;
}

/**
 * `<name> is <state>[, line protocol is <protocol>]`: the header of each interface in
 * IOS, IOS-XR, NX-OS and EOS `show interfaces`. The state words are listed so that prose
 * ("this is fine") is never taken for an interface. Text after the state that is not a line
 * protocol (a note, a newer release's extra words) still starts a new interface: the
 * interface is kept, never merged into the one before it. A few names hold spaces (IOS's
 * `Control Plane Interface`): only with a line protocol, so NX-OS's `admin state is up` is
 * never one.
 */
const IF_HEAD =
  /^(\S+|\S+(?: \S+){1,3}?(?= is [^,]*, line protocol is )) is ((?:administratively )?(?:up|down|reset|deleted|testing|dormant)(?: \([^)]*\))?)(?:, line protocol is (.+?)|\s+\S.*?)?\s*$/;
const IF_DESCRIPTION = /^\s+(?:Description:|Port description is)[ \t]*(.*?)\s*$/m;
const IF_ADDRESS = /^\s+Internet address is (\S+\/\d+)/gim;

export interface CiscoStyleInterface {
  name: string;
  state: string;
  /** The `line protocol is ...` text; undefined where the header has none (NX-OS ports). */
  lineProtocol: string | undefined;
  body: string;
}

/**
 * Product fields of a Cisco-style `show interfaces`: interface, status (the link state of
 * the header), protocol (chosen per platform by `protocolOf`), address (every
 * `Internet address is a.b.c.d/len`, joined; XR's `is Unknown` gives ''), description.
 */
export function parseCiscoStyleInterfaces(
  raw: string,
  protocolOf: (i: CiscoStyleInterface) => string = (i) => i.lineProtocol ?? '',
): Fields[] | undefined {
  const blocks = splitBlocks(raw, IF_HEAD);
  if (!blocks.length) return undefined;
  return blocks.map(({ head, body }) => {
    const i: CiscoStyleInterface = { name: head[1]!, state: head[2]!, lineProtocol: head[3], body: body.join('\n') };
    return {
      interface: i.name,
      status: i.state,
      protocol: protocolOf(i),
      address: joinValues(allMatches(IF_ADDRESS, i.body)),
      description: firstMatch(IF_DESCRIPTION, i.body),
    };
  });
}

export interface Word {
  start: number;
  text: string;
}

/** Whitespace-separated words of a line with where each starts, for fixed-column tables. */
export function words(line: string): Word[] {
  return [...line.matchAll(/\S+/g)].map((m) => ({ start: m.index ?? 0, text: m[0] }));
}
