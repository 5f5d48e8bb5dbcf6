// Reads a file's raw text through GitLab's repository files API, once per file and ref per run:
// several metrics and periods usually count the same activity log.
import { gitlabClient } from '../../http/gitlab.ts';
import type { SourceContext } from '../types.ts';
import { describeFile, type FileRef, parseEntries } from './entries.ts';
import type { RepoFileConfig } from './config.ts';
import { rawFileSchema } from './responses.ts';
import { gitlabReadTokenHint } from '../../errors/hints.ts';

export interface FileReader {
  /** The file's entries; a failure is remembered too, so a broken file costs one set of retries. */
  entries(file: string): Promise<{ ref: FileRef; items: unknown[] }>;
}

export function fileReader(ctx: SourceContext, sourceName: string, config: RepoFileConfig): FileReader {
  const cache = new Map<string, Promise<{ ref: FileRef; items: unknown[] }>>();

  async function read(ref: FileRef): Promise<{ ref: FileRef; items: unknown[] }> {
    const token = config.token_env ? ctx.secret(config.token_env) : undefined;
    const rest = gitlabClient(ctx.http, {
      url: config.url,
      token,
      authHint: config.token_env ? gitlabReadTokenHint({ env: config.token_env, sees: ref.project }) : `${ref.project} needs a token: set token_env on sources.${sourceName} to a variable holding a token with read_api.`,
      notFoundHint: `Check sources.${sourceName}.project ("${ref.project}") and ref ("${ref.ref}"), and the metric's file path; GitLab also answers 404 for a private project ${config.token_env ? `the token in ${config.token_env} cannot read` : 'when no token_env is set'}.`,
    });
    const text = await rest.get({
      path: `${rest.projectPath(ref.project)}/repository/files/${encodeURIComponent(ref.file)}/raw`,
      query: { ref: ref.ref },
      responseType: 'text',
      schema: rawFileSchema,
      what: `GitLab file ${describeFile(ref)}`,
    });
    return { ref, items: await parseEntries(text, ref) };
  }

  return {
    entries(file) {
      const ref: FileRef = { project: config.project, file, ref: config.ref };
      const key = `${ref.ref}\u0000${ref.file}`;
      let pending = cache.get(key);
      if (!pending) {
        pending = read(ref);
        cache.set(key, pending);
      }
      return pending;
    },
  };
}
