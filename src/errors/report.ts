// The one wording of "this should not happen: tell us". An answer no API should send, or a loop the
// API never ends, is worth a bug report; every such fix ends the same way so a user learns it once.

/**
 * `Re-run with --verbose and report it.`, after an optional first sentence or clause (`before`),
 * naming the product whose version the report needs (`product`, e.g. GitLab, whose GraphQL schema
 * changes between versions).
 */
export function reportFix(options: { before?: string; product?: string } = {}): string {
  const tail = `e-run with --verbose and report it${options.product ? ` with the ${options.product} version` : ''}.`;
  if (!options.before) return `R${tail}`;
  return options.before.endsWith('.') ? `${options.before} R${tail}` : `${options.before}; r${tail}`;
}
