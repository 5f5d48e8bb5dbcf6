// The slice of GitLab's GraphQL schema the fake implements, as SDL, so incoming documents are parsed,
// validated and executed by the real `graphql` package: aliases, batched fields, variables, unknown
// fields and wrong argument types behave like a GraphQL server rather than like a regex.
// Names and nullability follow GitLab's schema (doc/api/graphql/reference): `group(fullPath: ID!)`,
// `iid: String!`, `mergedAt: Time`, `author: MergeRequestAuthor`, `bot: Boolean!`.
import { buildSchema } from 'graphql';
import { readSdl } from './read-graphql.ts';

export const gitlabSdl = /* GraphQL */ `
  scalar Time

  enum MergeRequestState {
    opened
    closed
    locked
    all
    merged
  }

  enum MergeRequestSort {
    CREATED_DESC
    CREATED_ASC
    MERGED_AT_ASC
    MERGED_AT_DESC
  }

  type Query {
    group(fullPath: ID!): Group
    projects(ids: [ID!], first: Int, after: String): ProjectConnection
  }

  type ProjectConnection {
    count: Int!
    pageInfo: PageInfo!
    nodes: [Project]
  }

  type Group {
    id: ID!
    fullPath: ID!
    mergeRequests(
      state: MergeRequestState
      labelName: [String]
      labels: [String]
      mergedAfter: Time
      mergedBefore: Time
      includeSubgroups: Boolean = false
      includeArchived: Boolean = false
      sort: MergeRequestSort = CREATED_DESC
      authorUsername: String
      milestoneTitle: String
      createdAfter: Time
      createdBefore: Time
      updatedAfter: Time
      updatedBefore: Time
      first: Int
      after: String
      last: Int
      before: String
    ): MergeRequestConnection
  }

  type PageInfo {
    hasNextPage: Boolean!
    hasPreviousPage: Boolean!
    startCursor: String
    endCursor: String
  }

  type MergeRequestConnection {
    count: Int!
    pageInfo: PageInfo!
    nodes: [MergeRequest]
  }

  type Project {
    id: ID!
    fullPath: ID!
    visibility: String
  }

  type MergeRequestAuthor {
    id: ID!
    username: String!
    name: String!
    bot: Boolean!
    webUrl: String!
    publicEmail: String
  }

  type MergeRequest {
    id: ID!
    iid: String!
    title: String!
    state: MergeRequestState!
    webUrl: String
    mergedAt: Time
    project: Project!
    author: MergeRequestAuthor
  }
`;

export const gitlabSchema = buildSchema(gitlabSdl + readSdl);
