/** The key test servers seal stored secrets with; every server of a test run shares it, as instances sharing a PostgreSQL database must. */
export const TEST_SECRET_KEY = Buffer.alloc(32, 7).toString('base64');
