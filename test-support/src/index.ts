export * from './freePort';
export * from './graphqlClient';
export * from './serverProcess';
export * from './people';
