// CI check of examples/pos-import: starts the built server (packages/server/dist/dev.js,
// in-memory PGlite with the demo program), takes the admin key it prints, runs the
// import twice and checks that the first run imports everything and the second
// changes nothing (same summary of "already imported", same balances, same cards).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTesseraClient } from '@tessera/sdk';

const root = fileURLToPath(new URL('../../', import.meta.url));
const here = fileURLToPath(new URL('.', import.meta.url));
const port = 4600 + Math.floor(Math.random() * 400);
const url = `http://127.0.0.1:${port}/graphql`;
const server = spawn(process.execPath, ['packages/server/dist/dev.js'], {
  cwd: root,
  env: { ...process.env, PORT: String(port), TESSERA_DATA_DIR: 'memory://', LOG_LEVEL: 'warn' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
let out = '';
server.stdout.on('data', (d) => {
  out += d;
});

const results = [];
function check(name, ok, detail = '') {
  results.push(ok);
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${ok || !detail ? '' : `\n     ${detail}`}`);
}

async function adminKey() {
  for (let i = 0; i < 240; i++) {
    const m = /^\s+admin\s+(\S+)/m.exec(out);
    if (m) return m[1];
    if (server.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the server printed no admin key:\n${out}`);
}

function runImport(key, file = 'sample/members.csv') {
  const r = spawnSync(process.execPath, ['dist/main.js', file], {
    cwd: here,
    env: { ...process.env, TESSERA_URL: url, TESSERA_ADMIN_KEY: key },
    encoding: 'utf8',
  });
  process.stdout.write(r.stdout + r.stderr);
  return r;
}

async function snapshot(tessera) {
  const rows = [];
  const page = await tessera.members.list({ first: 100 });
  for (const m of page.nodes) {
    const b = await tessera.points.balance(m.id);
    rows.push(`${m.name}|${m.tags.join(',')}|${m.activeCard?.number ?? '-'}|${b.balance}`);
  }
  return rows.sort();
}

try {
  const key = await adminKey();
  const tessera = createTesseraClient({ url, apiKey: key });
  const first = runImport(key);
  check('first run exits 0', first.status === 0);
  check(
    'first run: 5 enrolled, 1 matched by email (demo member Li Wei), 4 cards, 5 balances',
    first.stdout.includes(
      'Members: 5 enrolled, 1 matched by email, 0 already imported; cards: 4 issued; balances: 5 credited, 0 already imported; 0 failed',
    ),
  );
  const after1 = await snapshot(tessera);
  const li = after1.find((r) => r.startsWith('Li Wei|'));
  // Li Wei (demo) had 50 welcome points + demo purchases; the import adds 1,200.
  check('Li Wei is tagged pos:POS-0001', li?.includes('pos:POS-0001') === true, li);
  const chen = after1.find((r) => r.startsWith('Chen Jing|'));
  check(
    'Chen Jing enrolled with card and 350 points',
    chen === 'Chen Jing|pos:POS-0002|8800000000000002|350',
    chen,
  );
  const second = runImport(key);
  check('second run exits 0', second.status === 0);
  check(
    'second run changes nothing: everything already imported',
    second.stdout.includes(
      'Members: 0 enrolled, 0 matched by email, 6 already imported; cards: 0 issued; balances: 0 credited, 5 already imported; 0 failed',
    ),
  );
  const after2 = await snapshot(tessera);
  check(
    'members, cards and balances identical after the second run',
    JSON.stringify(after2) === JSON.stringify(after1),
  );
  // Another admin key (same program): the ledger check still prevents a second credit.
  const other = await tessera.programs.createApiKey({ role: 'admin', label: 'second importer' });
  const third = runImport(other.secret);
  check(
    'a run with another admin key credits nothing twice',
    third.status === 0 && JSON.stringify(await snapshot(tessera)) === JSON.stringify(after1),
  );
  // Bad rows are reported one by one, change nothing, and make the run exit 1.
  const dir = mkdtempSync(join(tmpdir(), 'pos-import-'));
  const bad = join(dir, 'bad.csv');
  writeFileSync(
    bad,
    'external_id,name,email,phone,birthday,card_number,points\n' +
      'POS-0099,,nameless@example.com,,,,10\n' +
      'POS-0100,Bad Birthday,,,1990-13-40,,10\n' +
      'POS-0101,Bad Points,,,,,-5\n',
  );
  const failing = runImport(key, bad);
  rmSync(dir, { recursive: true, force: true });
  check(
    'bad rows: exit 1 and 3 failed',
    failing.status === 1 && failing.stdout.includes('; 3 failed'),
  );
  check(
    'bad rows: the server refuses the impossible birthday with its typed error',
    /POS-0100 .*FAILED BAD_USER_INPUT/.test(failing.stdout),
  );
  check(
    'bad rows changed nothing',
    JSON.stringify(await snapshot(tessera)) === JSON.stringify(after1),
  );
} catch (e) {
  check(`check threw: ${e instanceof Error ? e.stack : e}`, false);
} finally {
  server.kill('SIGTERM');
}
const failed = results.filter((ok) => !ok).length;
if (failed) console.log(out.slice(-3000));
console.log(`${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
