// The built server (`node dist/main.js`) as a supervised child process: it is
// restarted whenever it exits (killed by the harness or not) until `stop()`.
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { waitReady } from '../serverReady.mjs';
import { sleep } from './prng.mjs';

export { freePort } from '../serverReady.mjs';

/**
 * Starts `node <mainJs>` on `port` against `databaseUrl`, logs to `logFile`.
 * `kill9()` sends SIGKILL and waits for the restarted server to be ready.
 */
export async function superviseServer({ mainJs, databaseUrl, port, logFile }) {
  const url = `http://127.0.0.1:${port}/graphql`;
  const stats = { starts: 0, failedStarts: 0, kills: 0, unexpectedExits: 0 };
  let child = null;
  let stopping = false;
  let killing = false;
  let exited = null;

  const spawnOnce = () => {
    const fd = openSync(logFile, 'a');
    const c = spawn(process.execPath, [mainJs], {
      env: {
        ...process.env,
        NODE_ENV: 'production',
        HOST: '127.0.0.1',
        PORT: String(port),
        DATABASE_URL: databaseUrl,
        LOG_LEVEL: 'warn',
        TESSERA_SWEEP_INTERVAL_MS: '0',
      },
      stdio: ['ignore', fd, fd],
    });
    closeSync(fd);
    exited = new Promise((resolve) => c.once('exit', (code, signal) => resolve({ code, signal })));
    return c;
  };

  const ready = async (c, done) => {
    let gone = false;
    done.then(() => {
      gone = true;
    });
    if (await waitReady(`http://127.0.0.1:${port}`, { gone: () => gone })) return true;
    if (!gone) c.kill('SIGKILL');
    return false;
  };

  /** Spawns until one answers /readyz (a start fails while PostgreSQL is down). */
  const start = async () => {
    for (;;) {
      if (stopping) return;
      child = spawnOnce();
      stats.starts++;
      const done = exited;
      if (await ready(child, done)) {
        watch(child, done);
        return;
      }
      stats.failedStarts++;
      await done;
      await sleep(300);
    }
  };

  let restarting = null;
  const watch = (c, done) => {
    done.then(() => {
      if (stopping || killing || c !== child) return;
      stats.unexpectedExits++;
      restarting = start().finally(() => {
        restarting = null;
      });
    });
  };

  await start();
  return {
    url,
    stats,
    alive: () => child !== null && child.exitCode === null && child.signalCode === null,
    /** SIGKILL now, then restart and wait until ready. */
    async kill9() {
      if (restarting) await restarting;
      killing = true;
      const done = exited;
      child.kill('SIGKILL');
      await done;
      stats.kills++;
      killing = false;
      await start();
    },
    /** On interruption of the harness: no restart, SIGKILL now. */
    abort() {
      stopping = true;
      child?.kill('SIGKILL');
    },
    /** Waits for a restart in progress (after an unexpected exit). */
    async settled() {
      if (restarting) await restarting;
    },
    async stop() {
      stopping = true;
      if (restarting) await restarting;
      if (child && child.exitCode === null && child.signalCode === null) {
        const done = exited;
        child.kill('SIGTERM');
        const t = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await done;
        clearTimeout(t);
      }
    },
    logTail(lines = 8) {
      try {
        const all = readFileSync(logFile, 'utf8').trim().split('\n');
        return all
          .slice(-lines)
          .map((l) => (l.length > 400 ? `${l.slice(0, 400)}...` : l))
          .join('\n');
      } catch {
        return '';
      }
    },
  };
}
