/** The polling engine: one scheduler per server, adaptive cadence, budgeted requests, diff -> events. */
export * from './events';
export * from './options';
export * from './known-job';
export * from './cadence';
export * from './plan';
export * from './coverage';
export * from './diff';
export * from './health';
export * from './poll-once';
export * from './server-state';
export * from './server-poller';
export * from './engine';
