/**
 * Why `npm run lab` could not start, in one sentence for the person who ran it (no stack
 * trace): a port taken or not allowed, a lab definition missing or invalid. Anything else is
 * a bug and keeps its stack.
 */
import { ZodError } from 'zod';

/** sysexits' EX_CONFIG: the configuration (here the lab definition) does not fit this machine. */
export const EX_CONFIG = 78;

interface SystemError {
  code?: string;
  port?: number;
  address?: string;
  path?: string;
}

export function describeStartError(err: unknown, definitionFile: string): string | undefined {
  const e = (err ?? {}) as SystemError;
  const choose = `choose another first port with "basePort" in ${definitionFile} (the devices take consecutive ports from it)`;
  if (e.code === 'EADDRINUSE') return `netops lab: port ${e.port} on ${e.address} is already in use; ${choose}.`;
  if (e.code === 'EACCES' && e.port !== undefined)
    return `netops lab: port ${e.port} on ${e.address} needs privileges this user lacks; ${choose}.`;
  if (e.code === 'EADDRNOTAVAIL') return `netops lab: ${e.address} is not an address of this machine; set "host" in ${definitionFile}.`;
  if (e.code === 'ENOENT' && e.path === definitionFile)
    return `netops lab: no lab definition at ${definitionFile} (NETOPS_LAB_DEFINITION names another).`;
  if (err instanceof SyntaxError) return `netops lab: ${definitionFile} is not valid JSON: ${err.message}.`;
  if (err instanceof ZodError) {
    const first = err.issues[0];
    return `netops lab: ${definitionFile}: ${first ? `${first.path.join('.') || 'the definition'}: ${first.message}` : 'invalid'}.`;
  }
  return undefined;
}
