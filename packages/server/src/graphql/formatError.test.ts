import { GraphQLError } from 'graphql';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { AppError, ERROR_CODES } from '../services/errors.js';
import { createFormatError } from './formatError.js';

const silent = pino({ level: 'silent' });
const wrap = (original: Error) =>
  new GraphQLError(original.message, { path: ['x'], originalError: original });

describe('formatError', () => {
  it('masks internal errors outside development: constant message, no SQL, no stack', () => {
    const format = createFormatError(silent, false);
    const sql = new Error('insert into "member" ... violates constraint');
    const out = format({ message: sql.message, path: ['x'] }, wrap(sql));
    expect(out).toEqual({
      message: 'Internal server error',
      path: ['x'],
      locations: undefined,
      extensions: { code: 'INTERNAL' },
    });
    expect(JSON.stringify(out)).not.toContain('insert');
  });

  it('shows details of internal errors in development', () => {
    const out = createFormatError(silent, true)({ message: 'boom' }, wrap(new Error('boom')));
    expect(out.message).toBe('boom');
    expect(out.extensions?.code).toBe('INTERNAL');
    expect(String(out.extensions?.detail)).toContain('boom');
  });

  it.each(ERROR_CODES.filter((c) => c !== 'INTERNAL'))(
    'keeps AppError code %s and its details',
    (code) => {
      const out = createFormatError(silent, false)(
        { message: 'x' },
        wrap(new AppError(code, 'said', { field: 'f' })),
      );
      expect(out.extensions).toEqual({ code, field: 'f' });
      expect(out.message).toBe('said');
    },
  );

  it.each(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT', 'BAD_REQUEST'])(
    'maps Apollo code %s to BAD_USER_INPUT',
    (apolloCode) => {
      const out = createFormatError(silent, false)(
        { message: 'm', extensions: { code: apolloCode, stacktrace: ['secret'] } },
        new GraphQLError('m'),
      );
      expect(out.extensions).toEqual({ code: 'BAD_USER_INPUT' });
    },
  );

  it('maps a code-less Apollo refusal with a 4xx status to BAD_USER_INPUT (fuzz regression)', () => {
    const refusal = new GraphQLError('provided sha does not match query', {
      extensions: { http: { status: 400, headers: new Map() } },
    });
    const out = createFormatError(silent, false)(
      { message: refusal.message, extensions: { code: 'INTERNAL_SERVER_ERROR' } },
      refusal,
    );
    expect(out.extensions).toEqual({ code: 'BAD_USER_INPUT' });
    expect(out.message).toBe('provided sha does not match query');
  });
});
