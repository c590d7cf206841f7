/**
 * Imports members, cards and point balances from a POS export through
 * @tessera/sdk with an admin key. Idempotent: run it again and nothing changes.
 *
 *   TESSERA_URL=http://localhost:4000/graphql TESSERA_ADMIN_KEY=... node dist/main.js [file.csv]
 */
import { readFileSync } from 'node:fs';
import { createTesseraClient } from '@tessera/sdk';
import { parseCsv } from './csv.js';
import { importRow, summarise, toPosRows } from './importMembers.js';

const file = process.argv[2] ?? new URL('../sample/members.csv', import.meta.url).pathname;
const url = process.env.TESSERA_URL ?? 'http://localhost:4000/graphql';
const apiKey = process.env.TESSERA_ADMIN_KEY;
if (!apiKey) {
  console.error('Set TESSERA_ADMIN_KEY to an admin key (pnpm dev prints the demo one).');
  process.exit(2);
}

const tessera = createTesseraClient({ url, apiKey });
const rows = toPosRows(parseCsv(readFileSync(file, 'utf8')));
console.log(`Importing ${rows.length} rows from ${file} into ${url}`);
const results = [];
for (const row of rows) {
  const r = await importRow(tessera, row);
  results.push(r);
  const what = r.error
    ? `FAILED ${r.error}`
    : `member ${r.member}, card ${r.card}, points ${r.points === 'credited' ? `+${row.points}` : r.points}`;
  console.log(`  ${row.externalId.padEnd(10)} ${row.name.padEnd(18)} ${what}`);
}
const s = summarise(results);
console.log(
  `Members: ${s.enrolled} enrolled, ${s.matched} matched by email, ${s.existing} already imported; ` +
    `cards: ${s.cardsIssued} issued; balances: ${s.pointsCredited} credited, ${s.pointsAlready} already imported; ` +
    `${s.failed} failed`,
);
process.exit(s.failed === 0 ? 0 : 1);
