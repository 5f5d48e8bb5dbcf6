// One MR note per goals file, found by its hidden marker and edited on every push: against a fake
// of GitLab's notes API (msw, in-process). test/preview/cli-preview.test.ts runs the same through
// the CLI in a child process over real HTTP.
import { describe, expect, it } from 'vitest';
import { createHttpClient } from '../../src/http/client.ts';
import { memoryLogger } from '../../src/log.ts';
import { upsertMergeRequestNote } from '../../src/preview/mr-note.ts';
import { noteMarker } from '../../src/preview/note.ts';
import { SecretMasker } from '../../src/secrets.ts';
import { notesFake, notesHandlers, type ServedNotesFake } from '../fakes/gitlab-notes/index.ts';
import { server } from '../msw-server.ts';

const TOKEN = 'glpat-NoteWriter0123456789ab';
const READ_ONLY = 'glpat-ReadOnly0123456789abc';
const marker = noteMarker('goals.yml');

const GITLAB = 'https://gitlab.notes.test';
let fake: ServedNotesFake;

function fresh(notes: Array<{ body: string; author?: { username: string }; system?: boolean }> = []): ServedNotesFake {
  fake = notesFake({
    project: 'devrel/goals',
    projectId: 42,
    iid: 7,
    tokens: [
      { value: TOKEN, username: 'project_42_bot_ab12', scopes: ['api'] },
      { value: READ_ONLY, username: 'reader', scopes: ['read_api'] },
    ],
    notes,
  });
  server.use(...notesHandlers(GITLAB, fake));
  return fake;
}

function upsert(body: string, options: { token?: string; project?: string; iid?: string } = {}) {
  const masker = new SecretMasker();
  const token = options.token ?? TOKEN;
  masker.add(token);
  const log = memoryLogger();
  const http = createHttpClient({ masker, log, sleep: async () => {}, maxRetries: 2 });
  return upsertMergeRequestNote({ http, apiUrl: `${GITLAB}/api/v4`, project: options.project ?? '42', iid: options.iid ?? '7', token, tokenEnv: 'PULSE_MR_TOKEN', marker, body });
}

describe('upsertMergeRequestNote', () => {
  it('adds the note once, then edits that same note on every later push', async () => {
    fresh([{ body: 'LGTM' }, { body: 'added 1 commit', system: true }]);
    expect(await upsert(`${marker}\nfirst`)).toEqual({ action: 'created', noteId: 5000 });
    expect(await upsert(`${marker}\nsecond`)).toEqual({ action: 'updated', noteId: 5000 });
    expect(await upsert(`${marker}\nsecond`)).toEqual({ action: 'unchanged', noteId: 5000 });
    const notes = fake.mergeRequests.get(fake.key) ?? [];
    expect(notes.filter((n) => n.body.includes(marker)).map((n) => n.body)).toEqual([`${marker}\nsecond`]);
    expect(fake.writes.map((w) => w.method)).toEqual(['POST', 'PUT']);
  });

  it('finds its note past the first page (100 notes a page, Link headers)', async () => {
    const chatter = Array.from({ length: 230 }, (_, i) => ({ body: `comment ${i}` }));
    fresh([...chatter, { body: `${marker}\nold`, author: { username: 'project_42_bot_ab12' } }]);
    expect(await upsert(`${marker}\nnew`)).toEqual({ action: 'updated', noteId: 1230 });
    expect(fake.pagesServed).toBe(3);
  });

  it('a project path works as the project id', async () => {
    fresh();
    expect((await upsert(`${marker}\nx`, { project: 'devrel/goals' })).action).toBe('created');
  });

  it('a read_api token: EAUTH naming the variable, the scope and the role; the token is never shown', async () => {
    fresh();
    const error = await upsert(`${marker}\nx`, { token: READ_ONLY }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'EAUTH' });
    const text = `${(error as Error).message} ${(error as { fix: string }).fix}`;
    expect(text).toContain('PULSE_MR_TOKEN must hold a project access token with the api scope');
    expect(text).toContain('403');
    expect(text).not.toContain(READ_ONLY);
  });

  it('an unknown merge request: ENOTFOUND with the iid', async () => {
    fresh();
    await expect(upsert(`${marker}\nx`, { iid: '99' })).rejects.toMatchObject({ code: 'ENOTFOUND', fix: expect.stringContaining('!99') });
  });

  it('a 503 is retried and still leaves exactly one note', async () => {
    fresh();
    fake.failNext = 1;
    expect((await upsert(`${marker}\nx`)).action).toBe('created');
    expect(fake.writes).toHaveLength(1);
  });
});
