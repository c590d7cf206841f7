import { Decimal, isDecimalString } from '@tessera/engine';
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

/** Longest accepted decimal literal (digits and signs), to refuse absurd inputs early. */
const MAX_DECIMAL_LENGTH = 40;

function parse(value: unknown): Decimal {
  if (typeof value !== 'string' || value.length > MAX_DECIMAL_LENGTH || !isDecimalString(value)) {
    throw new GraphQLError('Decimal: a string such as "12.50" (no floats, no exponents)', {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return new Decimal(value);
}

/**
 * Exact decimal numbers (money, points) as strings, never floats. Output:
 * the string as computed (amounts are already scaled to their unit).
 */
export const DecimalScalar = new GraphQLScalarType<Decimal, string>({
  name: 'Decimal',
  description: 'An exact decimal number serialised as a string, e.g. "12.50".',
  serialize(value) {
    if (typeof value === 'string') return value;
    if (value instanceof Decimal) return value.toString();
    throw new GraphQLError('Decimal: cannot serialise value');
  },
  parseValue: parse,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) {
      throw new GraphQLError('Decimal: pass a string literal such as "12.50"', {
        extensions: { code: 'BAD_USER_INPUT' },
      });
    }
    return parse(ast.value);
  },
});
