/**
 * `npm run policy:check -- data/policy.yaml [--as alice show-version site=east] [--at 2026-12-22T04:00:00Z] [--inventory file]`:
 * validates a policy file before it is deployed (every error names the file, the line, the
 * path and what is expected), and explains the decision it makes on a sample request: who
 * the user is, what they may run where, and what this request gets (allowed, with which
 * approvals; or the rule that denies it and who could instead). The sample is decided against
 * --inventory, else NETOPS_INVENTORY, else data/inventory.example.json.
 * Exit 0: valid; 1: invalid, or the sample is wrong; 2: cannot run.
 */
import { loadConfig } from '../src/config.js';
import { ConfigError, UserError } from '../src/core/errors.js';
import { Policy } from '../src/core/policy.js';
import { loadPolicyFile } from '../src/core/policy/policy-file.js';
import { describeIdentity, explainSample } from '../src/core/policy/explain.js';
import { Registry } from '../src/core/registry.js';
import { loadInventory } from '../src/inventory/inventory.js';
import { COMMANDS_DIR } from '../src/app.js';

interface Args {
  file: string;
  as?: string;
  at?: string;
  inventory?: string;
  sample: string[];
}

function parseArgs(argv: string[]): Args {
  const out: Args = { file: '', sample: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (!v) throw new Error(`${a} needs a value`);
      return v;
    };
    if (out.as !== undefined) out.sample.push(a);
    else if (a === '--as') out.as = value();
    else if (a === '--at') out.at = value();
    else if (a === '--inventory') out.inventory = value();
    else if (!out.file) out.file = a;
    else throw new Error(`unexpected "${a}"`);
  }
  if (!out.file) throw new Error('which file? npm run policy:check -- data/policy.yaml [--as alice show-version site=east]');
  return out;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  let policy: Policy;
  try {
    const document = loadPolicyFile(args.file, 'policy');
    policy = new Policy({ approvers: [], document });
    const d = policy.document;
    console.log(
      `${args.file}: valid: ${Object.keys(d.roles).length} roles, ${d.grants.length} grants, ${d.approvals.length} approval rules, ` +
        `${d.windows.length} windows, ${d.freezes.length} freezes; blast radius: reads over ${d.blastRadius.read}, changes over ${d.blastRadius.change} devices need --confirm`,
    );
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    console.log(e.message);
    return 1;
  }
  if (args.as === undefined) return 0;
  for (const line of describeIdentity(policy, args.as)) console.log(`  ${line}`);
  if (!args.sample.length) return 0;
  const now = args.at ? Date.parse(args.at) : Date.now();
  if (Number.isNaN(now)) throw new Error(`--at ${args.at}: expected an ISO 8601 time`);
  const inventoryFile = args.inventory ?? loadConfig().inventoryPath ?? 'data/inventory.example.json';
  const [inventory, registry] = await Promise.all([loadInventory(inventoryFile), Registry.load(COMMANDS_DIR)]);
  try {
    const lines = explainSample(policy, inventory, { line: args.sample.join(' '), as: args.as, now, kindOf: (c) => registry.get(c).kind });
    console.log(`decision (inventory ${inventoryFile}, at ${new Date(now).toISOString()}):`);
    for (const line of lines) console.log(`  ${line}`);
    return 0;
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    console.log(`the sample request is wrong: ${e.message}${e.hint ? ` (${e.hint})` : ''}`);
    return 1;
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    console.error(`policy:check: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 2;
  },
);
