/**
 * RELIABILITY.md scenarios 15 and 16: every query and mutation of the built
 * schema x seven callers x (own, other member, other program), each cell a
 * real request through the HTTP server against the one table of
 * `authz.table.ts`. Denied cells change nothing; allowed reads show nothing
 * of another member or program; a foreign id answers exactly like a random
 * well-formed id and like a malformed one.
 */
import {
  type GraphQLField,
  type GraphQLOutputType,
  type GraphQLSchema,
  getNamedType,
  isLeafType,
  isNonNullType,
  isObjectType,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSchema } from '../src/graphql/schema.js';
import { Fixture, type Target } from './authz.fixture.js';
import {
  AUTHZ_TABLE,
  CALLERS,
  type Caller,
  type Cell,
  expectedCell,
  type FieldSpec,
  TARGETS,
} from './authz.table.js';
import { type GqlResponse, gql, startTestServer, type TestServer } from './harness.js';

/** Nesting of the generated selections (connections reach their nodes' fields). */
const SELECTION_DEPTH = 4;

/** Every leaf field of `type` down to `depth` levels (fields with required arguments skipped). */
function selectionOf(type: GraphQLOutputType, depth: number): string | null {
  const named = getNamedType(type);
  if (isLeafType(named)) return '';
  if (!isObjectType(named) || depth === 0) return null;
  const parts: string[] = [];
  for (const f of Object.values(named.getFields())) {
    if (f.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined)) continue;
    const sub = selectionOf(f.type, depth - 1);
    if (sub === '') parts.push(f.name);
    else if (sub) parts.push(`${f.name} { ${sub} }`);
  }
  return parts.length > 0 ? parts.join(' ') : null;
}

/** The document of one cell: the field with the given arguments as variables and every leaf below it. */
function operationOf(
  kind: 'Query' | 'Mutation',
  field: GraphQLField<unknown, unknown>,
  args: Record<string, unknown>,
): string {
  const used = field.args.filter((a) => a.name in args);
  const vars = used.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const call = used.map((a) => `${a.name}: $${a.name}`).join(', ');
  const sel = selectionOf(field.type, SELECTION_DEPTH);
  return `${kind === 'Query' ? 'query' : 'mutation'} Cell${vars ? `(${vars})` : ''} { ${field.name}${
    call ? `(${call})` : ''
  }${sel ? ` { ${sel} }` : ''} }`;
}

/**
 * Keys whose values may name another member: the counterparty of one's own
 * transfers (`counterpartyAccountId`, repeated in the engine's replay
 * `fingerprint`) and the credential that posted an entry (`actor`).
 */
const COUNTERPARTY_KEYS = new Set(['counterpartyAccountId', 'fingerprint', 'actor']);

const isMemberCaller = (c: Caller) => c === 'memberA1' || c === 'memberA2';

interface CellResult {
  readonly r: GqlResponse;
  /** Tables whose content changed during the request. */
  readonly changed: string[];
}

describe('authorisation matrix: every field x caller x target (RELIABILITY 15, 16)', () => {
  let s: TestServer;
  let fx: Fixture;
  let schema: GraphQLSchema;
  let last: Record<string, string> | null = null;
  const tally = new Map<string, number>();
  const count = (k: string) => tally.set(k, (tally.get(k) ?? 0) + 1);
  let started = 0;

  beforeAll(async () => {
    started = performance.now();
    schema = await createSchema();
    s = await startTestServer();
    fx = new Fixture(s);
    await fx.build();
  });

  afterAll(async () => {
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const get = (k: string) => tally.get(k) ?? 0;
    const byCode = [...tally.entries()]
      .filter(([k]) => k.startsWith('cell:'))
      .map(([k, v]) => `${k.slice(5)} ${v}`)
      .join(', ');
    const checked = [...tally.entries()]
      .filter(([k]) => k.startsWith('cell:'))
      .reduce((a, [, v]) => a + v, 0);
    console.log(
      `authz matrix: ${get('fields')} fields x ${CALLERS.length} callers x ${TARGETS.length} targets: ` +
        `${checked} cells checked (${byCode}), ${get('n/a')} n/a; ` +
        `allowed ${get('cell:ok') + get('cell:empty')}, denied ${checked - get('cell:ok') - get('cell:empty')}; ` +
        `${get('same-as-missing')} foreign/other ids compared with random and malformed ids; ` +
        `${get('writes-unchanged')} denied writes left every table unchanged; ${seconds} s ` +
        `(${fx?.fingerprints} snapshots, ${((fx?.fingerprintMs ?? 0) / 1000).toFixed(1)} s)`,
    );
    await s?.close();
  });

  const credentialOf = (caller: Caller): string | undefined =>
    caller === 'anonymous' ? undefined : fx.credentials[caller];

  async function runCell(
    spec: FieldSpec,
    kind: 'Query' | 'Mutation',
    field: GraphQLField<unknown, unknown>,
    t: Target,
  ): Promise<CellResult> {
    const args = await spec.args(t, fx);
    const query = operationOf(kind, field, args);
    if (kind === 'Query') {
      // Reads are checked for writes once per field (see checkField).
      return { r: await gql(s.url, query, args, credentialOf(t.caller)), changed: [] };
    }
    const before = fx.dirty || !last ? await fx.fingerprint() : last;
    fx.dirty = false;
    const r = await gql(s.url, query, args, credentialOf(t.caller));
    const after = await fx.fingerprint();
    last = after;
    const changed = Object.keys(after).filter((k) => after[k] !== before[k]);
    if (changed.length > 0) fx.consumed();
    return { r, changed };
  }

  /** Markers an allowed answer to `caller` about `t` must not contain. */
  function forbiddenMarkers(caller: Caller, t: Target, spec: FieldSpec): string[] {
    const own = caller === 'adminB' ? 'B' : caller === 'anonymous' ? null : 'A';
    const out: string[] = [];
    for (const p of ['A', 'B'] as const) {
      if (p !== own) out.push(...fx.programMarkers(p));
    }
    const seen = new Set<string>([t.subject.memberId]);
    if (spec.scope === 'pair' && !isMemberCaller(caller)) seen.add(t.peer.memberId);
    for (const m of Object.values(fx.subjects)) {
      const sameProgram = m.program === own;
      const inScope = sameProgram && spec.scope === 'program' && !isMemberCaller(caller);
      if (!inScope && !seen.has(m.memberId)) out.push(...fx.memberMarkers(m));
      if (isMemberCaller(caller) && m.memberId !== t.subject.memberId && sameProgram) {
        out.push(...fx.memberMarkers(m));
      }
    }
    return [...new Set(out)];
  }

  /** Where (JSON paths) the answer shows any of `markers`, counterparty keys left out. */
  function leaks(r: GqlResponse, markers: string[]): string[] {
    const found: string[] = [];
    const walk = (v: unknown, path: string) => {
      if (typeof v === 'string') {
        for (const m of markers) if (v.includes(m)) found.push(`${path} = ${m}`);
      } else if (Array.isArray(v)) {
        for (const [i, x] of v.entries()) walk(x, `${path}.${i}`);
      } else if (v !== null && typeof v === 'object') {
        for (const [k, x] of Object.entries(v)) {
          if (!COUNTERPARTY_KEYS.has(k)) walk(x, `${path}.${k}`);
        }
      }
    };
    walk(r.data ?? null, 'data');
    return found;
  }

  async function checkField(key: string): Promise<string[]> {
    const spec = AUTHZ_TABLE[key]!;
    const [kind, name] = key.split('.') as ['Query' | 'Mutation', string];
    const root = kind === 'Query' ? schema.getQueryType() : schema.getMutationType();
    const field = root?.getFields()[name];
    if (!field) return [`${key} is not in the schema`];
    count('fields');
    const problems: string[] = [];
    const readsFrom = kind === 'Query' ? await fx.fingerprint() : null;
    const unknownAnswers = new Map<Caller, { missing: CellResult; junk: CellResult }>();
    const unknownOf = async (caller: Caller) => {
      let u = unknownAnswers.get(caller);
      if (!u) {
        u = {
          missing: await runCell(spec, kind, field, fx.target(caller, 'missing')),
          junk: await runCell(spec, kind, field, fx.target(caller, 'junk')),
        };
        for (const [label, x] of Object.entries(u)) {
          if (x.changed.length > 0) problems.push(`${caller}/${label}: wrote ${x.changed}`);
        }
        unknownAnswers.set(caller, u);
      }
      return u;
    };
    for (const caller of CALLERS) {
      for (const targetKind of TARGETS) {
        const expected: Cell = expectedCell(spec, caller, targetKind);
        if (expected === 'n/a') {
          count('n/a');
          continue;
        }
        count(`cell:${expected}`);
        const where = `${caller}/${targetKind}`;
        const t = fx.target(caller, targetKind);
        const { r, changed } = await runCell(spec, kind, field, t);
        const error = r.errors?.[0];
        const code = (error?.extensions?.code as string | undefined) ?? null;
        const data = (r.data as Record<string, unknown> | null | undefined)?.[name];
        if (code !== null) {
          if (code !== expected) {
            problems.push(`${where}: expected ${expected}, got ${code} (${error?.message})`);
          }
          if (data != null) problems.push(`${where}: denied but answered data`);
          if (changed.length > 0) problems.push(`${where}: denied but wrote ${changed}`);
          else if (kind === 'Mutation') count('writes-unchanged');
          if (code === 'NOT_FOUND' && expected === 'NOT_FOUND') {
            const u = await unknownOf(caller);
            for (const [label, x] of Object.entries(u)) {
              if (
                JSON.stringify(x.r.errors) !== JSON.stringify(r.errors) ||
                x.r.status !== r.status
              ) {
                problems.push(
                  `${where}: answers ${JSON.stringify(r.errors)} (${r.status}) but a ${label} id ${JSON.stringify(x.r.errors)} (${x.r.status})`,
                );
              }
            }
            count('same-as-missing');
          }
          continue;
        }
        if (data == null) {
          problems.push(`${where}: no error and no data`);
          continue;
        }
        const leaked = leaks(r, forbiddenMarkers(caller, t, spec));
        if (leaked.length > 0) problems.push(`${where}: the answer shows ${leaked.join(', ')}`);
        if (expected === 'empty') {
          const shown = leaks(r, fx.memberMarkers(t.subject));
          if (shown.length > 0)
            problems.push(`${where}: expected nothing of the target, shows ${shown}`);
          const u = await unknownOf(caller);
          for (const [label, x] of Object.entries(u)) {
            const theirs = (x.r.data as Record<string, unknown> | null | undefined)?.[name];
            if (JSON.stringify(theirs) !== JSON.stringify(data)) {
              problems.push(
                `${where}: answers ${JSON.stringify(data)}, a ${label} id ${JSON.stringify(theirs)}`,
              );
            }
          }
          count('same-as-missing');
        } else if (expected !== 'ok') {
          problems.push(`${where}: expected ${expected}, got an answer`);
        }
        const outcome = (data as { outcome?: unknown }).outcome;
        if (outcome !== undefined && outcome !== 'APPLIED') {
          problems.push(`${where}: outcome ${String(outcome)} ${JSON.stringify(data)}`);
        }
        if (kind === 'Mutation' && spec.writes !== false && changed.length === 0) {
          problems.push(`${where}: allowed write changed nothing`);
        }
      }
    }
    if (readsFrom) {
      const after = await fx.fingerprint();
      const wrote = Object.keys(after).filter((k) => after[k] !== readsFrom[k]);
      if (wrote.length > 0) problems.push(`reads of ${key} wrote ${wrote}`);
      fx.dirty = true;
    }
    return problems;
  }

  it('names every query and mutation of the built schema, and no other field', () => {
    const inSchema = [
      ...Object.keys(schema.getQueryType()?.getFields() ?? {}).map((f) => `Query.${f}`),
      ...Object.keys(schema.getMutationType()?.getFields() ?? {}).map((f) => `Mutation.${f}`),
    ].sort();
    const inTable = Object.keys(AUTHZ_TABLE).sort();
    expect(
      inSchema.filter((f) => !inTable.includes(f)),
      'schema fields missing from the table',
    ).toEqual([]);
    expect(
      inTable.filter((f) => !inSchema.includes(f)),
      'table entries the schema does not have',
    ).toEqual([]);
    for (const [key, spec] of Object.entries(AUTHZ_TABLE)) {
      if (spec.targets !== 'all')
        expect(spec.na, `${key}: say why targets do not apply`).toBeTruthy();
    }
  });

  for (const key of Object.keys(AUTHZ_TABLE).sort()) {
    it(key, async () => {
      expect(await checkField(key)).toEqual([]);
    });
  }
});
