#!/usr/bin/env node
// CI: starts the built server from `dist` (production mode, in-memory PGlite,
// or DATABASE_URL when set), waits until /readyz answers, checks /healthz, that
// an anonymous GraphQL request is answered with a typed error and that
// introspection is off in production, then stops it with SIGTERM.
import { spawn } from 'node:child_process';
import { waitReady } from '../packages/server/scripts/serverReady.mjs';

const port = 4100 + Math.floor(Math.random() * 500);
const base = `http://127.0.0.1:${port}`;
const server = spawn(process.execPath, ['packages/server/dist/main.js'], {
  env: {
    ...process.env,
    PORT: String(port),
    NODE_ENV: 'production',
    TESSERA_DATA_DIR: 'memory://',
    HOST: '127.0.0.1',
  },
  stdio: ['ignore', 'pipe', 'inherit'],
});
let log = '';
let exited = false;
server.on('exit', () => {
  exited = true;
});
server.stdout.on('data', (d) => {
  log += d;
});

const results = [];
function check(name, ok) {
  results.push(ok);
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}`);
}

try {
  check(
    'server from dist becomes ready (/readyz)',
    await waitReady(base, { gone: () => exited, intervalMs: 500 }),
  );
  check('/healthz answers 200', (await fetch(`${base}/healthz`)).status === 200);
  const anon = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ viewer { role } }' }),
  });
  const anonBody = await anon.json();
  check(
    'anonymous query answered with a typed error code',
    Array.isArray(anonBody.errors) && typeof anonBody.errors[0]?.extensions?.code === 'string',
  );
  const intro = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ __schema { types { name } } }' }),
  });
  const introBody = await intro.json();
  check('introspection is off in production', !introBody.data?.__schema);
  check('no stack trace in answers', !JSON.stringify([anonBody, introBody]).includes('    at '));
} catch (e) {
  check(`smoke test threw: ${e}`, false);
} finally {
  server.kill('SIGTERM');
}
const failed = results.filter((ok) => !ok).length;
if (failed) console.log(log.slice(-4000));
console.log(`${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
