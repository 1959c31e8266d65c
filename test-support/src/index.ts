export * from './freePort';
export * from './graphqlClient';
export * from './serverProcess';
export * from './people';
export * from './openIdProvider';
export * from './browser';
export * from './apiKeys';
export * from './dnsServer';
