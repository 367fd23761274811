/**
 * The names of every channel between main and renderer: requests (renderer -> main, answered)
 * and events (main -> renderer). Kept apart from the schemas so the sandboxed preload bundle
 * carries names, not a validation library.
 */
export const REQUEST_CHANNELS = [
  'snapshot:get',
  'servers:add',
  'servers:update',
  'servers:remove',
  'servers:test',
  'servers:repositories',
  'jobs:sync',
  'jobs:cancel',
  'jobs:retry',
  'jobs:acknowledge',
  'jobs:focus',
  'settings:get',
  'settings:update',
  'open:job',
  'open:server',
  'notifications:test',
  'app:info',
  'app:quit',
] as const;

export const EVENT_CHANNELS = ['core:patch', 'app:show-job'] as const;

export type RequestChannel = (typeof REQUEST_CHANNELS)[number];
export type EventChannel = (typeof EVENT_CHANNELS)[number];
