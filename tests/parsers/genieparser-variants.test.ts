/** Every parser on every capture taken from genieparser's golden outputs (tests/fixtures/genieparser/README.md). */
import { variantTests } from './variant-cases.js';

variantTests('genieparser', ['ios', 'iosxe', 'nxos', 'iosxr', 'junos']);
