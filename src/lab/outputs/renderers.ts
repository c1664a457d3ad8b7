/** The outputs each simulated platform makes from its view of the lab's network, in its own format. */
import type { ConfigStore } from '../config-store.js';
import type { DeviceView, PortConfig, PortName } from './device-view.js';

export interface DailyRenderers {
  bgp: (v: DeviceView) => string;
  lldp: (v: DeviceView) => string;
  /** Where the platform speaks CDP too (IOS, NX-OS). */
  cdp?: (v: DeviceView) => string;
  arp: (v: DeviceView) => string;
  /** Absent where the platform has no MAC table (IOS-XR routers). */
  mac?: (v: DeviceView) => string;
  ports: (v: DeviceView) => string;
  /** Every port's description in full (`show interfaces description`). */
  descriptions: (v: DeviceView) => string;
  ospf: (v: DeviceView) => string;
  /**
   * `show interfaces` in the platform's own format, every port of the lab's; `words`: what was
   * typed after it (a port's name, Junos `terse`), none for all of them.
   */
  interfaces: (v: DeviceView, words?: string[]) => string;
  /** The words typed after the command (the prefix, `vrf X`). */
  route: (v: DeviceView, words: string[]) => string;
  ping: (v: DeviceView, words: string[]) => string;
}

/** A platform's part in the lab's network: how its ports are named, and its outputs. */
export interface DailyLab {
  /** The device's k-th port (0-based) as configured and as its tables abbreviate it. */
  port: (k: number) => PortName;
  render: DailyRenderers;
  /** What the configuration says of a port (full name): shut, its description. */
  portConfig: (running: ConfigStore, port: string) => PortConfig;
}
