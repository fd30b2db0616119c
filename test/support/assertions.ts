/** Small helpers several test files share. */
import { expect } from 'vitest';
import { ConfigError } from '../../src/errors.js';

/** Runs `fn`, expecting a ConfigError, and returns it. */
export function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error('expected a ConfigError, nothing was thrown');
}

/** Lines of a run that contain every one of the given pieces. */
export function linesWith(lines: string[], ...pieces: string[]): string[] {
  return lines.filter((l) => pieces.every((p) => l.includes(p)));
}
