// The seeded PRNG lives in src/demo (the demo generates its data with it at run time).
export { prng } from '../../src/demo/prng.ts';
