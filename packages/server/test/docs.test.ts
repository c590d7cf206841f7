import { readFileSync } from 'node:fs';
import { buildSchema, Kind, parse, validate } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, startApp } from '../src/app.js';
import { openMemoryDatabase } from '../src/db/orm.js';
import { seedDemo } from '../src/demo/seedDemo.js';
import { createLogger } from '../src/logger.js';
import { manualClock, testConfig } from './harness.js';

const docs = new URL('../../../docs/', import.meta.url);
const read = (page: string) => readFileSync(new URL(page, docs), 'utf8');

/** A fenced block: its info string (`graphql`, `json answer`...) and its text. */
interface Block {
  info: string;
  text: string;
}

function blocks(page: string): Block[] {
  return [...read(page).matchAll(/^```([^\n]*)\n([\s\S]*?)^```$/gm)].map((m) => ({
    info: m[1]!.trim(),
    text: m[2]!,
  }));
}

/** `<member id>`-style placeholders: values that differ on every run. */
const PLACEHOLDER = /<([^<>\n]+)>/g;
const isPlaceholder = (s: string) => /^<[^<>\n]+>$/.test(s);

function fill(value: unknown, bag: Map<string, string>): unknown {
  if (typeof value === 'string') {
    return value.replace(PLACEHOLDER, (whole) => {
      const known = bag.get(whole);
      if (known === undefined) throw new Error(`${whole} is used before an answer shows it`);
      return known;
    });
  }
  if (Array.isArray(value)) return value.map((v) => fill(v, bag));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v, bag)]));
  }
  return value;
}

/**
 * The documented answer with its placeholders: a placeholder seen for the
 * first time takes the actual value; later ones must equal it.
 */
function resolve(expected: unknown, actual: unknown, bag: Map<string, string>): unknown {
  if (typeof expected === 'string' && isPlaceholder(expected) && !bag.has(expected)) {
    if (typeof actual !== 'string' || actual === '') return expected;
    bag.set(expected, actual);
    return actual;
  }
  if (typeof expected === 'string') {
    return expected.replace(PLACEHOLDER, (whole) => bag.get(whole) ?? whole);
  }
  if (Array.isArray(expected)) {
    return expected.map((e, i) => resolve(e, Array.isArray(actual) ? actual[i] : undefined, bag));
  }
  if (expected && typeof expected === 'object') {
    const a = (actual && typeof actual === 'object' ? actual : {}) as Record<string, unknown>;
    return Object.fromEntries(Object.entries(expected).map(([k, v]) => [k, resolve(v, a[k], bag)]));
  }
  return expected;
}

/** One documented request: credential, operation, variables and the answer shown. */
interface Step {
  credential: string;
  query: string;
  variables: Record<string, unknown>;
  answer: unknown;
}

function steps(page: string): Step[] {
  const list = blocks(page);
  const out: Step[] = [];
  list.forEach((b, i) => {
    if (b.info !== 'graphql') return;
    const credential = /^# Authorization: Bearer (<[^>]+>)\n/.exec(b.text)?.[1];
    if (!credential) throw new Error(`${page}: operation without "# Authorization": ${b.text}`);
    let next = i + 1;
    let variables: Record<string, unknown> = {};
    if (list[next]?.info === 'json variables') {
      variables = JSON.parse(list[next]!.text) as Record<string, unknown>;
      next += 1;
    }
    if (list[next]?.info !== 'json answer') throw new Error(`${page}: no answer after ${b.text}`);
    out.push({ credential, query: b.text, variables, answer: JSON.parse(list[next]!.text) });
  });
  return out;
}

describe('docs/getting-started.md', () => {
  let app: App;
  const bag = new Map<string, string>();
  // The instant the page's answers were taken (a Tuesday evening in Shanghai).
  const clock = manualClock('2026-12-01T13:43:00Z');

  beforeAll(async () => {
    const db = await openMemoryDatabase();
    const keys = await seedDemo(db.orm.em.fork(), clock, createLogger('silent'));
    if (!keys) throw new Error('demo not loaded');
    bag.set('<admin key>', keys.admin);
    bag.set('<store key>', keys.store);
    bag.set('<storefront key>', keys.storefront);
    app = await startApp({ config: testConfig(), clock, db });
  });
  afterAll(async () => {
    await app?.close();
  });

  const list = steps('getting-started.md');
  it('shows at least ten operations', () => expect(list.length).toBeGreaterThanOrEqual(10));
  it.each(
    list.map((s, i) => [i + 1, /^(?:query|mutation) (\w+)/m.exec(s.query)?.[1] ?? '?', s] as const),
  )('step %i (%s) answers as documented', async (_i, _name, step) => {
    const r = await fetch(app.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${fill(step.credential, bag)}`,
      },
      body: JSON.stringify({ query: step.query, variables: fill(step.variables, bag) }),
    });
    const actual = (await r.json()) as unknown;
    expect(actual).toEqual(resolve(step.answer, actual, bag));
  });
});

describe('GraphQL operations in the docs', () => {
  const schema = buildSchema(readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8'));
  const pages = [
    'getting-started.md',
    'concepts.md',
    'recipes.md',
    'security.md',
    'operations.md',
    'server/api.md',
  ];
  const operations = pages.flatMap((page) =>
    blocks(page)
      .filter((b) => b.info === 'graphql')
      .map((b, i) => [page, i + 1, b.text] as const),
  );
  it('there are some', () => expect(operations.length).toBeGreaterThan(10));
  // A block may list several operations (the API guide does): each is
  // validated on its own, with the block's fragments.
  it.each(operations)('%s block %i is valid against schema.graphql', (_page, _i, text) => {
    const document = parse(text);
    const fragments = document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION);
    const problems = document.definitions
      .filter((d) => d.kind === Kind.OPERATION_DEFINITION)
      .flatMap((op) =>
        validate(schema, { kind: Kind.DOCUMENT, definitions: [op, ...fragments] }).map(
          (e) => e.message,
        ),
      );
    expect(problems).toEqual([]);
  });
});
