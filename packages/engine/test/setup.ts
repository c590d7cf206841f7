import fc from 'fast-check';

// Every property runs at least 1,000 cases unless FC_NUM_RUNS says otherwise
// (e.g. FC_NUM_RUNS=10000 for a deeper local run). A failure prints its seed
// and path; put it in a regression test.
const runs = Number(process.env.FC_NUM_RUNS ?? 1000);
fc.configureGlobal({ numRuns: Number.isFinite(runs) && runs > 0 ? runs : 1000 });
