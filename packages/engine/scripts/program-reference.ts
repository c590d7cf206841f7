/**
 * Generates the program configuration reference from the schema:
 * `docs/reference/program.schema.json` (JSON Schema for editors) and the
 * field table in `docs/reference/program.md`. `pnpm --filter @tessera/engine
 * docs:schema` rewrites both; a test fails when they are stale.
 */
import { programJsonSchema } from '../src/program/jsonSchema.js';

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  description?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  additionalProperties?: Schema | boolean;
};

function typeOf(s: Schema): string {
  if (s.const !== undefined) return `\`${JSON.stringify(s.const)}\``;
  if (s.enum && s.enum.length > 12) return `one of ${s.enum.length} values (see the JSON Schema)`;
  if (s.enum) return s.enum.map((e) => `\`${JSON.stringify(e)}\``).join(' \\| ');
  const alts = s.anyOf ?? s.oneOf;
  if (alts) {
    const types = [...new Set(alts.map(typeOf))];
    if (types.length === 2 && types.includes('string') && types.includes('number'))
      return 'decimal';
    return types.join(' \\| ');
  }
  if (s.type === 'array') return `${s.items ? typeOf(s.items) : 'any'}[]`;
  if (s.type === 'object' && !s.properties && typeof s.additionalProperties === 'object') {
    return `map of ${typeOf(s.additionalProperties)}`;
  }
  if (s.type === 'string' && s.pattern === '^-?\\d+(\\.\\d+)?$') return 'decimal';
  let t = Array.isArray(s.type) ? s.type.join(' \\| ') : (s.type ?? 'any');
  const max =
    s.maximum !== undefined && s.maximum < Number.MAX_SAFE_INTEGER ? s.maximum : undefined;
  if (s.minimum !== undefined && max !== undefined) t += ` (${s.minimum}..${max})`;
  else if (s.minimum !== undefined) t += ` (>= ${s.minimum})`;
  else if (max !== undefined) t += ` (<= ${max})`;
  return t;
}

function rows(s: Schema, path: string, out: string[], required: boolean): void {
  const def = s.default === undefined ? '' : `\`${JSON.stringify(s.default)}\``;
  const description = (s.description ?? '').replace(/\n/g, ' ');
  out.push(`| \`${path}\` | ${typeOf(s)} | ${required ? 'yes' : ''} | ${def} | ${description} |`);
  children(s, path, out);
}

function children(s: Schema, path: string, out: string[]): void {
  const variants = s.oneOf ?? s.anyOf;
  if (variants?.some((v) => v.properties)) {
    for (const v of variants) {
      const kind = Object.entries(v.properties ?? {}).find(([, p]) => p.const !== undefined);
      const label = kind ? `${path}(${kind[0]}=${JSON.stringify(kind[1].const)})` : path;
      for (const [k, p] of Object.entries(v.properties ?? {})) {
        if (kind && k === kind[0]) continue;
        rows(p, `${label}.${k}`, out, v.required?.includes(k) ?? false);
      }
    }
  } else if (s.type === 'array' && s.items) {
    children(s.items, `${path}[]`, out);
  } else {
    for (const [k, p] of Object.entries(s.properties ?? {})) {
      rows(p, path ? `${path}.${k}` : k, out, s.required?.includes(k) ?? false);
    }
  }
}

/** The JSON Schema, pretty-printed. */
export function schemaJson(): string {
  return `${JSON.stringify(programJsonSchema(), null, 2)}\n`;
}

/** The markdown field table. */
export function referenceTable(): string {
  const out = ['| field | type | required | default | description |', '|---|---|---|---|---|'];
  children(programJsonSchema() as Schema, '', out);
  return `${out.join('\n')}\n`;
}

const BEGIN = '<!-- GENERATED: program fields (pnpm --filter @tessera/engine docs:reference) -->';
const END = '<!-- END GENERATED -->';

/** Where the generated reference files live. */
export function referencePaths(): { schemaFile: string; pageFile: string } {
  const docs = new URL('../../../docs/reference/', import.meta.url);
  return {
    schemaFile: new URL('program.schema.json', docs).pathname,
    pageFile: new URL('program.md', docs).pathname,
  };
}

/** The page with its generated section replaced by the current table. */
export function renderReferencePage(page: string): string {
  const start = page.indexOf(BEGIN);
  const end = page.indexOf(END);
  if (start < 0 || end < start) throw new Error(`program.md must contain ${BEGIN} ... ${END}`);
  return `${page.slice(0, start + BEGIN.length)}\n\n${referenceTable()}\n${page.slice(end)}`;
}
