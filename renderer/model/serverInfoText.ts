/** A successful connection test in one sentence. */
import type { ServerInfo } from '../stores/types';

/** The server's generation in words; 'unknown' before it has answered. */
export function flavorName(flavor: ServerInfo['flavor'] | null | undefined): string {
  if (flavor === 'head') return 'CIDX 11 (HEAD)';
  return flavor === 'v5' ? 'CIDX 5' : 'unknown';
}

export function describeServerInfo(info: ServerInfo): string {
  const flavor = flavorName(info.flavor);
  const version = info.version ? ` version ${info.version}` : '';
  const who = info.username ? `, signed in as ${info.username}${info.role ? ` (${info.role})` : ''}` : '';
  const maintenance = info.maintenanceMode
    ? ' The server is in maintenance mode: new jobs are refused for now.'
    : '';
  return `Connected: ${flavor}${version}${who}.${maintenance}`;
}
