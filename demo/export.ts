// What the demo leaves in --out besides the run's own files: the handbook files the job
// committed, as they now stand on the sample handbook's branches, and the email as the SMTP
// server received it.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { SampleWorld } from './sample-world.ts';
import { HANDBOOK_PROJECT } from './sample-world.ts';

export interface Exported {
  handbookFiles: string[];
  mergeRequests: string[];
  emails: string[];
  /** The chat posts as the Slack and Teams webhooks received them. */
  chatPosts: string[];
}

export async function exportWorld(world: SampleWorld, outDir: string): Promise<Exported> {
  const fake = world.handbook;
  const commits = (fake.commits[HANDBOOK_PROJECT] ?? []).slice(1);
  const project = fake.projects[HANDBOOK_PROJECT];
  const handbookFiles: string[] = [];
  const seen = new Set<string>();
  for (const commit of commits) {
    for (const file of commit.files) {
      const key = `${commit.branch}\0${file}`;
      const content = project?.branches[commit.branch]?.[file];
      if (seen.has(key) || content === undefined) continue;
      seen.add(key);
      const path = join(outDir, 'handbook', ...(commit.branch === 'main' ? [] : [`branch-${commit.branch.replace(/\//g, '_')}`]), ...file.split('/'));
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, content);
      handbookFiles.push(path);
    }
  }
  const emails: string[] = [];
  for (const [i, message] of world.smtp.messages.entries()) {
    const path = join(outDir, world.smtp.messages.length === 1 ? 'received.eml' : `received-${i + 1}.eml`);
    await writeFile(path, message.raw);
    emails.push(path);
  }
  const mergeRequests = fake.mergeRequests.map((mr) => `${world.servers.handbook.url}/${mr.project}/-/merge_requests/${mr.iid} (${mr.title})`);
  const chatPosts: string[] = [];
  const received = [...(world.chat?.slack.posts.map((p) => ['slack', p.message] as const) ?? []), ...(world.chat?.teams.posts.map((p) => ['teams', p.message] as const) ?? [])];
  for (const [i, [channel, message]] of received.entries()) {
    const path = join(outDir, `received-${channel}-${i + 1}.json`);
    await writeFile(path, `${JSON.stringify(message, null, 2)}\n`);
    chatPosts.push(path);
  }
  return { handbookFiles: handbookFiles.sort(), mergeRequests, emails, chatPosts };
}
