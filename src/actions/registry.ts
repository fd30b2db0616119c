/** Every action the CLI, the service and the scheduler can run, by name. Later issues add theirs here. */
import { ConfigError } from '../errors.js';
import type { ActionDef } from './action.js';
import { gescomCheck } from './gescom-check.js';

const ACTIONS: ActionDef[] = [gescomCheck];

export function listActions(): ActionDef[] {
  return [...ACTIONS];
}

export function findAction(name: string): ActionDef {
  const action = ACTIONS.find((a) => a.name === name);
  if (!action) {
    throw new ConfigError(
      `action inconnue / unknown action "${name}" (${ACTIONS.map((a) => a.name).join(', ')})`,
      'run', 'action',
    );
  }
  return action;
}
