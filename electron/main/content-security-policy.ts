/**
 * The renderer's Content-Security-Policy, sent as a header on every `app://` response. It is the
 * browser-mode policy of analytics/host/http-host.ts, kept as a copy so the main bundle does not
 * pull in the HTTP host (and with it DuckDB); tests/integration/electron-security-policy.test.ts
 * fails if the two drift apart.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
  "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
