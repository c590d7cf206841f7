import type { ApolloServerPlugin } from '@apollo/server';
import {
  type ASTNode,
  type ASTVisitor,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  GraphQLError,
  type GraphQLField,
  type GraphQLSchema,
  getArgumentValues,
  getNamedType,
  getVariableValues,
  isCompositeType,
  Kind,
  type OperationDefinitionNode,
  SchemaMetaFieldDef,
  type SelectionSetNode,
  TypeMetaFieldDef,
  TypeNameMetaFieldDef,
  type ValidationContext,
} from 'graphql';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../services/pagination.js';

/** Deepest selection nesting a document may have. */
export const MAX_DEPTH = 12;

/** Highest cost an operation may have (see `operationCost` for the model). */
export const MAX_COST = 5_000;

/** Cost of one root field (a service call: a transaction, an engine run). */
export const ROOT_FIELD_COST = 100;

/** Cost of any other selected field. */
export const FIELD_COST = 1;

/** Most tokens a document may have (the parser stops there: no deep recursion, no huge validation). */
export const MAX_TOKENS = 10_000;

/** Mutations that move value; at most one of them per document (no batching). */
export const VALUE_MOVING_MUTATIONS: ReadonlySet<string> = new Set([
  'topUpStoredValue',
  'payWithStoredValue',
  'refundStoredValue',
  'issueCoupons',
  'redeemCoupon',
  'rollbackCouponRedemptions',
  'recordPurchase',
  'recordReturn',
  'redeemPoints',
  'reservePoints',
  'captureHold',
  'releaseHold',
  'adjustPoints',
  'transferPoints',
  'assignTier',
]);

/** `extensions.reason` of a refused document (with `extensions.code` BAD_USER_INPUT). */
export type LimitReason =
  | 'QUERY_TOO_DEEP'
  | 'QUERY_TOO_COSTLY'
  | 'TOO_MANY_VALUE_MUTATIONS'
  | 'NUL_CHARACTER'
  | 'INVALID_UNICODE';

function limitError(
  message: string,
  reason: LimitReason,
  limit: number,
  actual: number,
  node?: ASTNode,
): GraphQLError {
  return new GraphQLError(message, {
    ...(node ? { nodes: [node] } : {}),
    extensions: { code: 'BAD_USER_INPUT', reason, limit, actual, http: { status: 400 } },
  });
}

const NUL_MESSAGE = 'Strings may not contain the NUL character (U+0000)';
const UNICODE_MESSAGE =
  'Strings must be well-formed Unicode (no unpaired surrogate such as \\ud800)';

/** A lone surrogate: in `u` mode a paired surrogate is one code point and never matches. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/** True when `s` is not well-formed UTF-16 (it holds an unpaired surrogate). */
export function hasLoneSurrogate(s: string): boolean {
  return LONE_SURROGATE.test(s);
}

/** The refusal a string deserves, or null: PostgreSQL can store neither U+0000 nor a lone surrogate. */
function stringProblem(s: string): LimitReason | null {
  if (s.includes('\u0000')) return 'NUL_CHARACTER';
  if (hasLoneSurrogate(s)) return 'INVALID_UNICODE';
  return null;
}

function stringError(reason: LimitReason, node?: ASTNode): GraphQLError {
  return limitError(reason === 'NUL_CHARACTER' ? NUL_MESSAGE : UNICODE_MESSAGE, reason, 0, 1, node);
}

/**
 * Refuses string literals containing U+0000 or an unpaired surrogate:
 * PostgreSQL cannot store either in text or jsonb, so they would fail deep in
 * a query instead of as bad input. (graphql-js's lexer already refuses lone
 * surrogates in literals; this keeps the rule whole if it ever stops.)
 */
export function noNulCharacterRule(context: ValidationContext): ASTVisitor {
  return {
    StringValue(node) {
      const reason = stringProblem(node.value);
      if (reason) context.reportError(stringError(reason, node));
    },
  };
}

/**
 * The first refusal a JSON value deserves for one of its strings or keys
 * (U+0000: NUL_CHARACTER; an unpaired surrogate: INVALID_UNICODE), or null.
 * Iterative: any depth.
 */
export function stringsProblem(value: unknown): LimitReason | null {
  const stack: unknown[] = [value];
  let found: LimitReason | null = null;
  while (stack.length > 0) {
    const v = stack.pop();
    const strings: string[] = [];
    if (typeof v === 'string') {
      strings.push(v);
    } else if (Array.isArray(v)) {
      stack.push(...v);
    } else if (v !== null && typeof v === 'object') {
      for (const [k, inner] of Object.entries(v)) {
        strings.push(k);
        stack.push(inner);
      }
    }
    for (const s of strings) {
      const reason = stringProblem(s);
      if (reason === 'NUL_CHARACTER') return reason; // NUL wins, as it did before
      found ??= reason;
    }
  }
  return found;
}

/** True when a JSON value holds U+0000 in a string or a key (iterative: any depth). */
export function containsNul(value: unknown): boolean {
  return stringsProblem(value) === 'NUL_CHARACTER';
}

function fragmentsOf(
  definitions: ReadonlyArray<{ kind: Kind }>,
): Record<string, FragmentDefinitionNode> {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const def of definitions) {
    if (def.kind === Kind.FRAGMENT_DEFINITION) {
      const fragment = def as FragmentDefinitionNode;
      fragments[fragment.name.value] = fragment;
    }
  }
  return fragments;
}

/**
 * Nesting depth of a selection set: fields count one level, fragments none.
 * Each fragment's depth is computed once (memoised), so a document that
 * spreads the same fragment many times costs linear time, not exponential.
 */
function depthOf(
  set: SelectionSetNode | undefined,
  fragments: Record<string, FragmentDefinitionNode>,
  memo: Map<string, number>,
): number {
  if (!set) return 0;
  let deepest = 0;
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) {
      deepest = Math.max(
        deepest,
        sel.selectionSet ? 1 + depthOf(sel.selectionSet, fragments, memo) : 1,
      );
    } else if (sel.kind === Kind.INLINE_FRAGMENT) {
      deepest = Math.max(deepest, depthOf(sel.selectionSet, fragments, memo));
    } else {
      const name = sel.name.value;
      const fragment = fragments[name];
      if (!fragment) continue; // unknown fragments are reported by the spec rules
      let depth = memo.get(name);
      if (depth === undefined) {
        memo.set(name, 0); // a cycle (reported by NoFragmentCycles) counts nothing
        depth = depthOf(fragment.selectionSet, fragments, memo);
        memo.set(name, depth);
      }
      deepest = Math.max(deepest, depth);
    }
  }
  return deepest;
}

/** Refuses operations nested deeper than `MAX_DEPTH` before any resolver runs. */
export function depthLimitRule(context: ValidationContext): ASTVisitor {
  const fragments = fragmentsOf(context.getDocument().definitions);
  const memo = new Map<string, number>();
  return {
    OperationDefinition(node) {
      const depth = depthOf(node.selectionSet, fragments, memo);
      if (depth > MAX_DEPTH) {
        context.reportError(
          limitError(
            `Query depth ${depth} exceeds the limit of ${MAX_DEPTH}`,
            'QUERY_TOO_DEEP',
            MAX_DEPTH,
            depth,
            node,
          ),
        );
      }
    },
  };
}

/** Root fields of a selection set, through inline fragments and fragment spreads. */
function rootFields(
  set: SelectionSetNode,
  fragments: Record<string, FragmentDefinitionNode>,
  seen: Set<string>,
): FieldNode[] {
  const fields: FieldNode[] = [];
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) fields.push(sel);
    else if (sel.kind === Kind.INLINE_FRAGMENT) {
      fields.push(...rootFields(sel.selectionSet, fragments, seen));
    } else {
      const fragment = fragments[sel.name.value];
      if (!fragment || seen.has(sel.name.value)) continue;
      seen.add(sel.name.value);
      fields.push(...rootFields(fragment.selectionSet, fragments, seen));
    }
  }
  return fields;
}

/**
 * Refuses documents that call value-moving mutations more than once:
 * aliases, inline fragments and fragment spreads included (each fragment
 * counted once, which is already enough to find a second call).
 */
export function singleValueMutationRule(context: ValidationContext): ASTVisitor {
  const fragments = fragmentsOf(context.getDocument().definitions);
  return {
    OperationDefinition(node) {
      if (node.operation !== 'mutation') return;
      const calls = rootFields(node.selectionSet, fragments, new Set()).filter((f) =>
        VALUE_MOVING_MUTATIONS.has(f.name.value),
      ).length;
      if (calls > 1) {
        context.reportError(
          limitError(
            'At most one value-moving mutation per request',
            'TOO_MANY_VALUE_MUTATIONS',
            1,
            calls,
            node,
          ),
        );
      }
    },
  };
}

function fieldDef(
  schema: GraphQLSchema,
  parent: GraphQLCompositeType,
  name: string,
): GraphQLField<unknown, unknown> | undefined {
  if (name === TypeNameMetaFieldDef.name) return TypeNameMetaFieldDef;
  if (parent === schema.getQueryType()) {
    if (name === SchemaMetaFieldDef.name) return SchemaMetaFieldDef;
    if (name === TypeMetaFieldDef.name) return TypeMetaFieldDef;
  }
  return 'getFields' in parent ? parent.getFields()[name] : undefined;
}

/** The page size a paginated field will use, as the cost model counts it. */
function pageSizeOf(
  def: GraphQLField<unknown, unknown>,
  node: FieldNode,
  variables: Record<string, unknown>,
): number {
  let first: unknown;
  try {
    first = getArgumentValues(def, node, variables).first;
  } catch {
    first = undefined; // an invalid argument is refused by execution before any resolver
  }
  if (first === undefined || first === null) return DEFAULT_PAGE_SIZE;
  if (typeof first !== 'number' || !Number.isInteger(first) || first > MAX_PAGE_SIZE) {
    return MAX_PAGE_SIZE;
  }
  return Math.max(first, 0);
}

/**
 * The cost of an operation, with its variables:
 * - every selected field costs `FIELD_COST` (1), each alias on its own;
 *   a root field (Query or Mutation) costs `ROOT_FIELD_COST` (100): it is a
 *   service call (a transaction, an engine run);
 * - a paginated field (one with a `first` argument) multiplies the cost of
 *   what is selected under it by its page size: `first` as given (a literal
 *   or a variable), `DEFAULT_PAGE_SIZE` (20) when absent, `MAX_PAGE_SIZE`
 *   (100) when larger (the resolver then refuses it anyway);
 * - lists without `first` count once: they are bounded by the caller's own
 *   input (cart lines) or by the program's configuration, not by the data;
 * - inline fragments and fragment spreads count where they are spread (a
 *   fragment's cost is computed once per operation).
 * Variables are coerced as execution coerces them (defaults filled in);
 * null when they do not coerce (execution then refuses the request).
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  rawVariables: Readonly<Record<string, unknown>>,
): number | null {
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], rawVariables, {
    maxErrors: 1,
  });
  // Variables that do not coerce are refused by execution before any resolver runs.
  if (coerced.errors) return null;
  const variables = coerced.coerced;
  const fragments = fragmentsOf(document.definitions);
  const root =
    operation.operation === 'mutation'
      ? schema.getMutationType()
      : operation.operation === 'subscription'
        ? schema.getSubscriptionType()
        : schema.getQueryType();
  if (!root) return 0;
  const memo = new Map<string, number>();
  const costOf = (set: SelectionSetNode, parent: GraphQLCompositeType, atRoot: boolean): number => {
    let total = 0;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        const def = fieldDef(schema, parent, sel.name.value);
        const own = atRoot ? ROOT_FIELD_COST : FIELD_COST;
        if (!def || !sel.selectionSet) {
          total += own;
          continue;
        }
        const type = getNamedType(def.type);
        const below = isCompositeType(type) ? costOf(sel.selectionSet, type, false) : 0;
        const paginated = def.args.some((a) => a.name === 'first');
        total += own + (paginated ? pageSizeOf(def, sel, variables) : 1) * below;
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        const cond = sel.typeCondition ? schema.getType(sel.typeCondition.name.value) : parent;
        total += costOf(sel.selectionSet, cond && isCompositeType(cond) ? cond : parent, atRoot);
      } else {
        const name = sel.name.value;
        const fragment = fragments[name];
        if (!fragment) continue;
        const key = `${name}@${atRoot}`;
        let cost = memo.get(key);
        if (cost === undefined) {
          memo.set(key, 0); // cycles are refused by validation; never loop here
          const cond = schema.getType(fragment.typeCondition.name.value);
          cost = costOf(
            fragment.selectionSet,
            cond && isCompositeType(cond) ? cond : parent,
            atRoot,
          );
          memo.set(key, cost);
        }
        total += cost;
      }
    }
    return total;
  };
  return costOf(operation.selectionSet, root, true);
}

/**
 * Refuses variables holding U+0000 or an unpaired surrogate (see
 * `noNulCharacterRule`) and operations
 * costing more than `MAX_COST` (`operationCost`). It runs
 * at `didResolveOperation`: after validation (so the document is known to be
 * valid) and before execution (so no resolver has run), and unlike a
 * validation rule (cached per document, blind to variables) it sees each
 * request's variables, coerced as execution will coerce them.
 */
export function requestLimitsPlugin(maxCost = MAX_COST): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request, schema }) {
          if (!operation) return;
          const problem = request.variables ? stringsProblem(request.variables) : null;
          if (problem) throw stringError(problem);
          const cost = operationCost(schema, document, operation, request.variables ?? {});
          if (cost !== null && cost > maxCost) {
            const shown = Math.min(cost, Number.MAX_SAFE_INTEGER);
            throw limitError(
              `Query cost ${shown} exceeds the limit of ${maxCost}`,
              'QUERY_TOO_COSTLY',
              maxCost,
              shown,
            );
          }
        },
      };
    },
  };
}
