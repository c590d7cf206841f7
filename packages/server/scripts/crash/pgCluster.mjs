// A throwaway PostgreSQL cluster of the harness's own (initdb in a fresh temp
// folder, a spare port), so it can be stopped abruptly without touching the
// machine's server. As root, initdb and pg_ctl run as the `postgres` user.
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN_DIRS = [
  '/usr/lib/postgresql/15/bin',
  '/usr/lib/postgresql/16/bin',
  '/usr/lib/postgresql/17/bin',
];

function run(asUser, cmd, args) {
  const full = asUser ? ['runuser', ['-u', asUser, '--', cmd, ...args]] : [cmd, args];
  const r = spawnSync(full[0], full[1], { encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) {
    const why = (r.stderr || r.stdout || r.error?.message || '').trim().split('\n').slice(-3);
    throw new Error(`${cmd} ${args[0] ?? ''} failed: ${why.join(' | ')}`);
  }
  return r.stdout;
}

/**
 * Creates and starts a cluster on `port`. Returns null and a reason when the
 * machine does not allow it (no binaries, no `postgres` user, initdb refused).
 */
export function createCluster(port) {
  const bin = BIN_DIRS.find((d) => existsSync(join(d, 'initdb')));
  if (!bin) return { cluster: null, reason: `no PostgreSQL binaries in ${BIN_DIRS.join(', ')}` };
  let asUser = null;
  const dir = mkdtempSync(join(tmpdir(), 'tessera-crash-pg-'));
  try {
    if (process.getuid?.() === 0) {
      asUser = 'postgres';
      const uid = Number(execFileSync('id', ['-u', asUser], { encoding: 'utf8' }).trim());
      const gid = Number(execFileSync('id', ['-g', asUser], { encoding: 'utf8' }).trim());
      chownSync(dir, uid, gid);
    }
    const data = join(dir, 'data');
    const log = join(dir, 'postgres.log');
    run(asUser, join(bin, 'initdb'), [
      '-D',
      data,
      '-A',
      'trust',
      '-U',
      'postgres',
      '--no-sync',
      '-E',
      'UTF8',
    ]);
    const pgCtl = (...args) => run(asUser, join(bin, 'pg_ctl'), ['-D', data, ...args]);
    const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=100`;
    const cluster = {
      url: `postgres://postgres@127.0.0.1:${port}/postgres`,
      stops: 0,
      start: () => pgCtl('-l', log, '-o', opts, '-w', '-t', '120', 'start'),
      /** `pg_ctl stop -m immediate`: no shutdown checkpoint, crash recovery on the next start. */
      stopImmediate: () => {
        pgCtl('-m', 'immediate', '-w', 'stop');
        cluster.stops++;
      },
      logTail: (n = 20) => {
        try {
          return readFileSync(log, 'utf8').trim().split('\n').slice(-n).join('\n');
        } catch {
          return '';
        }
      },
      destroy: () => {
        try {
          pgCtl('-m', 'fast', '-w', 'stop');
        } catch {
          // already stopped
        }
        rmSync(dir, { recursive: true, force: true });
      },
    };
    cluster.start();
    return { cluster, reason: null };
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    return { cluster: null, reason: e instanceof Error ? e.message : String(e) };
  }
}
