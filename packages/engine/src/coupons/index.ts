// Public API of the coupons module; every export listed explicitly.
export {};
