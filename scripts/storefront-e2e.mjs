#!/usr/bin/env node
// End-to-end test of examples/storefront in real Chromium (Debian's
// `chromium`, driven by playwright-core): starts the dev server (demo data,
// PGlite in a temporary folder, a free port), builds the storefront and
// serves it with `vite preview` (its backend middleware included), then signs
// in, reads tier, points and coupons, builds a cart, checks the live quote
// and its explanations, a refused coupon and its reason, points as payment,
// checks out and reads the new balance. Saves a screenshot of the quote to
// examples/storefront/e2e-screenshot.png and prints "N passed, N failed".
//
// Needs /usr/bin/chromium (`apt-get install -y chromium`; CHROMIUM_PATH
// overrides) and the packages built (`pnpm build`; otherwise the dev server
// and the example compile what is stale first).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const example = join(root, 'examples/storefront');
const screenshot = join(example, 'e2e-screenshot.png');
const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const { chromium } = createRequire(join(example, 'package.json'))('playwright-core');

const results = [];
function check(name, ok, detail = '') {
  results.push(ok);
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${!ok && detail ? `: ${detail}` : ''}`);
  return ok;
}

const children = [];
/** Starts a process in its own group (so it and its children can be stopped together). */
function start(name, command, args, options) {
  const child = spawn(command, args, {
    ...options,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const proc = { name, child, out: '', exited: false };
  child.stdout.on('data', (d) => {
    proc.out += d;
  });
  child.stderr.on('data', (d) => {
    proc.out += d;
  });
  child.on('exit', () => {
    proc.exited = true;
  });
  children.push(proc);
  return proc;
}

function stopAll() {
  for (const { child, exited } of children) {
    if (exited || child.pid === undefined) continue;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {}
  }
}

/** Waits until `pattern` appears in the process output; returns the match. */
async function waitForOutput(proc, pattern, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const m = pattern.exec(proc.out);
    if (m) return m;
    if (proc.exited) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${proc.name}: no ${pattern} in its output:\n${proc.out.slice(-3000)}`);
}

/** Polls a locator's text until `test` accepts it; returns the text. */
async function textOf(locator, test, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    if ((await locator.count()) > 0) {
      // biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText is the text as rendered, what a shopper reads
      last = (await locator.first().innerText()).trim();
      if (test(last)) return last;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out; last text: ${JSON.stringify(last)}`);
}

/** Runs one step; a failing step is reported and stops the flow. */
async function step(name, fn) {
  try {
    const detail = await fn();
    check(name, detail === undefined || detail === true, typeof detail === 'string' ? detail : '');
    return detail === undefined || detail === true;
  } catch (e) {
    check(name, false, e instanceof Error ? e.message : String(e));
    return false;
  }
}

const integer = (text) => BigInt(text.replaceAll(',', ''));
const work = mkdtempSync(join(tmpdir(), 'tessera-storefront-e2e-'));
const dataDir = join(work, 'data');
let context;

try {
  // 1. The dev server, as `pnpm dev` runs it, on a fresh database and a free port.
  const server = start(
    'dev server',
    process.execPath,
    [join(root, 'packages/server/scripts/dev.mjs')],
    {
      cwd: root,
      env: {
        ...process.env,
        NODE_ENV: 'development',
        PORT: '0',
        HOST: '127.0.0.1',
        TESSERA_DATA_DIR: dataDir,
        LOG_LEVEL: 'warn',
        TESSERA_SWEEP_INTERVAL_MS: '0',
      },
    },
  );
  const [, serverUrl] = await waitForOutput(server, /Tessera server: (\S+)/, 240_000);
  await waitForOutput(server, /storefront\s+tsk_pub_/, 60_000);
  const keysFile = join(dataDir, 'demo-keys.json');
  check(
    'dev server writes the demo keys file, mode 0600',
    existsSync(keysFile) && (statSync(keysFile).mode & 0o777) === 0o600,
  );
  const keys = JSON.parse(readFileSync(keysFile, 'utf8'));

  // 2. The storefront, built and served by `vite preview` with its backend.
  const build = spawnSync('pnpm', ['run', 'build'], { cwd: example, stdio: 'inherit' });
  if (!check('storefront builds (vite build)', build.status === 0)) throw new Error('build failed');
  const preview = start(
    'vite preview',
    process.execPath,
    [join(example, 'node_modules/vite/bin/vite.js'), 'preview', '--port', '0'],
    {
      cwd: example,
      env: { ...process.env, TESSERA_URL: serverUrl, TESSERA_DATA_DIR: dataDir, NO_COLOR: '1' },
    },
  );
  const [, base] = await waitForOutput(preview, /Local:\s+(http:\/\/\S+?)\/?\s/, 60_000);

  // 3. Chromium, with a fresh profile.
  context = await chromium.launchPersistentContext(join(work, 'profile'), {
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1280, height: 1000 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  const bodies = [];
  page.on('response', async (r) => {
    try {
      bodies.push(await r.text());
    } catch {}
  });
  const byId = (id) => page.getByTestId(id);

  let coupon = '';
  let availableBefore = 0n;
  let pendingBefore = 0n;
  let quoted = -1n;
  const flow = [];
  const then = (name, fn) => flow.push([name, fn]);

  then('the page lists the demo members', async () => {
    await page.goto(base);
    await byId('sign-in-Li Wei').waitFor({ timeout: 15_000 });
  });
  then('signing in shows the tier and the progress to the next tier', async () => {
    await byId('sign-in-Li Wei').click();
    await textOf(byId('tier'), (t) => t === 'Green');
    await textOf(byId('tier-progress'), (t) => /more to Silver/.test(t));
  });
  then('points available, pending and expiring are shown', async () => {
    availableBefore = integer(await textOf(byId('points-available'), (t) => /^\d/.test(t)));
    pendingBefore = integer(await textOf(byId('points-pending'), (t) => /^\d/.test(t)));
    await textOf(byId('points-expiring'), (t) => /^\d/.test(t));
    return availableBefore >= 50n || `only ${availableBefore} points available`;
  });
  then('the coupon wallet shows the welcome coupon', async () => {
    await textOf(byId('wallet'), (t) => /Welcome/.test(t));
    const testId = await page
      .locator('[data-testid^="apply-"]')
      .first()
      .getAttribute('data-testid');
    coupon = testId.slice('apply-'.length);
    return coupon.length > 0;
  });
  then('adding an item shows a live quote', async () => {
    await byId('add-CROISSANT').click();
    await textOf(byId('total-subtotal'), (t) => t === '18.00 CNY');
  });
  then('the wallet coupon on a small cart is refused with its reason', async () => {
    await byId(`apply-${coupon}`).click();
    await textOf(
      byId('coupon-refused'),
      (t) => /MIN_SPEND_NOT_MET/.test(t) && /Spend 32\.00 CNY more/.test(t),
    );
    return (await byId('checkout').isDisabled()) || 'checkout stays enabled with a refused coupon';
  });
  then('a bigger cart makes the coupon valid in the live quote (10.00 off)', async () => {
    for (const sku of ['LATTE', 'LATTE', 'CROISSANT']) await byId(`add-${sku}`).click();
    await textOf(byId('total-subtotal'), (t) => t === '100.00 CNY');
    await textOf(byId('coupon-valid'), (t) => t.includes(`Coupon ${coupon}: −10.00 CNY`));
    await textOf(byId('total-payable'), (t) => t === '90.00 CNY');
  });
  then('the quote explains the points to earn rule by rule', async () => {
    await textOf(byId('points-to-earn'), (t) => /You earn \d+ points/.test(t));
    await textOf(
      byId('earning-rules'),
      (t) =>
        /Base rate: \+\d+ points/.test(t) &&
        /Double points on bakery: \+\d+ points/.test(t) &&
        /Weekend bonus at the flagship: /.test(t),
    );
  });
  then('an unknown coupon is refused with its reason, and can be removed', async () => {
    await byId('coupon-input').fill('NOPE1234');
    await byId('coupon-apply').click();
    await textOf(
      byId('coupon-refused'),
      (t) => /not recognised/.test(t) && /UNKNOWN_COUPON/.test(t),
    );
    if (!(await byId('checkout').isDisabled()))
      return 'checkout stays enabled with a refused coupon';
    await byId('coupon-refused').getByRole('button', { name: 'remove' }).click();
    await textOf(byId('explanations'), (t) => !/UNKNOWN_COUPON/.test(t));
    await textOf(byId('coupon-valid'), (t) => t.includes(coupon));
  });
  then('points that are not a multiple of the step are refused with the reason', async () => {
    await byId('points-input').fill('55');
    await byId('points-apply').click();
    await textOf(byId('points-refused'), (t) => /NOT_A_MULTIPLE_OF_STEP/.test(t));
  });
  then('50 points pay 5.00 in the quote', async () => {
    await byId('points-input').fill('50');
    await byId('points-apply').click();
    await textOf(byId('points-payment'), (t) => /Paying 50 points = −5\.00 CNY/.test(t));
    await textOf(byId('total-points'), (t) => t === '−5.00 CNY');
    await textOf(byId('total-payable'), (t) => t === '85.00 CNY');
    const earn = await textOf(byId('points-to-earn'), (t) => /You earn [\d,]+ points/.test(t));
    quoted = integer(/You earn ([\d,]+) points/.exec(earn)[1]);
    await page.screenshot({ path: screenshot, fullPage: true });
  });
  then(
    'checking out records the order, earns what the quote said, shows the new balance',
    async () => {
      await byId('checkout').click();
      const receipt = await textOf(byId('receipt'), (t) => /Thank you/.test(t), 30_000);
      const earned = integer(/You earned ([\d,]+) points/.exec(receipt)?.[1] ?? 'x');
      const available = integer(
        await textOf(byId('points-available'), (t) => integer(t) !== availableBefore),
      );
      const pending = integer(await textOf(byId('points-pending'), (t) => /^\d/.test(t)));
      if (earned !== quoted) return `earned ${earned} points, the quote said ${quoted}`;
      if (available !== availableBefore - 50n) {
        return `available ${available}, expected ${availableBefore - 50n}`;
      }
      if (pending !== pendingBefore + earned) {
        return `pending ${pending}, expected ${pendingBefore} + ${earned}`;
      }
      return /New balance: [\d,]+ available/.test(receipt) || receipt;
    },
  );
  then('the used coupon has left the wallet', async () => {
    await byId('wallet-empty').waitFor({ timeout: 10_000 });
  });

  for (const [name, fn] of flow) {
    if (!(await step(name, fn))) {
      await page.screenshot({ path: screenshot, fullPage: true }).catch(() => {});
      break;
    }
  }
  check('no uncaught error in the page', pageErrors.length === 0, pageErrors.join('; '));
  check(
    'the browser never received the admin or store key',
    !bodies.some((b) => b.includes(keys.admin) || b.includes(keys.store)),
  );
} catch (e) {
  check(`storefront e2e could not run: ${e instanceof Error ? e.message : String(e)}`, false);
  for (const p of children) console.log(`--- ${p.name} output (last lines)\n${p.out.slice(-2000)}`);
} finally {
  await context?.close().catch(() => {});
  stopAll();
  await new Promise((r) => setTimeout(r, 500));
  rmSync(work, { recursive: true, force: true });
}

if (existsSync(screenshot)) console.log(`screenshot: ${screenshot}`);
const failed = results.filter((ok) => !ok).length;
console.log(`${results.length - failed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
