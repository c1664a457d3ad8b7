/**
 * Policy files the policy tests share, with the identities each front uses (Slack user ids,
 * console names) filled in.
 */

/**
 * East devices stand in for PCI ones: a change there needs two distinct pci approvers. With
 * `approvers`, every change also needs one from approvers or pci (rule everything-else).
 */
export function pciPolicy(o: { requester: string; pci: [string, string]; approvers?: string[] }): string {
  const approvers = o.approvers ? `  approvers: { members: [${o.approvers.join(', ')}] }\n` : '';
  const everything = o.approvers ? '  - name: everything-else\n    count: 1\n    from: [approvers, pci]\n' : '';
  return `version: 1
roles:
  eng: { members: [${o.requester}] }
${approvers}  pci: { members: [${o.pci.join(', ')}] }
grants:
  - role: eng
    commands: ['*']
approvals:
  - name: pci
    targets: site=east
    count: 2
    from: [pci]
${everything}`;
}

/** On-call may run anything and break the glass of the holiday freeze; an east change needs `count` (default 1) eng approvers. */
export function breakGlassPolicy(o: { oncall: string; eng: string[]; count?: number; freeze: { from: string; to: string } }): string {
  return `version: 1
roles:
  oncall: { members: [${o.oncall}] }
  eng: { members: [${o.eng.join(', ')}] }
grants:
  - role: oncall
    commands: ['*']
approvals:
  - name: any
    targets: site=east
    count: ${o.count ?? 1}
    from: [eng]
freezes:
  - name: holiday
    from: ${o.freeze.from}
    to: ${o.freeze.to}
breakGlass: { roles: [oncall] }
`;
}

/** A clock a test moves, e.g. so a freeze begins between a request and its approval. */
export function settableClock(iso: string): { now(): number; set(to: string): void } {
  let at = Date.parse(iso);
  return {
    now: () => at,
    set: (to) => {
      at = Date.parse(to);
    },
  };
}
