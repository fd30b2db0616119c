/** The process's memory posture: set unless whoever started node chose the heap growing percent. */
import { expect, test } from 'vitest';
import { favourMemory } from '../../src/app/memory-posture.js';

test.each([
  { execArgv: [], nodeOptions: '', set: true },
  { execArgv: ['--expose-gc'], nodeOptions: '--max-old-space-size=512', set: true },
  { execArgv: ['--heap-growing-percent=50'], nodeOptions: '', set: false },
  { execArgv: ['--heap_growing_percent=0'], nodeOptions: '', set: false },
  { execArgv: [], nodeOptions: '--max-old-space-size=512 --heap-growing-percent=80', set: false },
])('execArgv $execArgv, NODE_OPTIONS "$nodeOptions": flag set by Passerelle = $set', ({ execArgv, nodeOptions, set }) => {
  expect(favourMemory(execArgv, nodeOptions)).toBe(set);
});

