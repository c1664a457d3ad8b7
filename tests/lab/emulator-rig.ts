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
  const device = emulatedDevice(s, { enableSecret: TEST_CREDENTIALS.enableSecret }, initialState(s, 0));
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
