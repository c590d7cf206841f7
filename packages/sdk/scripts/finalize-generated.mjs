#!/usr/bin/env node
// Codegen hook (afterAllFileWrite), given the written files as arguments:
// - graphql.ts: the type-only import of `DocumentTypeDecoration` from
//   `@graphql-typed-document-node/core` (which peer-depends on `graphql`) is
//   pointed at the SDK's own identical declaration, so installing the SDK
//   never pulls in `graphql`;
// - gql.ts and index.ts: removed. The client preset's `graphql()` tag function
//   is for operations written inline; ours live in `.graphql` files and are
//   used through the `...Document` exports of graphql.ts.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';

const FROM = "from '@graphql-typed-document-node/core';";
const TO = "from '../documentType.js';";

for (const file of process.argv.slice(2)) {
  const name = basename(file);
  if (name === 'gql.ts' || name === 'index.ts') {
    rmSync(file, { force: true });
  } else if (name === 'graphql.ts') {
    const text = readFileSync(file, 'utf8');
    if (!text.includes(FROM)) throw new Error(`${file}: expected the import ${FROM}`);
    writeFileSync(file, text.replace(FROM, TO));
  }
}
