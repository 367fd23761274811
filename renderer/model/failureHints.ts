/** What a person can do about a connection failure, by the core's failure kind. */
const HINTS: Record<string, string> = {
  offline: 'Check the address and that the server is running and reachable from this computer.',
  timeout: 'The server did not answer in time; check the address, a proxy or the network.',
  tls: 'The certificate is not trusted: add the CA file of a private CA, or check the host name.',
  'bad-credentials': 'Check the username and password, or the API key.',
  'mfa-required':
    'This account uses multi-factor sign-in, which the app cannot answer: create an API key in the CIDX web UI and use it here.',
  'token-expired': 'Sign in again with the password or an API key.',
  'token-revoked': 'Sign in again with the password or an API key.',
  forbidden: 'The account is not allowed to do this.',
  'unexpected-response': 'This does not look like a CIDX server of a supported version (5.0 or 11.x).',
  'invalid-input': 'Check the highlighted fields.',
};

export function failureHint(kind: string): string | null {
  return HINTS[kind] ?? null;
}
