/**
 * What a typed document carries: its result and variables types. The same
 * declaration as `DocumentTypeDecoration` of `@graphql-typed-document-node/core`
 * (structurally identical, so documents from other generators fit), kept here
 * so that the SDK has no dependency, not even a type-only one, on `graphql`.
 */
export interface DocumentTypeDecoration<TResult, TVariables> {
  /** Never implemented: carries the types only. */
  __apiType?: (variables: TVariables) => TResult;
}

/** The result type of a typed document. */
export type ResultOf<T> = T extends DocumentTypeDecoration<infer R, infer _V> ? R : never;

/** The variables type of a typed document. */
export type VariablesOf<T> = T extends DocumentTypeDecoration<infer _R, infer V> ? V : never;
