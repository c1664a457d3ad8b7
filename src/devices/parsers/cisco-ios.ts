/**
 * Cisco IOS / IOS-XE output parsers. Field mapping from the ntc-templates names used in
 * the fixtures: hostname -> hostname, hardware -> model, version -> version,
 * serial -> serial, uptime -> uptime. Stacks list every member, joined with ", ".
 */

export type Fields = Record<string, string>;

const all = (re: RegExp, text: string) => [...text.matchAll(re)].map((m) => m[1]!.trim());

export function parseIosShowVersion(raw: string): Fields | undefined {
  const uptime = /^(\S+)\s+uptime is\s+(.+)$/m.exec(raw);
  const version = /^Cisco IOS Software.*?,\s*Version\s+([^\s,]+)/m.exec(raw);
  if (!uptime || !version) return undefined;
  // Stacks print a "Model Number" and "System Serial Number" per member; single boxes only the processor line.
  const stackModels = all(/^Model [Nn]umber\s*:\s*(\S+)/gm, raw);
  const stackSerials = all(/^System [Ss]erial [Nn]umber\s*:\s*(\S+)/gm, raw);
  const model = stackModels.length ? stackModels : all(/^[Cc]isco\s+(\S+)\s+.*(?:processor|bytes of memory)/gm, raw).slice(0, 1);
  const serial = stackSerials.length ? stackSerials : all(/^Processor board ID\s+([^\s,]+)/gm, raw).slice(0, 1);
  return {
    hostname: uptime[1]!,
    vendor: 'Cisco',
    model: model.join(', '),
    version: version[1]!,
    serial: serial.join(', '),
    uptime: uptime[2]!.trim(),
  };
}
