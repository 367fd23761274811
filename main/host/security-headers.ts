/**
 * The headers of every HTTP answer in browser mode. The CSP is the Electron app's, with the
 * bridge's WebSocket address added to connect-src; server text is rendered as text anyway, and
 * this keeps an injected script from running or phoning home if that ever failed.
 */
function contentSecurityPolicy(port: number): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    `connect-src 'self' ws://127.0.0.1:${port}`,
  ].join('; ');
}

export function securityHeaders(port: number): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(port),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    // No other site may frame the page (clickjacking); CSP frame-ancestors would say the same,
    // but the CSP is kept identical to the app's.
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cache-Control': 'no-cache',
  };
}
