/** A successful connection test in one sentence. */
import type { ServerInfo } from '../stores/types';

export function describeServerInfo(info: ServerInfo): string {
  const flavor = info.flavor === 'head' ? 'CIDX 11 (HEAD)' : 'CIDX 5';
  const version = info.version ? ` version ${info.version}` : '';
  const who = info.username ? `, signed in as ${info.username}${info.role ? ` (${info.role})` : ''}` : '';
  const maintenance = info.maintenanceMode
    ? ' The server is in maintenance mode: new jobs are refused for now.'
    : '';
  return `Connected: ${flavor}${version}${who}.${maintenance}`;
}
