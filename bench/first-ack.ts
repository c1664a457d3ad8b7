/**
 * npm run bench:first-ack: the first slash command after start-up, acked how fast? And how long
 * does the start take? Socket Mode and HTTP mode, for `npm start` (tsx compiling TypeScript as
 * it loads) and for the compiled build (`node dist/src/main.js`, after `npm run build`), each a
 * fresh process against the fake Slack and the built-in lab. Figures, not assertions.
 *   npm run bench:first-ack            3 runs of each
 *   npm run bench:first-ack -- 5       5 runs of each
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { FIRST_ACK_LEGEND, firstAckLine, type FrontMode } from './first-ack-run.js';

const ROOT = new URL('../', import.meta.url).pathname;
const runs = Number(process.argv[2] ?? 3);

/** The entry points to compare: npm start's, and the build's when there is one. */
function firstAckVariants(): [string, string[]][] {
  const variants: [string, string[]][] = [['npm start (tsx)', ['--import', 'tsx', 'src/main.ts']]];
  if (existsSync(join(ROOT, 'dist/src/main.js'))) variants.push(['compiled (dist)', ['dist/src/main.js']]);
  else console.log('no dist/: run npm run build first to measure the compiled entry point');
  return variants;
}

console.log(`netops first-ack bench: node ${process.version}, ${runs} fresh processes each`);
console.log(`start: spawn to "Socket Mode connected" or "listening on"; ${FIRST_ACK_LEGEND}`);
const variants = firstAckVariants();
for (const mode of ['socket', 'http'] as FrontMode[])
  for (const [name, argv] of variants) console.log(await firstAckLine(name, mode, argv, runs));
