/** One named set of device credentials. Comes from the environment or a file named there, never from the inventory. */
export interface Credential {
  username: string;
  password?: string;
  privateKey?: string;
  passphrase?: string;
  /** Authenticate with the keys held by ssh-agent (the socket comes from the connector's options). */
  agent?: boolean;
  enableSecret?: string;
}

export type CredentialProfiles = Record<string, Credential>;

/** Every secret value in the profiles, for redaction. */
export function secretsOf(profiles: CredentialProfiles): string[] {
  return Object.values(profiles).flatMap((c) =>
    [c.password, c.passphrase, c.enableSecret].filter((s): s is string => typeof s === 'string' && s.length > 0),
  );
}

/** Who names a credential profile: devices and jump hosts. */
export interface CredentialUse {
  who: string;
  profile: string;
}

/**
 * The first credential profile named by the inventory (its devices and jump hosts) that is
 * not configured, or cannot log in (a user name and a password, key or agent), as a
 * sentence that says what to do; undefined when every one is complete.
 */
export function credentialProblem(uses: readonly CredentialUse[], profiles: CredentialProfiles): string | undefined {
  const byProfile = new Map<string, string[]>();
  for (const u of uses) byProfile.set(u.profile, [...(byProfile.get(u.profile) ?? []), u.who]);
  for (const [profile, who] of byProfile) {
    const named = `${who.slice(0, 3).join(', ')}${who.length > 3 ? ` and ${who.length - 3} more` : ''}`;
    const where =
      profile === 'default'
        ? 'set NETOPS_USERNAME with NETOPS_PASSWORD, NETOPS_SSH_KEY_FILE or NETOPS_SSH_AGENT=on'
        : `add "${profile}" to NETOPS_CREDENTIALS_FILE`;
    const c = profiles[profile];
    if (!c) return `${named} name${who.length === 1 ? 's' : ''} credential profile "${profile}", which is not configured: ${where}`;
    if (!c.username) return `credential profile "${profile}" (used by ${named}) has no user name: ${where}`;
    if (!c.password && !c.privateKey && !c.agent)
      return `credential profile "${profile}" (used by ${named}) has no password, private key or agent: ${where}`;
  }
  return undefined;
}
