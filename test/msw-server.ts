import { setupServer } from 'msw/node';

/** The one msw server of a test file; add fakes with `server.use(...handlers)`. */
export const server = setupServer();
