/**
 * A node:test reporter (used beside the TAP reporter by `npm test`) that prints one closing line
 * saying how many tests check the product and how many check the test doubles themselves (the
 * fake Slack Web API and the lab emulator), e.g.
 *   tests: 297 product, 64 test doubles; 361 passed, 0 failed, 0 skipped
 * A test counts where it is defined: the suites that fake-slack.test.ts imports are doubles too.
 */
import { relative, sep } from 'node:path';

/** Test files (paths from the repo root) that test a double, not the product. */
const DOUBLES = [
  /^tests\/slack\/fake-slack[^/]*$/, // the fake Slack Web API and Socket Mode server
  /^tests\/lab-tools\//, // the simulated lab against the recorded sessions and real tools
  /^tests\/lab\//, // the lab emulator's own tests, should they get a folder
];

/**
 * Whether a test file checks the product or a test double.
 * @param {string | undefined} file absolute path, as the runner reports it
 * @returns {'product' | 'test doubles'}
 */
export function kindOf(file, root = process.cwd()) {
  if (!file) return 'product';
  const path = relative(root, file).split(sep).join('/');
  return DOUBLES.some((d) => d.test(path)) ? 'test doubles' : 'product';
}

/**
 * @typedef {{ type: string, data: { file?: string, skip?: boolean | string, todo?: boolean | string, details?: { type?: string } } }} TestEvent
 * @typedef {{ product: number, doubles: number, passed: number, failed: number, skipped: number }} Tally
 */

/**
 * @param {Tally} t
 * @param {TestEvent} e
 */
function count(t, e) {
  // Suites (describe) are containers: their tests are counted, not they.
  if ((e.type !== 'test:pass' && e.type !== 'test:fail') || e.data.details?.type === 'suite') return;
  if (kindOf(e.data.file) === 'product') t.product++;
  else t.doubles++;
  if (e.data.skip || e.data.todo) t.skipped++;
  else if (e.type === 'test:pass') t.passed++;
  else t.failed++;
}

/**
 * Plain JavaScript: Node 20 loads reporters before `--import tsx` can teach it TypeScript.
 * @param {AsyncIterable<TestEvent>} source
 */
export default async function* countReporter(source) {
  /** @type {Tally} */
  const t = { product: 0, doubles: 0, passed: 0, failed: 0, skipped: 0 };
  for await (const e of source) count(t, e);
  yield `tests: ${t.product} product, ${t.doubles} test doubles; ${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped\n`;
}
