/** One problem found in a program configuration or an input, located by path. */
export interface Issue {
  /** Path into the offending value, e.g. `["earning", "rules", 3, "multiplier"]`. */
  readonly path: readonly (string | number)[];
  /** Stable machine-readable code (zod's issue code, or a Tessera code such as `unknown_reference`). */
  readonly code: string;
  /** Human-readable message. */
  readonly message: string;
}

/** Thrown when a program configuration is invalid; lists every problem by path. */
export class ProgramConfigError extends Error {
  override readonly name = 'ProgramConfigError';
  readonly issues: readonly Issue[];
  constructor(issues: readonly Issue[]) {
    super(`Invalid program configuration:\n${issues.map(formatIssue).join('\n')}`);
    this.issues = issues;
  }
}

/**
 * Thrown when a caller passes malformed input to an engine function (a cart
 * line with a negative quantity, an instant without an offset...). Nothing is
 * computed or changed. Business outcomes are never thrown: they are results.
 */
export class InputError extends Error {
  override readonly name = 'InputError';
  readonly issues: readonly Issue[];
  constructor(issues: readonly Issue[]) {
    super(`Invalid input:\n${issues.map(formatIssue).join('\n')}`);
    this.issues = issues;
  }
}

/** `path.to.field: message` */
export function formatIssue(issue: Issue): string {
  const path = issue.path.length ? issue.path.join('.') : '(root)';
  return `  ${path}: ${issue.message}`;
}
