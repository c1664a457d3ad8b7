/** A lab CLI on its own, typed into line by line: the same emulator the SSH server drives, without SSH. */
import type { PlatformId } from '../../src/core/types.js';
import { CliEmulator } from '../../src/lab/cli-emulator.js';
import type { LabDeviceSpec } from '../../src/lab/lab-definition.js';
import { emulatedDevice, initialState } from '../../src/lab/lab-device.js';
import { LAB_PLATFORMS, type LabMode } from '../../src/lab/lab-platforms.js';
import { spec } from '../devices/device-rig.js';
import { TEST_CREDENTIALS } from '../support/test-lab.js';

export interface TypedCli {
  /** The device as the lab serves it (its outputs, its state). */
  device: ReturnType<typeof emulatedDevice>;
  prompt(mode: LabMode): string;
  /** Types one line; returns what came back after its echo (everything when `echo` is false). */
  type(line: string, echo?: boolean): string;
}

export function typedCli(platform: PlatformId, o: Partial<LabDeviceSpec> = {}): TypedCli {
  const s: LabDeviceSpec = spec(`rec-${platform.replace('_', '-')}`, platform, o);
  return cliOf(s, emulatedDevice(s, { enableSecret: TEST_CREDENTIALS.enableSecret }, initialState(s, 0)));
}

/**
 * CLIs on the devices of a whole lab, sharing every device's configuration as the lab server
 * does: a port shut on one device is down at the other end too. Each call opens a new session.
 */
export function labClis(lab: LabDeviceSpec[]): (name: string) => TypedCli {
  const states = new Map(lab.map((d, i) => [d.name, initialState(d, i)]));
  const runningOf = (device: string) => states.get(device)?.running;
  return (name) => {
    const s = lab.find((d) => d.name === name)!;
    return cliOf(s, emulatedDevice(s, { enableSecret: TEST_CREDENTIALS.enableSecret, lab, runningOf }, states.get(name)!));
  };
}

function cliOf(s: LabDeviceSpec, device: ReturnType<typeof emulatedDevice>): TypedCli {
  const platform = s.platform;
  let out = '';
  const cli = new CliEmulator(
    device,
    {
      write: (t) => {
        out += t;
      },
      close: () => undefined,
    },
    TEST_CREDENTIALS.username,
  );
  cli.start();
  return {
    device,
    prompt: (mode) => LAB_PLATFORMS[platform].prompt[mode]({ host: s.name, user: TEST_CREDENTIALS.username }),
    type(line, echo = true) {
      out = '';
      cli.input(`${line}\r`);
      const lineEnd = out.indexOf('\r\n');
      return echo && lineEnd >= 0 ? out.slice(lineEnd + 2) : out;
    },
  };
}

/** The recordings' on-open inputs (scrapli's): what a tool types to turn paging off. */
const PAGING_OFF: Record<PlatformId, string> = {
  cisco_ios: 'terminal length 0',
  cisco_nxos: 'terminal length 0',
  cisco_xr: 'terminal length 0',
  arista_eos: 'terminal length 0',
  juniper_junos: 'set cli screen-length 0',
};

/** A CLI at the platform's top mode (enable where the login lands in user mode), paging off unless `paging`. */
export function readyCli(platform: PlatformId, o: Partial<LabDeviceSpec> & { paging?: boolean } = {}): TypedCli {
  return ready(typedCli(platform, o), platform, o.paging);
}

/** The CLI at the platform's top mode, paging off unless `paging`. */
export function ready(cli: TypedCli, platform: PlatformId, paging = false): TypedCli {
  const lab = LAB_PLATFORMS[platform];
  if (lab.initialMode !== lab.topMode) {
    cli.type('enable');
    cli.type(TEST_CREDENTIALS.enableSecret, false);
  }
  if (!paging) cli.type(PAGING_OFF[platform]);
  return cli;
}

/**
 * What a command printed, as a reader sees it: between the echo and the prompt, without the
 * platform's lead (Junos' blank line, IOS-XR's stamp) and carriage returns.
 */
export function shown(cli: TypedCli, platform: PlatformId, line: string): string {
  const lab = LAB_PLATFORMS[platform];
  let text = cli.type(line).replace(/\r\n/g, '\n');
  const prompt = cli.prompt(lab.topMode);
  if (text.endsWith(prompt)) text = text.slice(0, -prompt.length);
  const lead = lab.lead?.() ?? '';
  if (lead && text.startsWith(lead)) text = text.slice(lead.length);
  const own = lab.leadIn?.exec(text);
  if (own?.index === 0) text = text.slice(own[0].length);
  return text.replace(/\n+$/, '');
}
