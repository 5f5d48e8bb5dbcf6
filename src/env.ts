// The only module that reads process.env (DESIGN convention 9). Everything else receives an Env.
export type Env = Readonly<Record<string, string | undefined>>;

export function processEnv(): Env {
  return Object.freeze({ ...process.env });
}
