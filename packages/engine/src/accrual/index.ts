// Public API of the accrual module; every export listed explicitly.
export {};
