// Which MR authors are not people. Counting a bot as a wider-community contributor inflates the
// headline KPI, so two independent signals are used and EITHER one excludes an author:
// 1. GitLab's own `author.bot` flag (GraphQL), set for access-token users, service accounts and
//    GitLab's internal bots (support bot, alert bot, ghost-like system users).
// 2. Username patterns, for bots the flag misses (a regular user account running a bot) and for
//    instances or API versions where the flag is absent or false:
//    - `project_<id>_bot_<hex>` / `group_<id>_bot_<hex>`: project and group access tokens (older
//      tokens: `project_<id>_bot` and `project_<id>_bot<n>`);
//    - `service_account_*`: service accounts;
//    - names ending in `-bot`, `_bot`, `.bot` or `[bot]`, e.g. `gitlab-bot`, `renovate-bot`, `gitlab_bot`.
//    A person whose username merely contains "bot" (`abbott`, `botanist`) is NOT excluded.

const BOT_USERNAME_PATTERNS: readonly RegExp[] = [/^(?:project|group)_\d+_bot(?:_[0-9a-f]+|\d*)$/i, /^service_account_/i, /[-_.]bot$/i, /\[bot\]$/i];

export function isBotUsername(username: string): boolean {
  return BOT_USERNAME_PATTERNS.some((re) => re.test(username));
}

export function isBot(author: { username: string; bot: boolean }): boolean {
  return author.bot || isBotUsername(author.username);
}

/** Usernames compare case-insensitively on GitLab; a leading "@" in goals.yml is tolerated. */
export function normaliseUsername(username: string): string {
  return username.replace(/^@/, '').toLowerCase();
}
