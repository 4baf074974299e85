// Run before anything else by `npm start` and friends, in plain JavaScript so that
// even an old Node reads it: stops with one sentence when Node is older than the
// `engines` range in package.json.
import { readFileSync } from 'node:fs';

/** Whether `version` (e.g. "20.20.2") satisfies a `>=major.minor[.patch]` range. */
export function satisfiesMinimum(version, range) {
  const want = /^>=\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(range.trim());
  if (!want) return true;
  const have = version.replace(/^v/, '').split('.').map((part) => Number.parseInt(part, 10) || 0);
  for (let i = 0; i < 3; i++) {
    const needed = Number.parseInt(want[i + 1] ?? '0', 10) || 0;
    if ((have[i] ?? 0) !== needed) return (have[i] ?? 0) > needed;
  }
  return true;
}

export function nodeProblem(version = process.versions.node) {
  const range = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).engines.node;
  return satisfiesMinimum(version, range)
    ? null
    : `Stockwise needs Node.js ${range}, and this is Node.js ${version}: install a newer Node.js (e.g. 20 LTS) and run the command again.`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const problem = nodeProblem(process.env.STOCKWISE_NODE_VERSION_FOR_TEST || undefined);
  if (problem) {
    console.error(`[stockwise] ${problem}`);
    process.exit(1);
  }
}
