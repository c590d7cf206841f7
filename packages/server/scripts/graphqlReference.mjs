/**
 * Renders the GraphQL reference (docs/reference/graphql.md) from the
 * committed schema (packages/server/schema.graphql) with graphql's
 * `buildSchema`: every query, mutation, object type, input, enum and scalar
 * with its description, arguments and defaults. The page keeps its
 * hand-written introduction; everything between the GENERATED markers is
 * rewritten. `pnpm --filter @tessera/server docs:graphql` writes it and
 * `test/graphqlReference.test.ts` fails when it is stale.
 */
import {
  buildSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isScalarType,
  isUnionType,
  print,
} from 'graphql';

const BEGIN = '<!-- GENERATED: GraphQL reference (pnpm --filter @tessera/server docs:graphql) -->';
const END = '<!-- END GENERATED -->';

/** Where the schema and the page live. */
export function graphqlReferencePaths() {
  return {
    schemaFile: new URL('../schema.graphql', import.meta.url).pathname,
    pageFile: new URL('../../../docs/reference/graphql.md', import.meta.url).pathname,
  };
}

/** GitHub's heading anchor for a heading text (lower case, punctuation dropped). */
function anchor(heading) {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** One line of a markdown table cell: pipes escaped, line breaks as spaces. */
function cell(text) {
  return (text ?? '').replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|');
}

/** A type reference such as `[Member!]!` with its named type linked. */
function typeRef(type) {
  const named = getNamedType(type).name;
  const text = String(type);
  const at = text.indexOf(named);
  const before = text.slice(0, at);
  const after = text.slice(at + named.length);
  return `${before ? `\`${before}\`` : ''}[\`${named}\`](#${anchor(named)})${after ? `\`${after}\`` : ''}`;
}

/** The default of an argument or input field as written in the schema. */
function defaultOf(entity) {
  const literal = entity.astNode?.defaultValue;
  return literal ? `\`${print(literal)}\`` : '';
}

function deprecation(entity) {
  return entity.deprecationReason ? ` **Deprecated:** ${entity.deprecationReason}` : '';
}

function argumentTable(args) {
  if (args.length === 0) return [];
  return [
    '| argument | type | default | description |',
    '|---|---|---|---|',
    ...args.map(
      (a) =>
        `| \`${a.name}\` | ${typeRef(a.type)} | ${defaultOf(a)} | ${cell(a.description)}${deprecation(a)} |`,
    ),
    '',
  ];
}

function signature(field) {
  const args = field.args.map((a) => {
    const literal = a.astNode?.defaultValue;
    return `${a.name}: ${String(a.type)}${literal ? ` = ${print(literal)}` : ''}`;
  });
  return `${field.name}${args.length ? `(${args.join(', ')})` : ''}: ${String(field.type)}`;
}

function operations(root, title) {
  const fields = Object.values(root.getFields()).sort((a, b) => a.name.localeCompare(b.name));
  const out = [`## ${title}`, ''];
  out.push(
    fields.map((f) => `[\`${f.name}\`](#${anchor(`${root.name}.${f.name}`)})`).join(' · '),
    '',
  );
  for (const f of fields) {
    out.push(`### ${root.name}.${f.name}`, '');
    out.push('```graphql', signature(f), '```', '');
    if (f.description) out.push(f.description, '');
    if (f.deprecationReason) out.push(`**Deprecated:** ${f.deprecationReason}`, '');
    out.push(...argumentTable(f.args));
    out.push(`Returns ${typeRef(f.type)}.`, '');
  }
  return out;
}

function fieldTable(type) {
  const fields = Object.values(type.getFields());
  const hasArgs = fields.some((f) => f.args.length > 0);
  const out = hasArgs
    ? ['| field | type | arguments | description |', '|---|---|---|---|']
    : ['| field | type | description |', '|---|---|---|'];
  for (const f of fields) {
    const args = f.args
      .map((a) => {
        const literal = a.astNode?.defaultValue;
        return `\`${a.name}: ${String(a.type)}${literal ? ` = ${print(literal)}` : ''}\``;
      })
      .join(', ');
    const description = `${cell(f.description)}${deprecation(f)}`;
    out.push(
      hasArgs
        ? `| \`${f.name}\` | ${typeRef(f.type)} | ${args} | ${description} |`
        : `| \`${f.name}\` | ${typeRef(f.type)} | ${description} |`,
    );
  }
  return out;
}

function inputTable(type) {
  return [
    '| field | type | default | description |',
    '|---|---|---|---|',
    ...Object.values(type.getFields()).map(
      (f) =>
        `| \`${f.name}\` | ${typeRef(f.type)} | ${defaultOf(f)} | ${cell(f.description)}${deprecation(f)} |`,
    ),
  ];
}

function section(title, types, body) {
  if (types.length === 0) return [];
  const out = [`## ${title}`, ''];
  for (const t of types) {
    out.push(`### ${t.name}`, '');
    if (t.description) out.push(t.description, '');
    out.push(...body(t), '');
  }
  return out;
}

/** The generated part of the page for a schema in SDL. */
export function renderGraphqlReference(sdl) {
  const schema = buildSchema(sdl);
  const query = schema.getQueryType();
  const mutation = schema.getMutationType();
  const roots = new Set([query?.name, mutation?.name, schema.getSubscriptionType()?.name]);
  const named = Object.values(schema.getTypeMap())
    .filter((t) => !t.name.startsWith('__') && !roots.has(t.name))
    .sort((a, b) => a.name.localeCompare(b.name));
  const anchors = new Map();
  for (const name of [
    ...named.map((t) => t.name),
    ...[query, mutation]
      .filter(Boolean)
      .flatMap((r) => Object.keys(r.getFields()).map((f) => `${r.name}.${f}`)),
  ]) {
    const a = anchor(name);
    if (anchors.has(a)) throw new Error(`${name} and ${anchors.get(a)} share the anchor #${a}`);
    anchors.set(a, name);
  }
  const objects = named.filter((t) => isObjectType(t) || isInterfaceType(t));
  const inputs = named.filter(isInputObjectType);
  const enums = named.filter(isEnumType);
  const unions = named.filter(isUnionType);
  const scalars = named.filter(isScalarType);
  const count = (n, word) => `${n} ${n === 1 ? word : word === 'query' ? 'queries' : `${word}s`}`;
  const out = [
    `${count(query ? Object.keys(query.getFields()).length : 0, 'query')}, ${count(
      mutation ? Object.keys(mutation.getFields()).length : 0,
      'mutation',
    )}, ${count(objects.length, 'object type')}, ${count(inputs.length, 'input')}, ${count(
      enums.length,
      'enum',
    )}, ${count(scalars.length, 'scalar')}.`,
    '',
  ];
  if (query) out.push(...operations(query, 'Queries'));
  if (mutation) out.push(...operations(mutation, 'Mutations'));
  out.push(...section('Object types', objects, fieldTable));
  out.push(...section('Inputs', inputs, inputTable));
  out.push(
    ...section('Enums', enums, (t) => [
      '| value | description |',
      '|---|---|',
      ...t.getValues().map((v) => `| \`${v.name}\` | ${cell(v.description)}${deprecation(v)} |`),
    ]),
  );
  out.push(
    ...section('Unions', unions, (t) => [
      t
        .getTypes()
        .map((m) => typeRef(m))
        .join(' \\| '),
    ]),
  );
  out.push(
    ...section('Scalars', scalars, (t) =>
      t.specifiedByURL ? [`Specified by <${t.specifiedByURL}>.`] : [],
    ),
  );
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}

/** The page with its generated part replaced by the reference of `sdl`. */
export function renderGraphqlReferencePage(page, sdl) {
  const start = page.indexOf(BEGIN);
  const end = page.indexOf(END);
  if (start < 0 || end < start) throw new Error(`graphql.md must contain ${BEGIN} ... ${END}`);
  return `${page.slice(0, start + BEGIN.length)}\n\n${renderGraphqlReference(sdl)}\n${page.slice(end)}`;
}
