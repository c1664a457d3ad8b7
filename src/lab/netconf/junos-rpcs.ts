/**
 * What a simulated Junos device serves on its `netconf` SSH subsystem: the capabilities a
 * Junos hello names (ncclient and Ansible tell Junos by `http://xml.juniper.net/netconf/junos/1.0`),
 * the `junos` namespace its replies declare, and the operations junipernetworks.junos sends.
 */
import type { EmulatedDevice } from '../emulated-device.js';
import { JunosConfigRpcs } from './junos-config-rpcs.js';
import { chassisInventory, interfaceInformation, softwareInformation } from './junos-operational.js';
import { BASE_1_0, BASE_1_1, type NetconfDevice } from './session.js';

export const JUNOS_CAPABILITIES = [
  BASE_1_0,
  BASE_1_1,
  'urn:ietf:params:netconf:capability:candidate:1.0',
  'urn:ietf:params:netconf:capability:confirmed-commit:1.0',
  'urn:ietf:params:netconf:capability:validate:1.0',
  'urn:ietf:params:xml:ns:netconf:base:1.0',
  'urn:ietf:params:xml:ns:netconf:capability:candidate:1.0',
  'urn:ietf:params:xml:ns:netconf:capability:confirmed-commit:1.0',
  'urn:ietf:params:xml:ns:netconf:capability:validate:1.0',
  'http://xml.juniper.net/netconf/junos/1.0',
  'http://xml.juniper.net/dmi/system/1.0',
];

const JUNOS_NS = 'http://xml.juniper.net/junos/17.3R2/junos';

/** One NETCONF session's view of the device, for the SSH user that opened it. */
export function junosNetconf(d: EmulatedDevice, user: string): NetconfDevice {
  const config = new JunosConfigRpcs(d, user);
  return {
    capabilities: JUNOS_CAPABILITIES,
    replyNamespaces: { junos: JUNOS_NS },
    operations: {
      'get-software-information': () => softwareInformation(d),
      'get-chassis-inventory': () => chassisInventory(d),
      'get-interface-information': (op) => interfaceInformation(d, op),
      lock: (op) => config.lock(op),
      unlock: (op) => config.unlock(op),
      'load-configuration': (op) => config.load(op),
      'get-configuration': (op) => config.getConfiguration(op),
      'get-config': () => config.getConfig(),
      validate: () => config.validate(),
      'commit-configuration': (op) => config.commit(op),
      commit: (op) => config.commit(op),
      'discard-changes': () => config.discard(),
    },
    closed: () => config.closed(),
  };
}
