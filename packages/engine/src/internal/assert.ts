/**
 * Internal consistency checks. A failed `invariant` is a bug in the engine,
 * never an outcome a caller should handle; messages are constant strings.
 */
export function invariant(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`Tessera invariant violated: ${message}`);
}

/**
 * Checks of caller misuse (a programmer error, such as passing a purchase in
 * another currency than the program's). Business outcomes are never asserted:
 * they are returned as results with reason codes.
 */
export function devAssert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new TypeError(message);
}
