/**
 * Masks secrets before text is stored, posted or logged: the configured credentials
 * wherever they appear, and secret-bearing configuration lines in device output.
 *
 * Each rule captures everything up to the secret as group 1 and the secret as group 2;
 * only group 2 is replaced, so the line still says what was configured. Rules err on the
 * side of masking: a masked key id costs a reader a moment, a leaked type-7 password
 * (reversible) or Junos $9$ secret costs the network.
 */
export const MASK = '********';

/** A quoted value (Junos, NX-OS) or one word. */
const VALUE = '("[^"\\n]*"|[^\\s;]+)';
/** IOS/NX-OS/EOS encryption type before a secret: 0, 5, 7, 8, 9, or EOS `sha512`. */
const TYPE = '(?:(?:\\d{1,2}|sha512|md5)[ \\t]+)?';

// Within one line only: `\s` would let a rule run on into the next configuration line.
const rule = (head: string, flags = 'gi') => new RegExp(`(${head.replaceAll('\\s+', '[ \\t]+')})${VALUE}`, flags);

/** The secret-bearing lines of the platforms we drive, by name (the names are used by the tests). */
export const SECRET_RULES: Readonly<Record<string, RegExp>> = {
  // IOS/EOS `enable secret 9 ...`, `enable password 7 ...`, `enable secret level 15 5 ...`
  'enable secret/password': rule(`\\benable\\s+(?:secret|password)\\s+(?:level\\s+\\d+\\s+)?${TYPE}`),
  // `username u privilege 15 password 0 x`, NX-OS `username u password 5 $5$... role r`, XR ` password 7 ...`
  password: rule(`\\bpassword\\s+(?!strength-check|encryption\\b|required\\b|level\\b)${TYPE}`),
  // EOS `username u ... secret sha512 $6$...`, XR ` secret 5 $1$...`, Junos `secret "$9$..."` (RADIUS/TACACS)
  secret: rule(`\\bsecret\\s+(?!level\\b)${TYPE}`),
  // IOS `username u algorithm-type scrypt secret 9 ...` is covered by 'secret'; SNMP community strings:
  'snmp community': rule('\\bsnmp-server\\s+community\\s+'),
  'junos snmp community (set)': rule('\\bsnmp\\s+community\\s+'),
  'junos snmp community (tree)': /(^[ \t]*community[ \t]+)("[^"\n]*"|[^\s;{]+)(?=[ \t]*\{)/gim,
  'show snmp community': rule('\\bCommunity name:\\s*'),
  // SNMPv3 users: `auth md5 <key>`, `priv aes 128 <key>`, NX-OS `priv 0x...`
  'snmp user auth': rule(`\\bsnmp-server\\s+user\\s+[^\\n]*?\\bauth\\s+(?:md5|sha\\S*)\\s+`),
  'snmp user priv': rule('\\bsnmp-server\\s+user\\s+[^\\n]*?\\bpriv\\s+(?:(?:aes|3des|des)(?:-?\\d+)?\\s+)?(?:\\d{3}\\s+)?'),
  // TACACS+/RADIUS: `tacacs-server key 7 x`, `radius-server host h key 7 "x"`; new-style ` key 7 x` under a server.
  'tacacs/radius key': rule(`\\b(?:tacacs-server|radius-server|tacacs|radius)\\s+(?:host\\s+\\S+\\s+(?:[^\\n]*?[ \\t])?)?key\\s+${TYPE}`),
  // Key chains, HSRP, server blocks: ` key 7 0822455D0A16`, ` key-string 7 ...`, XR ` key-string password 0822...`.
  // A lone number (` key 1`, a key id) is not a secret.
  'key / key-string':
    /(\bkey(?:-string)?[ \t]+(?:password[ \t]+|clear[ \t]+|encrypted[ \t]+)?(?:[0-7][ \t]+(?=\S)|(?!\d{1,5}[ \t\r]*$)))("[^"\n]*"|[^\s;]+)(?=[ \t]*;?[ \t\r]*$)/gim,
  'crypto isakmp key': rule('\\bcrypto\\s+isakmp\\s+key\\s+(?:\\d\\s+)?'),
  // IOS IKEv2 keyrings ` pre-shared-key local x`, Junos `pre-shared-key ascii-text "$9$..."`
  'pre-shared-key': rule('\\bpre-shared-key\\s+(?:ascii-text\\s+|hexadecimal\\s+)?(?:local\\s+|remote\\s+)?(?:\\d\\s+)?'),
  // OSPF/IS-IS/BGP authentication: ` ip ospf authentication-key 7 x`, ` ip ospf message-digest-key 1 md5 7 x`
  'authentication-key': rule(`\\bauthentication-key\\s+(?!\\d+\\s+(?:type|md5|sha1|sha256|hmac-sha\\S*)\\b)${TYPE}`),
  'message-digest-key': rule('\\bmessage-digest-key\\s+\\d+\\s+md5\\s+(?:\\d\\s+)?'),
  // Junos NTP/OSPF `authentication-key 1 type md5 value "$9$..."`, `simple-password "..."`
  'junos key value': rule('\\bauthentication-key\\s+\\d+\\s+type\\s+\\S+\\s+value\\s+'),
  'junos simple-password': rule('\\bsimple-password\\s+'),
  // NTP keys: IOS/NX-OS/EOS `ntp authentication-key 1 md5 104D000A0618 7`, `... md5 7 <key>`, `... md5 encrypted <key>`
  'ntp authentication-key': rule('\\bntp\\s+authentication-key\\s+\\d+\\s+(?:md5|sha1|sha256|hmac-sha\\S*)\\s+(?:\\d\\s+|encrypted\\s+)?'),
  // SNMP traps carry the community too: `snmp-server host 10.1.1.1 [traps|informs] [version 1|2c|3 auth] <community>`
  'snmp host community': rule(
    '\\bsnmp-server\\s+host\\s+\\S+\\s+(?:(?:traps|informs)\\s+)?(?:version\\s+(?:1|2c|3\\s+\\S+)\\s+)?(?:vrf\\s+\\S+\\s+)?',
  ),
  // IOS master key for type-6 passwords, wireless PSKs
  'config-key': rule('\\bkey\\s+config-key\\s+password-encrypt\\s+'),
  'wpa-psk': rule('\\bwpa-psk\\s+(?:ascii|hex)\\s+(?:\\d\\s+)?'),
  // Slack tokens pasted anywhere (bot, user, app-level, refresh)
  'slack token': /(^|[^A-Za-z0-9-])(x(?:ox[abprse]|app)-[A-Za-z0-9-]{8,})/g,
  // Junos `encrypted-password "$6$..."`
  'encrypted-password': rule('\\bencrypted-password\\s+'),
  // Junos flags every secret it prints; mask whatever precedes the marker.
  'junos SECRET-DATA': /([ \t])("[^"\n]*"|[^\s;]+)(?=;[ \t]*## SECRET-DATA)/g,
  // Crypt-style hashes anywhere ($1$ md5, $5$/$6$ sha, $8$/$9$ IOS scrypt/pbkdf2, Junos $9$ reversible).
  'crypt hash': /(^|[\s"'=:])(\$(?:1|5|6|8|9)\$[./A-Za-z0-9$]+)/gm,
};

/**
 * Every rule above needs one of these words in the text it masks. Most text the bot redacts
 * (a show version, a parsed field, a device name) holds none of them, and this one test then
 * spares it all the rules: about half the bot's redaction time in a 1000-device job. The
 * redaction tests hold every rule to this, on the table and on every fixture line.
 */
export const SECRET_TRIGGER = /password|secret|communit|snmp|key|wpa-psk|xox[abprse]-|xapp-|\$[15689]\$/i;

export type Redactor = (text: string) => string;

/** Masks every string inside a value (records, views), leaving its shape as it was. */
export function redactDeep<T>(value: T, redact: Redactor): T {
  if (typeof value === 'string') return redact(value) as T;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, redact)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactDeep(v, redact)])) as T;
  }
  return value;
}

/** A redactor for these literal secrets (configured credentials) plus every secret-bearing line. */
export function createRedactor(secrets: readonly string[]): Redactor {
  // Longest first, so a secret that contains another is masked whole. Very short values
  // would mask ordinary words, so they are left to the line rules.
  const literal = [...new Set(secrets.filter((s) => s.length >= 3))].sort((a, b) => b.length - a.length);
  const rules = Object.values(SECRET_RULES);
  return (text: string) => {
    let out = text;
    for (const s of literal) if (out.includes(s)) out = out.split(s).join(MASK);
    if (!SECRET_TRIGGER.test(out)) return out;
    for (const re of rules)
      out = out.replace(re, (m, head: string, value: string) => (value === MASK || value === `"${MASK}"` ? m : `${head}${MASK}`));
    return out;
  };
}
