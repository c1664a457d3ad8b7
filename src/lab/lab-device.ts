import { captures, withHostname } from './captures.js';
import type { EmulatedDevice } from './cli-emulator.js';
import type { DeviceState } from './config-session.js';
import { createStore } from './config-store.js';
import type { LabDeviceSpec } from './lab-definition.js';
import { LAB_PLATFORMS, type OutputName } from './lab-platforms.js';
import { BASE_CONFIGS } from './running-config.js';

/** A device's configuration state at start: its base configuration, saved, with no history. */
export function initialState(spec: LabDeviceSpec, index: number): DeviceState {
  const platform = LAB_PLATFORMS[spec.platform];
  const running = createStore(platform.dialect, BASE_CONFIGS[spec.platform](spec.name, index));
  return { running, startup: running.clone(), history: [], checkpoints: new Map() };
}

/** What a simulated device serves: its platform's behaviour, its captures with its own name, its state. */
export function emulatedDevice(spec: LabDeviceSpec, o: { enableSecret: string; banner?: string }, state: DeviceState): EmulatedDevice {
  const platform = LAB_PLATFORMS[spec.platform];
  const outputs: Partial<Record<OutputName, string>> = {};
  for (const [name, folder] of Object.entries(platform.captures) as [OutputName, string][]) {
    const list = captures(spec.platform, folder);
    const capture = list[spec.captureIndex % Math.max(1, list.length)];
    if (capture !== undefined) outputs[name] = withHostname(capture, platform.hostnameIn, spec.name);
  }
  for (const [name, make] of Object.entries(platform.made ?? {}) as [OutputName, (h: string) => string][]) {
    outputs[name] = make(spec.name);
  }
  return {
    hostname: spec.name,
    platform,
    enableSecret: o.enableSecret,
    latencyMs: spec.latencyMs,
    fault: spec.fault,
    pagingStuck: spec.pagingStuck,
    banner: spec.banner ?? o.banner ?? platform.banner(spec.name),
    outputs,
    state,
  };
}
