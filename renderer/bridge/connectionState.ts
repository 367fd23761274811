/** How the renderer reaches main right now; IPC is always 'connected'. */
export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'disconnected';
