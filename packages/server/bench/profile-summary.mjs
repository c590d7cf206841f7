/**
 * Summarises a V8 `.cpuprofile` (from `pnpm bench:server --profile`): the
 * share of samples by package or source folder (self time) and the hottest
 * functions. Usage: node bench/profile-summary.mjs <file.cpuprofile> [top=25]
 */
import { readFileSync } from 'node:fs';

const [file, topArg] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: node bench/profile-summary.mjs <file.cpuprofile> [top]\n');
  process.exit(2);
}
const top = Number(topArg ?? 25);
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map();
for (const id of profile.samples) self.set(id, (self.get(id) ?? 0) + 1);
const total = profile.samples.length;

/** Where a function lives: a package name, a folder of our source, or a V8 category. */
function area(url) {
  if (!url) return '(v8/native)';
  const pkg = /node_modules\/\.pnpm\/[^/]+\/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  const ours = /packages\/(engine|server)\/dist\/([^/]+)/.exec(url);
  if (ours) return `${ours[1]}/${ours[2]}`;
  if (url.startsWith('node:')) return 'node';
  return url
    .replace(/^file:\/\//, '')
    .split('/')
    .slice(-2)
    .join('/');
}

const areas = new Map();
const fns = new Map();
for (const [id, count] of self) {
  const n = byId.get(id);
  const cf = n.callFrame;
  const a = area(cf.url);
  areas.set(a, (areas.get(a) ?? 0) + count);
  const key = `${cf.functionName || '(anonymous)'} ${a}:${cf.lineNumber + 1}`;
  fns.set(key, (fns.get(key) ?? 0) + count);
}
const pct = (c) => `${((100 * c) / total).toFixed(1).padStart(5)}%`;
process.stdout.write(`${total} samples\n\nself time by area:\n`);
for (const [a, c] of [...areas].sort((x, y) => y[1] - x[1]).slice(0, top)) {
  process.stdout.write(`${pct(c)}  ${a}\n`);
}
process.stdout.write('\nhottest functions (self):\n');
for (const [f, c] of [...fns].sort((x, y) => y[1] - x[1]).slice(0, top)) {
  process.stdout.write(`${pct(c)}  ${f}\n`);
}
