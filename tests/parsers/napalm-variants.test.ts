/** Every parser on every capture taken from NAPALM's mocked device data (tests/fixtures/napalm/README.md). */
import { variantTests } from './variant-cases.js';

variantTests('napalm', ['ios', 'nxos_ssh'], (p) => `napalm-${p}`);
