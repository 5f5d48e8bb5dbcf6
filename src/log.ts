// Progress lines for CI logs. Every line is masked: a logger is the easiest place to leak a token.
import type { SecretMasker } from './secrets.ts';

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  /** Only printed with --verbose. */
  debug(message: string): void;
}

export interface LoggerOptions {
  stream: { write(chunk: string): unknown };
  masker: SecretMasker;
  verbose?: boolean;
}

export function createLogger({ stream, masker, verbose = false }: LoggerOptions): Logger {
  const write = (prefix: string, message: string) => stream.write(masker.mask(`${prefix}${message}`) + '\n');
  return {
    info: (m) => write('', m),
    warn: (m) => write('warning: ', m),
    debug: (m) => (verbose ? write('debug: ', m) : undefined),
  };
}

/** A logger that keeps lines in memory, for tests. */
export function memoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (m) => lines.push(m),
    warn: (m) => lines.push(`warning: ${m}`),
    debug: (m) => lines.push(`debug: ${m}`),
  };
}
