/** The packages only the sample world (the demo/ workspace) may use: never the product, not even their types. */
export const DEMO_ONLY = ['@community-pulse/demo', 'msw', 'smtp-server', 'graphql'] as const;
