// The seeded PRNG lives in the demo/ workspace (the demo generates its data with it at run time).
export { prng } from '@community-pulse/demo/prng';
