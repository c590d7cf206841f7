import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Generates `src/generated/` from the server's committed schema and the
 * operations in `src/operations/*.graphql`. Documents are typed strings
 * (`documentMode: 'string'`): the SDK has no runtime dependency on `graphql`.
 * `scripts/finalize-generated.mjs` then keeps `graphql.ts` only (see there).
 * `TESSERA_CODEGEN_OUT` redirects the output (the staleness test uses it).
 */
const out = process.env.TESSERA_CODEGEN_OUT ?? './src/generated/';

const config: CodegenConfig = {
  hooks: { afterAllFileWrite: ['node scripts/finalize-generated.mjs'] },
  schema: '../server/schema.graphql',
  documents: ['./src/operations/*.graphql'],
  ignoreNoDocuments: false,
  generates: {
    [out]: {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        documentMode: 'string',
        importExtension: '.js',
        enumsAsTypes: true,
        useTypeImports: true,
        skipTypename: true,
        strictScalars: true,
        scalars: {
          Decimal: 'string',
          DateTimeISO: 'string',
          JSONObject: 'Record<string, unknown>',
        },
      },
    },
  },
};

export default config;
