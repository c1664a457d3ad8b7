/**
 * Masks secrets before text is stored, posted or logged: the configured credentials
 * wherever they appear, and secret-bearing configuration lines in device output.
 */
const MASK = '********';

/** Lines whose last word(s) are secrets, in the syntax of the platforms we drive. */
const SECRET_LINES: RegExp[] = [
  /(\benable\s+(?:secret|password)(?:\s+(?:level\s+\d+\s+)?\d{1,2})?\s+)(\S+)/gi,
  /(\busername\s+\S+(?:\s+privilege\s+\d+)?(?:\s+role\s+\S+)?\s+(?:secret|password)(?:\s+\d{1,2})?\s+)(\S+)/gi,
  /(\bsnmp-server\s+community\s+)(\S+)/gi,
  /(\bkey(?:-string)?\s+(?:[0-7]\s+)?)(\S+)(?=\s*$)/gim,
  /(\b(?:encrypted-password|secret|pre-shared-key\s+(?:ascii-text|hexadecimal)|authentication-key)\s+)("[^"]*"|\S+)/gi,
  /(\bcrypto\s+isakmp\s+key\s+)(\S+)/gi,
  /(\b(?:tacacs-server|radius-server)\s+(?:host\s+\S+\s+)?key\s+(?:\d\s+)?)(\S+)/gi,
];

export type Redactor = (text: string) => string;

export function createRedactor(secrets: readonly string[]): Redactor {
  // Longest first, so a secret that contains another is masked whole.
  const literal = [...new Set(secrets.filter((s) => s.length >= 3))].sort((a, b) => b.length - a.length);
  return (text: string) => {
    let out = text;
    for (const s of literal) out = out.split(s).join(MASK);
    for (const re of SECRET_LINES) out = out.replace(re, (_m, head: string) => `${head}${MASK}`);
    return out;
  };
}
