/**
 * Netmiko's scripts (Debian's python3-netmiko): the fan-out of bench/tools/netmiko_show_version.py,
 * shared by npm run bench:tools and the lab's Netmiko test, and bench/tools/netmiko_config.py.
 */
import { pythonModuleMissing, runTool, toolVersions, type ToolJob, type ToolResult } from './python-tool.js';

export { PYTHON } from './python-tool.js';
export type NetmikoJob = ToolJob;
export type NetmikoResult = ToolResult;

const SCRIPT = 'netmiko_show_version.py';

/** Why Netmiko cannot run here (with how to install it), or false when it can. */
export const netmikoMissing = (): string | false => pythonModuleMissing('netmiko', 'python3-netmiko');
export const netmikoVersions = (): Promise<Record<string, string>> => toolVersions(SCRIPT);
export const runNetmiko = (job: NetmikoJob): Promise<NetmikoResult> => runTool(SCRIPT, job);

export interface NetmikoConfigJob {
  devices: {
    name: string;
    host: string;
    port: number;
    platform: string;
    lines: string[];
    check: string;
    /** Leave config mode before commit(), so commit() re-enters and commits the shared candidate. */
    exitBeforeCommit?: boolean;
  }[];
  username: string;
  password: string;
  secret: string;
  knownHosts?: string;
}

export interface NetmikoConfigResult {
  devices: { name: string; ok: boolean; error?: string; output?: string; commit?: string; check?: string }[];
}

/** bench/tools/netmiko_config.py: send_config_set (and commit where the platform has a candidate), then a check command. */
export const runNetmikoConfig = (job: NetmikoConfigJob): Promise<NetmikoConfigResult> =>
  runTool<NetmikoConfigResult>('netmiko_config.py', job);
