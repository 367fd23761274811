/**
 * How the renderer reaches main right now; IPC is always 'connected'. Browser mode reconnects
 * after a drop ('reconnecting'), but a page without a token ('no-token') or whose token the host
 * refused ('token-refused': browser mode was restarted, so the token this tab kept is stale)
 * would never get in by retrying: those two stop and say what to do instead.
 */
export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'disconnected' | AccessRefusal;

export type AccessRefusal = 'no-token' | 'token-refused';

export function isAccessRefusal(state: ConnectionState): state is AccessRefusal {
  return state === 'no-token' || state === 'token-refused';
}

/** Why the page is not let in and what to do, in words: the one text for every place that says it. */
export const ACCESS_REFUSAL_WORDS: Record<AccessRefusal, { why: string; todo: string }> = {
  'no-token': {
    why: 'This page was opened without its access token.',
    todo: 'Open the address CIDX Tray printed when it started (it ends with #token=…).',
  },
  'token-refused': {
    why: 'CIDX Tray did not accept this page’s access token; it changes each time CIDX Tray starts.',
    todo: 'Open the address CIDX Tray printed when it started (it ends with #token=…).',
  },
};
