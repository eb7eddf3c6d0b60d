export type { Fault } from './faults.js';
export { FAKE_IDS } from './ids.js';
export * from './payloads.js';
export * from './sign-request.js';
export * from './socket-mode-server.js';
export * from './web-api-server.js';
export type { ChannelSpec, ChannelVisibility, UserSpec, Workspace, WorkspaceOptions } from './workspace.js';
