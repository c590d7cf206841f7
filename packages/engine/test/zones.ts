/** The RELIABILITY.md 14 zones: DST (New York, London, Lord Howe's 30-minute shift), half-hour (Kolkata, St John's) and +14 (Kiritimati) offsets. */
export const ZONES = [
  'America/New_York',
  'Europe/London',
  'Australia/Lord_Howe',
  'Asia/Kolkata',
  'America/St_Johns',
  'Pacific/Kiritimati',
] as const;
