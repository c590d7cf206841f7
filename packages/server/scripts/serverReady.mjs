// For the scripts that start the built server and wait for it: the crash
// harness (crash/serverProcess.mjs), the server benchmark (bench/server.bench.mjs)
// and CI's smoke test (scripts/smoke-server.mjs at the root).
import { createServer } from 'node:net';

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/**
 * Polls `${origin}/readyz` every `intervalMs` until it answers 200 (true), or
 * until `timeoutMs` has passed or `gone()` says the server process has exited
 * (false).
 */
export async function waitReady(
  origin,
  { gone = () => false, timeoutMs = 60_000, intervalMs = 100 } = {},
) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !gone()) {
    try {
      const r = await fetch(`${origin}/readyz`, { signal: AbortSignal.timeout(1000) });
      if (r.status === 200) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  return false;
}
