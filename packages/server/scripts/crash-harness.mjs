#!/usr/bin/env node
// Crash-and-replay harness (RELIABILITY.md scenarios 6, 7 and 8).
//
//   pnpm build                                            # the harness runs dist/main.js
//   node packages/server/scripts/crash-harness.mjs        # CI profile (pnpm test:crash)
//   node packages/server/scripts/crash-harness.mjs --profile long [--seed 1234]
//   node packages/server/scripts/crash-harness.mjs --canary   # must FAIL: retries take fresh keys
//
// Needs PostgreSQL at DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres,
// also TEST_DATABASE_URL): it creates a throwaway database there and drops it.
// Phase 1 runs the built server as a child process, drives mixed value-moving
// writes (purchases, some with coupons, points or stored value as payment;
// full and partial returns; point redemptions, holds captured or released,
// adjustments, transfers, coupon redemptions, stored-value top-ups) from several workers, SIGKILLs the
// server at seeded random moments and restarts it; every write not acknowledged is sent again with the
// same idempotency key until it is. Then scenario 8 (purchases delivered three
// times, shuffled) and a built-in canary (fresh keys on retry must be caught).
// Phase 2 does the same against a PostgreSQL cluster of its own (initdb on a
// spare port, as the `postgres` user when root) stopped with
// `pg_ctl stop -m immediate` mid-run; skipped with the reason printed when the
// machine does not allow it. Checks in SQL and through the API: no duplicate
// effect, no lost acknowledged write, balance = entries = lots for every member,
// stored value = entries = what the acknowledged answers add up to.
// Prints the figures, then `N passed, N failed`; exits 1 on any failure.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));
const mainJs = resolve(here, '..', 'dist', 'main.js');

const PROFILES = {
  ci: {
    kill: { writes: 1200, kills: 3, members: 30, workers: 6 },
    pg: { writes: 500, stops: 2, members: 20, workers: 4 },
    replay: { pairs: 10, perMember: 5 },
    canary: { writes: 250, members: 10, workers: 4, dropRate: 0.08 },
    dropRate: 0.02,
  },
  long: {
    kill: { writes: 10000, kills: 12, members: 150, workers: 8 },
    pg: { writes: 4000, stops: 6, members: 60, workers: 6 },
    replay: { pairs: 40, perMember: 8 },
    canary: { writes: 600, members: 20, workers: 4, dropRate: 0.08 },
    dropRate: 0.02,
  },
};

// `pnpm test:crash -- --profile long` may pass the `--` along.
const argv = process.argv.slice(2).filter((a, i) => !(i === 0 && a === '--'));
const { values: args } = parseArgs({
  args: argv,
  options: {
    profile: { type: 'string', default: 'ci' },
    seed: { type: 'string' },
    canary: { type: 'boolean', default: false },
    'keep-logs': { type: 'boolean', default: false },
  },
});
const profile = PROFILES[args.profile];
if (!profile) {
  console.error(`unknown profile ${args.profile} (ci, long)`);
  process.exit(2);
}
if (!existsSync(mainJs)) {
  console.error(`${mainJs} is missing: run \`pnpm build\` first`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}

const { createDatabase, bootstrapProgram, openSql } = await import('./crash/database.mjs');
const { superviseServer, freePort } = await import('./crash/serverProcess.mjs');
const { createCluster } = await import('./crash/pgCluster.mjs');
const { createRun, chaos, enrolMembers, programConfig } = await import('./crash/workload.mjs');
const { checkRun } = await import('./crash/checks.mjs');
const { tripleDelivery } = await import('./crash/replay.mjs');
const { prng } = await import('./crash/prng.mjs');

const seed = args.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(args.seed);
const rng = prng(seed);
const baseUrl =
  process.env.DATABASE_URL ||
  process.env.TEST_DATABASE_URL ||
  'postgres://postgres@127.0.0.1:5432/postgres';
const logDir = mkdtempSync(join(tmpdir(), 'tessera-crash-'));
const started = Date.now();
const results = [];
const skipped = [];
let failedLogs = false;

console.log(
  `crash harness: profile ${args.profile}, seed ${seed}${args.canary ? ', CANARY (fresh key on every retry: must fail)' : ''}`,
);
console.log(`  server ${mainJs}, logs in ${logDir}`);

// Interrupted (Ctrl-C, CI timeout): kill the server, stop the cluster, drop the databases.
const cleanups = new Set();
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, async () => {
    console.log(`crash harness: ${signal}, cleaning up`);
    for (const c of [...cleanups].reverse())
      await Promise.resolve()
        .then(c)
        .catch(() => undefined);
    process.exit(130);
  });
}
const guard = (fn) => {
  cleanups.add(fn);
  return fn;
};

const check = (phase, name, ok, detail = '') => {
  results.push({ phase, name, ok, detail });
  console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${phase}: ${name}${detail ? ` (${detail})` : ''}`);
  if (!ok) failedLogs = true;
};

const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;

function printFigures(phase, run, checked, extra) {
  const s = run.stats;
  const reasons = Object.entries(s.retryReasons)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  console.log(`  ${phase} figures:`);
  console.log(
    `    writes ${s.writes}, acknowledged ${s.acknowledged}, attempts ${s.attempts}, retries ${s.retries}, acks dropped by client ${s.droppedAcks}`,
  );
  console.log(`    ${extra}`);
  const mix = {};
  for (const o of run.ops) {
    const outcome = o.ack ? o.ack.outcome : o.error ? 'ERROR' : 'UNACKNOWLEDGED';
    mix[o.kind] = mix[o.kind] ?? {};
    mix[o.kind][outcome] = (mix[o.kind][outcome] ?? 0) + 1;
  }
  const mixText = Object.entries(mix)
    .map(
      ([k, v]) =>
        `${k} ${Object.entries(v)
          .map(([o, n]) => `${n} ${o.toLowerCase()}`)
          .join('/')}`,
    )
    .join(', ');
  console.log(`    mix: ${mixText}`);
  console.log(
    `    duplicates ${checked.figures.duplicates}, lost ${checked.figures.lost}, never acknowledged ${s.neverAcknowledged.length}, unexpected errors ${s.unexpected.length}`,
  );
  console.log(
    `    members checked ${checked.figures.membersChecked}, invariant violations ${checked.figures.invariantViolations}, ledger entries ${checked.figures.entries}, purchases ${checked.figures.purchases}, returns ${checked.figures.returns}, coupon redemptions ${checked.figures.redemptions}, stored-value accounts ${checked.figures.storedValueMembers}, purchases paid with stored value ${checked.figures.storedValuePayments}, holds ${checked.figures.holds}`,
  );
  if (reasons) console.log(`    retried because: ${reasons}`);
}

function recordRunChecks(phase, run, checked) {
  check(
    phase,
    'every write acknowledged',
    run.stats.neverAcknowledged.length === 0,
    run.stats.neverAcknowledged.slice(0, 5).join(', '),
  );
  check(
    phase,
    'no unexpected error answer',
    run.stats.unexpected.length === 0,
    run.stats.unexpected
      .slice(0, 3)
      .map((u) => `${u.op} ${u.code} ${u.message}`)
      .join('; '),
  );
  for (const c of checked.checks) check(phase, c.name, c.ok, c.ok ? '' : `${c.count}: ${c.detail}`);
}

/** Makes a fresh program on `db` and enrols its members through the running `server`; answers what a run needs. */
async function prepare(db, programId, members, server) {
  const adminKey = await bootstrapProgram(db.url, programId, programConfig());
  const list = await enrolMembers(server.url, adminKey, members, programId);
  return { adminKey, members: list };
}

/**
 * Makes the program `programId` on `db` (before the server starts; further
 * programs are added later), then starts the built server against `db` under
 * supervision, logging to `server-<logName>.log`.
 */
async function startServer(db, programId, logName) {
  const adminKey = await bootstrapProgram(db.url, programId, programConfig());
  const server = await superviseServer({
    mainJs,
    databaseUrl: db.url,
    port: await freePort(),
    logFile: join(logDir, `server-${logName}.log`),
  });
  guard(server.abort);
  return { adminKey, server };
}

/** The workload of the phase profile `p` over `members`, as the command line and profile set it. */
function phaseRun(label, p, { server, adminKey, members }) {
  return createRun({
    label,
    server,
    adminKey,
    members,
    rng,
    total: p.writes + members.length,
    workers: p.workers,
    canary: args.canary,
    dropRate: profile.dropRate,
  });
}

// Phase 1: SIGKILL of the server (scenario 6), replay (8), canary.
async function killPhase() {
  const phase = 'server kill -9';
  const p = profile.kill;
  let db;
  try {
    db = await createDatabase(baseUrl);
  } catch (e) {
    check(phase, `PostgreSQL at ${baseUrl} reachable`, false, e.message);
    return;
  }
  const dropDb = guard(() => db.drop());
  let server;
  let sql;
  try {
    const t0 = Date.now();
    const started = await startServer(db, 'crash-kill', 'kill');
    server = started.server;
    const { adminKey } = started;
    const members = await enrolMembers(server.url, adminKey, p.members, 'crash-kill');
    const run = phaseRun('k', p, { server, adminKey, members });
    let restartMs = 0;
    await Promise.all([
      run.drive(),
      chaos(run, p.writes + members.length, p.kills, rng, async () => {
        const k0 = Date.now();
        await server.kill9();
        restartMs += Date.now() - k0;
      }),
    ]);
    await server.settled();
    const elapsed = Date.now() - t0;
    sql = await openSql(db.url);
    const checked = await checkRun({
      sql,
      programId: 'crash-kill',
      ops: run.ops,
      members,
      url: server.url,
      adminKey,
    });
    printFigures(
      phase,
      run,
      checked,
      `kills ${server.stats.kills} (planned ${p.kills}), server starts ${server.stats.starts}, unexpected exits ${server.stats.unexpectedExits}, restart to ready ${secs(restartMs / Math.max(1, server.stats.kills))} average, elapsed ${secs(elapsed)}`,
    );
    check(
      phase,
      `server killed ${p.kills} times and restarted`,
      server.stats.kills === p.kills,
      `${server.stats.kills}`,
    );
    check(
      phase,
      'server never exited by itself',
      server.stats.unexpectedExits === 0,
      `${server.stats.unexpectedExits}`,
    );
    recordRunChecks(phase, run, checked);

    // Scenario 8: three shuffled deliveries = one in-order delivery.
    const r0 = Date.now();
    const replay = await tripleDelivery({
      url: server.url,
      adminKey,
      sql,
      programId: 'crash-kill',
      rng,
      ...profile.replay,
      label: 'crash-replay',
    });
    console.log(
      `  replay figures: ${replay.deliveries} deliveries for ${replay.pairs} member pairs, ${replay.differ.length} pairs differ, elapsed ${secs(Date.now() - r0)}`,
    );
    check(
      'replay x3 shuffled',
      'balances, tiers and purchases = single in-order delivery',
      replay.differ.length === 0,
      replay.differ.slice(0, 3).join('; '),
    );

    // Canary: fresh keys on retry, acks dropped by the client; the checks must see duplicates.
    const c0 = Date.now();
    const cp = profile.canary;
    const canaryProgram = await prepare(db, 'crash-canary', cp.members, server);
    const canary = createRun({
      label: 'c',
      server,
      adminKey: canaryProgram.adminKey,
      members: canaryProgram.members,
      rng,
      total: cp.writes + cp.members,
      workers: cp.workers,
      canary: true,
      dropRate: cp.dropRate,
    });
    await canary.drive();
    const caught = await checkRun({
      sql,
      programId: 'crash-canary',
      ops: canary.ops,
      members: canaryProgram.members,
      url: server.url,
      adminKey: canaryProgram.adminKey,
    });
    console.log(
      `  canary figures: writes ${canary.stats.writes}, acks dropped ${canary.stats.droppedAcks}, retried with fresh keys ${canary.stats.retries}, duplicates found ${caught.figures.duplicates}, elapsed ${secs(Date.now() - c0)}`,
    );
    const by = caught.checks.filter((c) => !c.ok).map((c) => `${c.name}: ${c.count}`);
    console.log(`  canary caught by: ${by.join('; ') || 'nothing'}`);
    check(
      'canary',
      'fresh-key retries are caught as duplicates',
      caught.figures.duplicates > 0,
      `${caught.figures.duplicates} found`,
    );
  } catch (e) {
    check(phase, 'phase ran to the end', false, e instanceof Error ? e.stack : String(e));
  } finally {
    if (failedLogs && server) console.log(`  server log (tail):\n${server.logTail()}`);
    await sql?.close();
    await server?.stop();
    cleanups.delete(server?.abort);
    await db.drop();
    cleanups.delete(dropDb);
  }
}

// Phase 2: PostgreSQL stopped abruptly (scenario 7).
async function postgresPhase() {
  const phase = 'postgres stop -m immediate';
  const p = profile.pg;
  const { cluster, reason } = createCluster(await freePort());
  if (!cluster) {
    skipped.push(phase);
    console.log(`  SKIPPED ${phase}: ${reason}`);
    return;
  }
  const destroyCluster = guard(() => cluster.destroy());
  let server;
  let sql;
  let db;
  try {
    const t0 = Date.now();
    db = await createDatabase(cluster.url);
    const started = await startServer(db, 'crash-pg', 'pg');
    server = started.server;
    const { adminKey } = started;
    const members = await enrolMembers(server.url, adminKey, p.members, 'crash-pg');
    const run = phaseRun('p', p, { server, adminKey, members });
    let downMs = 0;
    await Promise.all([
      run.drive(),
      chaos(run, p.writes + members.length, p.stops, rng, async () => {
        const d0 = Date.now();
        cluster.stopImmediate();
        await new Promise((r) => setTimeout(r, rng.int(200, 1500)));
        cluster.start();
        downMs += Date.now() - d0;
      }),
    ]);
    await server.settled();
    const elapsed = Date.now() - t0;
    sql = await openSql(db.url);
    const checked = await checkRun({
      sql,
      programId: 'crash-pg',
      ops: run.ops,
      members,
      url: server.url,
      adminKey,
    });
    printFigures(
      phase,
      run,
      checked,
      `PostgreSQL stops ${cluster.stops} (planned ${p.stops}), down ${secs(downMs)} in all, server exits ${server.stats.unexpectedExits}, server starts ${server.stats.starts}, elapsed ${secs(elapsed)}`,
    );
    check(
      phase,
      `PostgreSQL stopped ${p.stops} times and restarted`,
      cluster.stops === p.stops,
      `${cluster.stops}`,
    );
    check(
      phase,
      'server survived every stop (reconnected without a restart)',
      server.stats.unexpectedExits === 0,
      `${server.stats.unexpectedExits} exits`,
    );
    recordRunChecks(phase, run, checked);
  } catch (e) {
    check(phase, 'phase ran to the end', false, e instanceof Error ? e.stack : String(e));
  } finally {
    if (failedLogs) {
      if (server) console.log(`  server log (tail):\n${server.logTail()}`);
      console.log(`  postgres log (tail):\n${cluster.logTail()}`);
    }
    await sql?.close();
    await server?.stop();
    cleanups.delete(server?.abort);
    await db?.drop().catch(() => undefined);
    cluster.destroy();
    cleanups.delete(destroyCluster);
  }
}

await killPhase();
await postgresPhase();

const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed;
console.log(
  `crash harness: seed ${seed}, elapsed ${secs(Date.now() - started)}${skipped.length ? `, skipped: ${skipped.join(', ')}` : ''}`,
);
if (!args['keep-logs'] && failed === 0) rmSync(logDir, { recursive: true, force: true });
console.log(
  `${passed} passed, ${failed} failed${skipped.length ? `, ${skipped.length} skipped` : ''}`,
);
process.exit(failed === 0 ? 0 : 1);
