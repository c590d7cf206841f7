// Public API of the ledger module; every export listed explicitly.
export {};
