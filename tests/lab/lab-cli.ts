/** Simulated devices typed into line by line (no SSH: the same emulator the lab's SSH server drives), several sessions on one device. */
import type { PlatformId } from '../../src/core/types.js';
import { CliEmulator } from '../../src/lab/cli-emulator.js';
import type { DeviceState } from '../../src/lab/config-session.js';
import { emulatedDevice, initialState } from '../../src/lab/lab-device.js';
import { spec } from '../devices/device-rig.js';

export interface Terminal {
  /** Types one line; returns what came back after its echo, without the prompt, line ends as \n. */
  type(line: string): string;
  /** Ends the session as a dropped connection does. */
  drop(): void;
}

/** Prompts and IOS-XR's time stamp, taken off so answers compare as the device's text alone. */
function answer(raw: string): string {
  const text = raw.replace(/\r\n/g, '\n');
  const body = text.slice(text.indexOf('\n') + 1);
  return body
    .replace(/^\w{3} \w{3} +\d+ [\d:.]+ UTC\n/, '')
    .replace(/\n?(\[edit[^\]]*\]\n)?[\w.-]+@[\w.-]+[>#] $/, '')
    .replace(/RP\/0\/RSP0\/CPU0:[\w.-]+(\([\w-]+\))?#$/, '')
    .replace(/^ \n/, '');
}

/** What a tool sends first to turn paging off, per platform. */
const PAGING_OFF: Record<PlatformId, string> = {
  cisco_ios: 'terminal length 0',
  cisco_nxos: 'terminal length 0',
  cisco_xr: 'terminal length 0',
  arista_eos: 'terminal length 0',
  juniper_junos: 'set cli screen-length 0',
};

export function labDevice(platform: PlatformId, name = `lab-${platform.replace('_', '-')}`) {
  const s = spec(name, platform);
  const state: DeviceState = initialState(s, 1);
  const device = emulatedDevice(s, { enableSecret: 'unused' }, state);
  return {
    state,
    name,
    /** A new CLI session as `user`. */
    login(user = 'netops'): Terminal {
      let out = '';
      const cli = new CliEmulator(
        device,
        {
          write: (t) => {
            out += t;
          },
          close: () => undefined,
        },
        user,
      );
      cli.start();
      const type = (line: string) => {
        out = '';
        cli.input(`${line}\r`);
        return answer(out);
      };
      type(PAGING_OFF[platform]);
      return { type, drop: () => cli.stop() };
    },
  };
}
