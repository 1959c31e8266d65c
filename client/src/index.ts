export { RolegraphClient, type RolegraphClientOptions } from './rolegraphClient';
export { LocalMirror, type LocalMirrorOptions, type MirrorDecision } from './localMirror';
export { RolegraphError } from './errors';
export { isAtLeast, laterOf, revisionOf } from './revisionTokens';
export type * from './types';
