export * from './orgRoles';
export * from './capabilities';
export * from './accessLevels';
export * from './teamRoles';
export * from './resourceTypes';
export * from './apiKeyScopes';
export * from './errorCodes';
export * from './plans';
