/**
 * `pnpm bench:server`: the server under load on PostgreSQL.
 *
 * Needs `pnpm build` first (it runs the built server, `dist/main.js`) and a
 * PostgreSQL at BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres)
 * where it may create and drop a database of its own. It:
 *   1. creates a fresh database, applies the migrations, creates the program
 *      (bench/program.mjs) with the real services and generates its members
 *      and their history with set-based SQL (bench/seed.mjs), then checks
 *      every balance = sum of entries = sum of lots;
 *   2. starts `node dist/main.js` (NODE_ENV=production, LOG_LEVEL=warn,
 *      sweeps off, TESSERA_SQL_STATS=true) as a child process;
 *   3. drives it from a second process (bench/load.mjs, autocannon) on
 *      loopback, per scenario a warm-up then a measured run, and reads the
 *      server's statement counter before and after the measured run;
 *   4. prints requests/s, p50/p99 latency, failed answers, SQL statements per
 *      request, the server's peak RSS and the load average; the baselines
 *      (`{ viewer }` through GraphQL, `/readyz` = one `select 1`) are measured
 *      in the same run and each scenario is given as a ratio to them;
 *   5. checks the ledger invariants again (the load's writes included),
 *      stops the server and drops the database.
 *
 * Options: --members N (100000), --seconds S (15), --warmup S (3),
 * --scenarios a,b,... (all), --profile (the server runs with --cpu-prof;
 * profiles go to bench/profiles/), --keep (do not drop the database).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, waitReady } from '../scripts/serverReady.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const serverDir = resolve(here, '..');
const dist = join(serverDir, 'dist');
for (const file of [join(dist, 'main.js'), resolve(serverDir, '../engine/dist/index.js')]) {
  if (!existsSync(file)) {
    process.stderr.write(
      `bench:server runs the built server: ${file} is missing. Run \`pnpm build\` at the repository root first.\n`,
    );
    process.exit(2);
  }
}
await import('reflect-metadata');
const { openDatabase } = await import('../dist/db/orm.js');
const { createProgram } = await import('../dist/services/programs.js');
const { insertApiKey } = await import('../dist/services/apiKeys.js');
const { signMemberToken } = await import('../dist/services/memberTokens.js');
const { Program, Store } = await import('../dist/entities/index.js');
const { PROGRAM_ID, benchConfig } = await import('./program.mjs');
const { ledgerMismatches, seedHistory } = await import('./seed.mjs');

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}
const MEMBERS = Number(option('members', '100000'));
const SECONDS = Number(option('seconds', '15'));
const WARMUP = Number(option('warmup', '3'));
const PROFILE = process.argv.includes('--profile');
const KEEP = process.argv.includes('--keep');
const ALL = [
  ['readyz', 32],
  ['viewer', 8],
  ['viewer', 32],
  ['quote', 8],
  ['quote', 32],
  ['quoteMember', 32],
  ['record', 8],
  ['record', 32],
];
const wanted = option('scenarios', null)?.split(',');
const RUNS = wanted ? ALL.filter(([s]) => wanted.includes(s)) : ALL;

const baseUrl = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const dbName = `tessera_bench_${Date.now()}_${process.pid}`;
const dbUrl = new URL(baseUrl);
dbUrl.pathname = `/${dbName}`;

const log = (line) => process.stdout.write(`${line}\n`);
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

function runChild(cmd, args, opts = {}) {
  return new Promise((ok, fail) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'], ...opts });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.on('error', fail);
    child.on('exit', (code) =>
      code === 0 ? ok(out) : fail(new Error(`${cmd} ${args[0]} exited ${code}`)),
    );
  });
}

/** CPU seconds (user + system) a process has used, or 0 once it is gone. */
function cpuSeconds(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS;
  } catch {
    return 0;
  }
}
const TICKS = 100; // getconf CLK_TCK on Linux

/** Peak resident set of a process (VmHWM) and the current one, in MB. */
function memoryOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { hwm: kb('VmHWM') / 1024, rss: kb('VmRSS') / 1024 };
}

// 1. Database, program, history.
const { MikroORM, PostgreSqlDriver } = await import('@mikro-orm/postgresql');
const maintenance = await MikroORM.init({
  driver: PostgreSqlDriver,
  clientUrl: baseUrl,
  entities: [Program],
  discovery: { warnWhenNoEntities: false },
  debug: false,
  pool: { min: 0, max: 1 },
});
const dropDatabase = async () => {
  if (KEEP) {
    log(`kept database ${dbName}`);
  } else {
    await maintenance.em
      .getConnection()
      .execute(`drop database if exists "${dbName}" with (force)`);
  }
  await maintenance.close(true);
};
await maintenance.em.getConnection().execute(`create database "${dbName}"`);

let server = null;
try {
  const started = Date.now();
  const db = await openDatabase({ kind: 'postgres', url: dbUrl.toString() });
  const now = new Date();
  await createProgram(
    db.orm.em.fork(),
    { id: PROGRAM_ID, name: 'Bench', config: benchConfig(now) },
    new Date(now.getTime() - 400 * 86_400_000),
  );
  const em = db.orm.em.fork();
  const stores = [
    ['SH-001', 'Shanghai Flagship'],
    ['SH-002', 'Shanghai Xintiandi'],
    ['WEB', 'Online shop'],
  ].map(([code, name]) =>
    em.create(Store, {
      id: crypto.randomUUID(),
      programId: PROGRAM_ID,
      code,
      name,
      createdAt: new Date(now.getTime() - 400 * 86_400_000),
    }),
  );
  const flagship = stores[0];
  const storeKey = insertApiKey(
    em,
    { programId: PROGRAM_ID, role: 'store', storeId: flagship.id, label: 'Bench POS' },
    now,
  );
  await em.flush();
  const history = stores[1];
  const counts = await seedHistory({
    conn: db.orm.em.getConnection(),
    programId: PROGRAM_ID,
    members: MEMBERS,
    storeId: history.id,
    storeCode: history.code,
    actor: `key:${storeKey.apiKey.id}`,
    now,
  });
  const seeded = await ledgerMismatches(db.orm.em.getConnection());
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  log(
    `generated ${counts.members} members, ${counts.purchases} purchases, ${counts.entries} ledger entries, ` +
      `${counts.lots} lots, ${counts.coupons} coupons, ${counts.events} outbox events in ${seconds} s; ` +
      `ledger check: ${seeded.mismatched} of ${seeded.accounts} points accounts differ from their entries or lots`,
  );
  if (seeded.mismatched !== 0) throw new Error('generated history breaks the ledger invariants');

  // Fixture for the load generator: random members, their spring coupon and a member token.
  const program = await db.orm.em.fork().findOneOrFail(Program, { id: PROGRAM_ID });
  const sample = await db.orm.em
    .getConnection()
    .execute(
      `select m.id, c.code from member m join coupon c on c.owner_member_id = m.id order by random() limit 2000`,
    );
  const iat = Math.floor(Date.now() / 1000);
  const fixture = {
    storeKey: storeKey.secret,
    members: sample.map((m) => ({
      id: m.id,
      code: m.code,
      token: signMemberToken(program.tokenSecret, {
        pid: PROGRAM_ID,
        sub: m.id,
        iat,
        exp: iat + 3600,
      }),
    })),
  };
  const fixturePath = join(tmpdir(), `${dbName}.json`);
  writeFileSync(fixturePath, JSON.stringify(fixture));
  await db.close();

  // 2. The server.
  const port = await freePort();
  const profileDir = join(here, 'profiles');
  if (PROFILE) mkdirSync(profileDir, { recursive: true });
  server = spawn(
    process.execPath,
    [...(PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []), join(dist, 'main.js')],
    {
      cwd: serverDir,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: {
        ...process.env,
        NODE_ENV: 'production',
        LOG_LEVEL: 'warn',
        HOST: '127.0.0.1',
        PORT: String(port),
        DATABASE_URL: dbUrl.toString(),
        TESSERA_SWEEP_INTERVAL_MS: '0',
        TESSERA_SQL_STATS: 'true',
      },
    },
  );
  const origin = `http://127.0.0.1:${port}`;
  if (!(await waitReady(origin, { gone: () => server.exitCode !== null, timeoutMs: 30_000 }))) {
    throw new Error('the server did not start');
  }
  const stats = async () => (await fetch(`${origin}/debug/sql-stats`)).json();
  // CPU of the PostgreSQL backends serving the bench database.
  const backends = async () => {
    const rows = await maintenance.em
      .getConnection()
      .execute('select pid from pg_stat_activity where datname = ?', [dbName]);
    return new Map(rows.map((r) => [r.pid, cpuSeconds(r.pid)]));
  };

  // 3. Scenarios.
  log(
    `server pid ${server.pid} on ${origin}; ${availableParallelism()} cores; load average ${load()}; ` +
      `${SECONDS} s per run after ${WARMUP} s warm-up`,
  );
  const results = [];
  for (const [scenario, connections] of RUNS) {
    const drive = (seconds, tag) =>
      runChild(process.execPath, [
        join(here, 'load.mjs'),
        JSON.stringify({
          url: `${origin}/graphql`,
          scenario,
          connections,
          seconds,
          fixture: fixturePath,
          tag,
        }),
      ]).then((out) => JSON.parse(out.trim().split('\n').pop()));
    if (WARMUP > 0) await drive(WARMUP, 'w');
    const before = await stats();
    const cpuBefore = cpuSeconds(server.pid);
    const pgBefore = await backends();
    let peak = memoryOf(server.pid).rss;
    const poll = setInterval(() => {
      peak = Math.max(peak, memoryOf(server.pid).rss);
    }, 200);
    const r = await drive(SECONDS, 'm');
    clearInterval(poll);
    // Requests the load generator gave up on at the end may still be running: wait for the
    // server to answer them, then count statements per request the server answered.
    let after = await stats();
    for (let settled = 0; settled < 3; ) {
      await new Promise((ok) => setTimeout(ok, 200));
      const next = await stats();
      settled = next.answered === after.answered ? settled + 1 : 0;
      after = next;
    }
    const answered = after.answered - before.answered; // stats reads are not counted
    const serverCpu = cpuSeconds(server.pid) - cpuBefore;
    let pgCpu = 0;
    for (const [pid, cpu] of await backends()) pgCpu += cpu - (pgBefore.get(pid) ?? 0);
    const stmts = after.total - before.total; // the stats endpoint itself sends no SQL
    const kinds = {};
    for (const [k, v] of Object.entries(after.byKind)) kinds[k] = v - (before.byKind[k] ?? 0);
    const mem = memoryOf(server.pid);
    results.push({
      scenario,
      connections,
      ...r,
      answered,
      serverMs: (1000 * serverCpu) / answered,
      pgMs: (1000 * pgCpu) / answered,
      sqlPerRequest: stmts / answered,
      kinds,
      rssPeak: Math.max(peak, mem.rss),
      hwm: mem.hwm,
      load: loadavg()[0],
    });
    if (r.firstBad) log(`  ${scenario} c${connections}: first failed answer: ${r.firstBad}`);
  }

  // 4. Figures.
  const base = (c) =>
    results.find((x) => x.scenario === 'viewer' && x.connections === c) ??
    results.find((x) => x.scenario === 'viewer');
  const pad = (s, n) => String(s).padStart(n);
  const cores = availableParallelism();
  const capacity = (x) => (cores * 1000) / (x.serverMs + x.pgMs);
  log('');
  log(
    `${'scenario'.padEnd(12)}${pad('conns', 6)}${pad('req/s', 8)}${pad('x viewer', 9)}${pad('p50 ms', 8)}` +
      `${pad('p99 ms', 8)}${pad('failed', 7)}${pad('SQL/req', 8)}${pad('node ms', 8)}${pad('pg ms', 7)}` +
      `${pad('cap/s', 7)}${pad('RSS MB', 7)}${pad('load1', 6)}  statements by kind per request`,
  );
  for (const x of results) {
    const b = base(x.connections);
    const perKind = Object.entries(x.kinds)
      .filter(([, v]) => v > 0)
      .map(([k, v]) => `${k} ${(v / x.answered).toFixed(2)}`)
      .join(', ');
    log(
      `${x.scenario.padEnd(12)}${pad(x.connections, 6)}${pad(x.rps.toFixed(0), 8)}` +
        `${pad(b ? (x.rps / b.rps).toFixed(2) : '-', 9)}${pad(x.p50, 8)}${pad(x.p99, 8)}` +
        `${pad(x.bad + x.errors + x.timeouts, 7)}${pad(x.sqlPerRequest.toFixed(2), 8)}` +
        `${pad(x.serverMs.toFixed(2), 8)}${pad(x.pgMs.toFixed(2), 7)}${pad(capacity(x).toFixed(0), 7)}` +
        `${pad(x.rssPeak.toFixed(0), 7)}${pad(x.load.toFixed(1), 6)}  ${perKind}`,
    );
  }
  const hwm = memoryOf(server.pid).hwm;
  log('');
  log(
    `server peak RSS (VmHWM) over the whole run: ${hwm.toFixed(0)} MB; load average now ${load()}`,
  );
  log(
    'x viewer = requests/s relative to `{ viewer { kind programId storeId } }` at the same concurrency (same run); ' +
      'failed = transport errors, timeouts, non-2xx and answers with GraphQL errors or not APPLIED/valid; ' +
      'node ms / pg ms = CPU time per request of the server process / of its PostgreSQL backends; ' +
      `cap/s = ${cores} cores / (node ms + pg ms): the rate the server and PostgreSQL could sustain with the cores to themselves.`,
  );
  const quote = results.filter((x) => x.scenario.startsWith('quote'));
  const record = results.filter((x) => x.scenario === 'record');
  const verdict = (ok) => (ok ? 'met' : 'NOT met');
  if (quote.length > 0) {
    const best = Math.max(...quote.map((x) => x.rps));
    const p99 = Math.max(...quote.map((x) => x.p99));
    const sql = Math.max(...quote.map((x) => x.sqlPerRequest));
    log(
      `target quote >= 1000 req/s, p99 <= 20 ms, <= 3 SQL: best ${best.toFixed(0)} req/s (${verdict(best >= 1000)}), ` +
        `worst p99 ${p99} ms (${verdict(p99 <= 20)}), ${sql.toFixed(2)} SQL (${verdict(sql <= 3)})`,
    );
  }
  if (record.length > 0) {
    const best = Math.max(...record.map((x) => x.rps));
    const failed = record.reduce((s, x) => s + x.bad + x.errors + x.timeouts, 0);
    log(
      `target record purchase >= 300 req/s, zero errors: best ${best.toFixed(0)} req/s (${verdict(best >= 300)}), ` +
        `${failed} failed (${verdict(failed === 0)})`,
    );
  }
  log(`target RSS <= 300 MB: ${hwm.toFixed(0)} MB (${verdict(hwm <= 300)})`);

  // 5. Invariants after the load, then stop.
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  server = null;
  const check = await openDatabase({ kind: 'postgres', url: dbUrl.toString() });
  const after = await ledgerMismatches(check.orm.em.getConnection());
  const [{ n }] = await check.orm.em
    .getConnection()
    .execute(`select count(*)::int as n from purchase where order_id like 'bench-%'`);
  await check.close();
  log(
    `after the load: ${n} purchases recorded by the bench; ${after.mismatched} of ${after.accounts} points accounts ` +
      'differ from their entries or lots',
  );
  if (after.mismatched !== 0) process.exitCode = 1;
  if (PROFILE) log(`CPU profiles in ${profileDir}`);
} finally {
  if (server) {
    server.kill('SIGKILL');
    await new Promise((r) => server.once('exit', r));
  }
  await dropDatabase();
}
