/** Checks a server address typed by a person before anything is sent to it. */
import type { Result } from '../result';
import { err, ok } from '../result';
import type { CidxFailure } from './failure';

const invalid = (message: string): Result<never, CidxFailure> => err({ kind: 'invalid-input', message });

/**
 * A usable base URL (no trailing slash), or an `invalid-input` failure that says what to change.
 * Messages never echo the address back when it may hold a password.
 */
export function validateServerUrl(input: string): Result<string, CidxFailure> {
  const text = input.trim();
  if (text === '') return invalid('Enter the server address, for example https://cidx.example.com.');
  if (/\s/.test(text)) return invalid('The server address must not contain spaces.');
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(text) && !/^[^:]+:\d/.test(text)) {
      return invalid('The server address must start with http:// or https://.');
    }
    return invalid('The server address needs a scheme: add https:// (or http://) in front of it.');
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return invalid('The server address is not a valid URL.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return invalid(`The server address must start with http:// or https:// (not ${url.protocol}//).`);
  }
  if (url.username !== '' || url.password !== '') {
    return invalid(
      'The server address must not contain a user name or password; enter those as the credentials instead.',
    );
  }
  if (url.hostname === '') return invalid('The server address has no host name.');
  if (url.search !== '' || url.hash !== '') {
    return invalid('The server address must not contain a query (?…) or fragment (#…).');
  }
  return ok(`${url.origin}${url.pathname.replace(/\/+$/, '')}`);
}
