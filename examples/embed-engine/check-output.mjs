// CI check: runs the built example and compares what it prints with the
// output shown in docs/engine.md, so the page cannot drift from the code.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const printed = execFileSync(
  process.execPath,
  [new URL('dist/main.js', import.meta.url).pathname],
  { encoding: 'utf8' },
);
process.stdout.write(printed);
const page = readFileSync(new URL('../../docs/engine.md', import.meta.url), 'utf8');
const shown = page.split('```text\n')[1]?.split('```')[0];
if (shown !== printed) {
  console.error(
    '\nexamples/embed-engine prints something other than docs/engine.md shows. Expected:\n',
  );
  console.error(shown);
  process.exit(1);
}
console.log('\noutput matches docs/engine.md');
