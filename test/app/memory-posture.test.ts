/** The process's memory posture: set unless whoever started node chose the heap growing percent. */
import { expect, test } from 'vitest';
import { favourMemory } from '../../src/app/memory-posture.js';

test.each([
  { execArgv: [], set: true },
  { execArgv: ['--expose-gc', '--max-old-space-size=512'], set: true },
  { execArgv: ['--heap-growing-percent=50'], set: false },
  { execArgv: ['--heap_growing_percent=0'], set: false },
])('node started with $execArgv: flag set by Passerelle = $set', ({ execArgv, set }) => {
  expect(favourMemory(execArgv)).toBe(set);
});

