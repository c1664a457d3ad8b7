/**
 * MAC and IP addresses in one form whatever the platform prints: a MAC as aaaa.bbbb.cccc
 * (Cisco's dotted form, the one most of the five print), an IPv4 address or prefix checked
 * octet by octet. Used by the parsers, the `find` command and the route/ping arguments.
 */

/** Twelve hex digits from aaaa.bbbb.cccc, aa:bb:cc:dd:ee:ff, AA-BB-CC-DD-EE-FF or aabbccddeeff; undefined otherwise. */
export function normaliseMac(text: string): string | undefined {
  const t = text.trim().toLowerCase();
  const forms = [/^([0-9a-f]{4})\.([0-9a-f]{4})\.([0-9a-f]{4})$/, /^([0-9a-f]{2}[:-]){5}[0-9a-f]{2}$/, /^[0-9a-f]{12}$/];
  if (!forms.some((re) => re.test(t))) return undefined;
  // One separator kind per address: aa:bb-cc... is no MAC.
  if (/[:]/.test(t) && /-/.test(t)) return undefined;
  const hex = t.replace(/[.:-]/g, '');
  return `${hex.slice(0, 4)}.${hex.slice(4, 8)}.${hex.slice(8, 12)}`;
}

/** The MAC normalised, or the text as printed when it is not one (kept, never dropped). */
export const macOrRaw = (text: string): string => normaliseMac(text) ?? text.trim();

/** A dotted-quad IPv4 address with every octet 0-255 and no leading zeros. */
export function isIpv4(text: string): boolean {
  const parts = text.split('.');
  return parts.length === 4 && parts.every((p) => /^(0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255);
}

export interface Ipv4Prefix {
  address: string;
  length: number;
}

/** `a.b.c.d` (a host, /32) or `a.b.c.d/len`; undefined when not an IPv4 address or prefix. */
export function parseIpv4Prefix(text: string): Ipv4Prefix | undefined {
  const [address, len, extra] = text.trim().split('/');
  if (extra !== undefined || !address || !isIpv4(address)) return undefined;
  if (len === undefined) return { address, length: 32 };
  if (!/^(0|[1-9]\d?)$/.test(len) || Number(len) > 32) return undefined;
  return { address, length: Number(len) };
}

/** The address as a 32-bit unsigned number. */
export function ipv4ToNumber(address: string): number {
  return address.split('.').reduce((n, o) => n * 256 + Number(o), 0);
}

export function numberToIpv4(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
}

/** Whether `address` lies inside `prefix`. */
export function prefixContains(prefix: Ipv4Prefix, address: string): boolean {
  const size = 2 ** (32 - prefix.length);
  const base = Math.floor(ipv4ToNumber(prefix.address) / size);
  return Math.floor(ipv4ToNumber(address) / size) === base;
}

/** The network address of a prefix (host bits cleared). */
export function networkOf(prefix: Ipv4Prefix): string {
  const size = 2 ** (32 - prefix.length);
  return numberToIpv4(Math.floor(ipv4ToNumber(prefix.address) / size) * size);
}

/** The dotted mask of a prefix length (24 -> 255.255.255.0). */
export const maskOf = (length: number): string => numberToIpv4(length === 0 ? 0 : 2 ** 32 - 2 ** (32 - length));

/** An interface name as a key both its long and its short form give (GigabitEthernet0/1 and Gi0/1; Junos unit .0 dropped). */
export function portKey(name: string): string {
  const m = /^([A-Za-z]+)[ -]?(.*)$/.exec(name.trim());
  if (!m) return name.trim().toLowerCase();
  const kind = m[1]!.toLowerCase();
  const rest = m[2]!.replace(/\.0$/, '');
  // Junos names (ge-0/0/1) are their own short form.
  return name.includes('-') && /^[a-z]{2}-/.test(name) ? `${kind}-${rest}` : `${kind.slice(0, 2)}${rest}`;
}

/** A VRF / routing-instance name as the platforms accept one; nothing a CLI could read as more. */
export const VRF_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/;

/** A host name to ping: DNS labels only (no leading dash, so never read as an option). */
export const HOST_NAME = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
