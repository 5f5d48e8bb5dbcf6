// GitLab's query complexity score of a GraphQL document, computed the way GitLab computes it, so a
// test can keep every document the collectors send under a budget. The rules, from GitLab's code:
//
// - `Types::BaseField#field_complexity` (app/graphql/types/base_field.rb): a field without a
//   resolver costs its base complexity, 1, plus its children (graphql-ruby adds them). A field with
//   a resolver costs `child_complexity + resolver_complexity(args)`, then for a connection
//   `complexity += complexity * connection_complexity_multiplier`, where the multiplier is
//   `min(first, last, max_page_size 100) * complexity_multiplier(args)`, and `.to_i`.
// - `Resolvers::BaseResolver.resolver_complexity` (app/graphql/resolvers/base_resolver.rb):
//   `1`, `+1 if args[:sort]`, `+5 if args[:search]`; `complexity_multiplier` is 0.01, or 0 when
//   `iid`/`iids` is given. `Resolvers::IssuesResolver` adds 2 when `labelName` is given.
//   `MergeRequestsResolver` and `IssuesResolver` declare `sort` with a default (`created_desc`),
//   so `args[:sort]` is always set for them.
// - The fields with resolvers we send: `Query.group`/`Query.project` (FullPathResolver, multiplier
//   0), `Project.mergeRequest`, and the connections `mergeRequests`, `issues`, `milestones`, `notes`.
import { getArgumentValues, getNamedType, isObjectType, Kind, parse, type DocumentNode, type GraphQLObjectType, type GraphQLSchema, type SelectionSetNode } from 'graphql';

const PAGE_SIZE = 100;
/** Resolver fields: their extra resolver complexity from the arguments as GitLab sees them. */
const RESOLVERS: Record<string, (args: Record<string, unknown>) => number> = {
  'Query.group': () => 1,
  'Query.project': () => 1,
  'Project.mergeRequest': () => 1,
  'Group.mergeRequests': () => 1 + 1, // sort has a default
  'Group.issues': (a) => 1 + 1 + (a.labelName !== undefined ? 2 : 0),
  'Project.issues': (a) => 1 + 1 + (a.labelName !== undefined ? 2 : 0),
  'Group.milestones': (a) => 1 + (a.searchTitle !== undefined ? 5 : 0),
  'MergeRequest.notes': () => 1,
  // Resolvers::ProjectsResolver (app/graphql/resolvers/projects_resolver.rb): BaseResolver's 1, no sort or search sent.
  'Query.projects': () => 1,
};
const CONNECTIONS = new Set(['Query.projects', 'Group.mergeRequests', 'Group.issues', 'Project.issues', 'Group.milestones', 'MergeRequest.notes']);

export function complexityOf(schema: GraphQLSchema, query: string | DocumentNode, variables: Record<string, unknown> = {}): number {
  const doc = typeof query === 'string' ? parse(query) : query;
  const root = schema.getQueryType();
  if (!root) throw new Error('schema without a query type');
  let total = 0;
  for (const def of doc.definitions) if (def.kind === Kind.OPERATION_DEFINITION) total += selectionCost(schema, root, def.selectionSet, variables);
  return total;
}

function selectionCost(schema: GraphQLSchema, type: GraphQLObjectType, set: SelectionSetNode, variables: Record<string, unknown>): number {
  let sum = 0;
  for (const sel of set.selections) {
    if (sel.kind !== Kind.FIELD) throw new Error('fragments are not used by the collectors; score them when they are');
    if (sel.name.value === '__typename') continue;
    const field = type.getFields()[sel.name.value];
    if (!field) throw new Error(`${type.name}.${sel.name.value} is not in the schema`);
    const named = getNamedType(field.type);
    const child = sel.selectionSet && isObjectType(named) ? selectionCost(schema, named, sel.selectionSet, variables) : 0;
    const key = `${type.name}.${field.name}`;
    const resolver = RESOLVERS[key];
    if (!resolver) {
      sum += 1 + child;
      continue;
    }
    const args = getArgumentValues(field, sel, variables);
    let complexity = child + resolver(args);
    if (CONNECTIONS.has(key)) {
      const limit = Math.min(...[args.first, args.last, PAGE_SIZE].filter((n): n is number => typeof n === 'number'));
      const multiplier = args.iid !== undefined || args.iids !== undefined ? 0 : 0.01;
      complexity += complexity * limit * multiplier;
    }
    sum += Math.trunc(complexity);
  }
  return sum;
}
