// Public API of the tiers module; every export listed explicitly.
export {};
