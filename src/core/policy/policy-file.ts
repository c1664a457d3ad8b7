import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument, type Document } from 'yaml';
import { ConfigError } from '../errors.js';
import { policySchema, roleReferences, type PolicyDocument } from './policy-schema.js';

/**
 * Reads and validates a policy file. Every error names the file, the line, the path in the
 * document and what was expected, e.g.
 * `NETOPS_POLICY: data/policy.yaml line 12 (grants.1.role): "east" is not a role (roles: noc, east-team)`.
 */
export function loadPolicyFile(path: string, setting = 'NETOPS_POLICY'): PolicyDocument {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError(setting, `cannot read ${path}: ${(err as Error).message}`);
  }
  return parsePolicy(text, path, setting);
}

export function parsePolicy(text: string, source: string, setting = 'NETOPS_POLICY'): PolicyDocument {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  const yamlError = doc.errors[0];
  if (yamlError) {
    const at = lines.linePos(yamlError.pos[0]);
    throw new ConfigError(setting, `${source} line ${at.line}: not valid YAML: ${firstLine(yamlError.message)}`);
  }
  const fail = (path: PropertyKey[], message: string): never => {
    const line = lineOf(doc, lines, path);
    const where = path.length ? ` (${path.map(String).join('.')})` : '';
    throw new ConfigError(setting, `${source}${line ? ` line ${line}` : ''}${where}: ${message}`);
  };
  const parsed = policySchema.safeParse(doc.toJS());
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    fail(issue.path, issue.message);
  }
  const policy = parsed.data as PolicyDocument;
  const roles = Object.keys(policy.roles);
  for (const ref of roleReferences(policy)) {
    if (!policy.roles[ref.role]) fail(ref.path, `"${ref.role}" is not a role (roles: ${roles.join(', ') || 'none defined'})`);
  }
  for (const [i, f] of policy.freezes.entries()) {
    if (Date.parse(f.to) <= Date.parse(f.from)) fail(['freezes', i, 'to'], 'expected the end of the freeze to come after its start');
  }
  return policy;
}

/** The line of the deepest node the path reaches (an issue may point past the last node that exists). */
function lineOf(doc: Document, lines: LineCounter, path: PropertyKey[]): number | undefined {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
    if (node?.range) return lines.linePos(node.range[0]).line;
  }
  return undefined;
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
