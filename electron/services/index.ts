/** Composition of the main-process services for a profile: the entry point for the CLI and the app. */
export { NO_PROFILE_LABEL, openBroadcastServices } from './broadcast-services';
export type { BroadcastServices, BroadcastServicesOptions } from './broadcast-services';
export { resolveConnection } from './connection';
export type { ConnectionRequest, ExplicitOss, ResolvedConnection } from './connection';
export { LOCAL_FILE_NAME, NoOssConfiguredError, readLocalConnection } from './local-connection';
export { openProfileStore } from './profile-store';
