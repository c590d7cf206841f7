// Public API of the promotions module; every export listed explicitly.
export {};
