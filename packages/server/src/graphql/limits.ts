import {
  type ASTVisitor,
  type FragmentDefinitionNode,
  GraphQLError,
  Kind,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';

/** Deepest selection nesting a document may have. */
export const MAX_DEPTH = 12;

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

function depthOf(
  set: SelectionSetNode | undefined,
  fragments: Record<string, FragmentDefinitionNode>,
  seen: Set<string>,
): number {
  if (!set) return 0;
  let deepest = 0;
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) {
      deepest = Math.max(
        deepest,
        sel.selectionSet ? 1 + depthOf(sel.selectionSet, fragments, seen) : 1,
      );
    } else if (sel.kind === Kind.INLINE_FRAGMENT) {
      deepest = Math.max(deepest, depthOf(sel.selectionSet, fragments, seen));
    } else {
      const name = sel.name.value;
      const fragment = fragments[name];
      if (!fragment || seen.has(name)) continue; // cycles are reported by the spec rules
      seen.add(name);
      deepest = Math.max(deepest, depthOf(fragment.selectionSet, fragments, seen));
      seen.delete(name);
    }
  }
  return deepest;
}

/** Refuses operations nested deeper than `MAX_DEPTH` before any resolver runs. */
export function depthLimitRule(context: ValidationContext): ASTVisitor {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const def of context.getDocument().definitions) {
    if (def.kind === Kind.FRAGMENT_DEFINITION) fragments[def.name.value] = def;
  }
  return {
    OperationDefinition(node) {
      const depth = depthOf(node.selectionSet, fragments, new Set());
      if (depth > MAX_DEPTH) {
        context.reportError(
          new GraphQLError(`Query depth ${depth} exceeds the limit of ${MAX_DEPTH}`, {
            nodes: [node],
          }),
        );
      }
    },
  };
}

/** Refuses documents that call value-moving mutations more than once (aliases included). */
export function singleValueMutationRule(context: ValidationContext): ASTVisitor {
  return {
    OperationDefinition(node) {
      if (node.operation !== 'mutation') return;
      const calls = node.selectionSet.selections.filter(
        (s) => s.kind === Kind.FIELD && VALUE_MOVING_MUTATIONS.has(s.name.value),
      ).length;
      if (calls > 1) {
        context.reportError(
          new GraphQLError('At most one value-moving mutation per request', { nodes: [node] }),
        );
      }
    },
  };
}
