// Public API of the quote module; every export listed explicitly.
export {};
