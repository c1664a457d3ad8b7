import { captures, withHostname } from './captures.js';
import type { EmulatedDevice } from './cli-emulator.js';
import type { DeviceState } from './config-session.js';
import { createStore, type ConfigDialect } from './config-store.js';
import { identityOf, servedInventory, servedShowVersion, withConfigVersion, type DeviceIdentity } from './device-identity.js';
import { IDENTITY_RECIPES } from './identity/index.js';
import type { LabDeviceSpec } from './lab-definition.js';
import { LAB_PLATFORMS, type OutputName } from './lab-platforms.js';
import { BASE_CONFIGS } from './running-config.js';
import { dailyOutputs, labTopology } from './outputs/daily-outputs.js';
import type { ConfigStore } from './config-store.js';
import type { PortConfigs } from './outputs/device-view.js';

const byPlatform = (s: LabDeviceSpec) => LAB_PLATFORMS[s.platform];

/** The capture a device serves for an output: its own index into the platform's captures. */
function captureOf(spec: LabDeviceSpec, name: OutputName): string | undefined {
  const folder = LAB_PLATFORMS[spec.platform].captures[name];
  if (!folder) return undefined;
  const list = captures(spec.platform, folder);
  return list[spec.captureIndex % Math.max(1, list.length)];
}

/** Who the device is: model(s) and version from its show version capture, serials of its own. */
export function deviceIdentity(spec: LabDeviceSpec): DeviceIdentity {
  return identityOf(IDENTITY_RECIPES[spec.platform], captureOf(spec, 'show-version') ?? '', spec.name);
}

/** A device's configuration state at start: its base configuration, saved, with no history. */
export function initialState(spec: LabDeviceSpec, index: number): DeviceState {
  const base = LAB_PLATFORMS[spec.platform].dialect;
  // The configuration's version line is the device's own software version.
  const version = withConfigVersion(IDENTITY_RECIPES[spec.platform], deviceIdentity(spec));
  const dialect: ConfigDialect = { ...base, header: (host, last) => base.header(host, last).map(version) };
  const text = BASE_CONFIGS[spec.platform](spec.name, index).split('\n').map(version).join('\n');
  const running = createStore(dialect, text);
  return { running, startup: running.clone(), history: [], checkpoints: new Map() };
}

/** The outputs that carry the device's identity, made its own; other captures as captured. */
function served(spec: LabDeviceSpec, name: OutputName, capture: string, id: DeviceIdentity): string {
  const recipe = IDENTITY_RECIPES[spec.platform];
  if (name === 'show-version') return servedShowVersion(recipe, capture, id);
  if (name === 'show-inventory') return servedInventory(recipe, capture, id, spec.name);
  return capture;
}

/** What a simulated device serves: its platform's behaviour, its captures with its own name and identity, its state. */
export function emulatedDevice(
  spec: LabDeviceSpec,
  o: {
    enableSecret: string;
    banner?: string;
    lab?: LabDeviceSpec[];
    /** Every lab device's running configuration now, by name (a port shut at one end is gone at the other). */
    runningOf?: (device: string) => ConfigStore | undefined;
  },
  state: DeviceState,
): EmulatedDevice {
  const platform = LAB_PLATFORMS[spec.platform];
  const id = deviceIdentity(spec);
  const outputs: Partial<Record<OutputName, string>> = {};
  for (const name of Object.keys(platform.captures) as OutputName[]) {
    const capture = captureOf(spec, name);
    if (capture !== undefined) outputs[name] = withHostname(served(spec, name, capture, id), platform.hostnameIn, spec.name);
  }
  for (const [name, make] of Object.entries(platform.made ?? {}) as [OutputName, (h: string) => string][]) {
    outputs[name] = make(spec.name);
  }
  // The everyday outputs, from the lab's network (the whole lab when given, so both ends agree).
  const lab = o.lab ?? [spec];
  // CDP names each neighbour's model: the one its own show version gives it.
  const modelOf = (name: string) => {
    const s = lab.find((d) => d.name === name);
    return s ? (deviceIdentity(s).members[0]?.model ?? '') : '';
  };
  const daily = dailyOutputs(labTopology(lab, byPlatform), spec, byPlatform, modelOf, portConfigs(spec, lab, state, o.runningOf));
  return {
    hostname: spec.name,
    platform,
    enableSecret: o.enableSecret,
    latencyMs: spec.latencyMs,
    fault: spec.fault,
    pagingStuck: spec.pagingStuck,
    banner: spec.banner ?? o.banner ?? platform.banner(spec.name),
    outputs,
    queries: daily.queries,
    live: daily.live,
    state,
  };
}

/**
 * How the device's port tables read the lab's configurations: its own as it runs now (a
 * `stale-ports` device: as it started), every other device's as its lab server keeps it.
 */
function portConfigs(
  spec: LabDeviceSpec,
  lab: LabDeviceSpec[],
  state: DeviceState,
  runningOf?: (device: string) => ConfigStore | undefined,
): PortConfigs {
  const frozen = state.running.clone();
  const own = () => (spec.fault === 'stale-ports' ? frozen : state.running);
  return (device, port) => {
    const s = lab.find((d) => d.name === device);
    const running = device === spec.name ? own() : runningOf?.(device);
    return s && running ? LAB_PLATFORMS[s.platform].daily!.portConfig(running, port) : { shut: false };
  };
}
