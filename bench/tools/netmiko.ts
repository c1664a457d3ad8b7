/**
 * Netmiko's fan-out script (bench/tools/netmiko_show_version.py, Debian's python3-netmiko):
 * shared by npm run bench:tools and the lab's Netmiko test.
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
