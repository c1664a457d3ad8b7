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
