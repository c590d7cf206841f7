import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as engine from '../../src/index.js';

/**
 * The worked example of docs/engine/ledger.md runs against the current API
 * and prints what its comments say.
 */
describe('docs/engine/ledger.md worked example', () => {
  it('runs and prints the values in its comments', () => {
    const doc = readFileSync(new URL('../../../../docs/engine/ledger.md', import.meta.url), 'utf8');
    const section = doc.slice(doc.indexOf('## Worked example'));
    const code = section.slice(
      section.indexOf('```ts') + 5,
      section.indexOf('```', section.indexOf('```ts') + 5),
    );
    const body = code.replace(/^import \{[\s\S]*?\} from '@tessera\/engine';/m, '');
    const names = [...code.matchAll(/^\s+(\w+),$/gm)].map((m) => m[1]);
    const printed: string[] = [];
    const log = (...args: unknown[]) =>
      printed.push(
        args
          .map((a) =>
            typeof a === 'string'
              ? a
              : JSON.stringify(a).replaceAll('"', "'").replaceAll(',', ', '),
          )
          .join(' '),
      );
    const run = new Function(
      'engine',
      'console',
      `const { ${names.join(', ')} } = engine;\n${body}`,
    );
    run(engine, { log });
    const expected = [...code.matchAll(/console\.log\(.*\); \/\/ (.*)$/gm)].map((m) =>
      m[1]!.replace(/\[ (.*) \]/, '[$1]'),
    );
    expect(printed.map((p) => p.replace(/\[(.*)\]/, '[$1]'))).toEqual(expected);
  });
});
