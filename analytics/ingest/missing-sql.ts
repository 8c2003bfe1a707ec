/**
 * Missing-value tokens of real exports (NA, blank, '-', ...) as a SQL list for `lower(trim(x)) IN`:
 * such cells import as NULL, they are not rejected.
 */
export const MISSING_SQL_LIST = `('', 'na', 'n/a', 'nan', 'null', '-', '--', '—')`;
