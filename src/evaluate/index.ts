export { evaluate, type EvaluateInput, type EvaluateResult } from './evaluate.ts';
export type * from './model.ts';
