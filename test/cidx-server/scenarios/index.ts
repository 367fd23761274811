import type { Flavor, ScenarioDefinition } from '../types';
import { demoScenario } from './demo';
import { emptyScenario } from './empty';

export const SCENARIO_NAMES = ['empty', 'demo'] as const;

/** A named scenario for the flavour, or the given definition as is. */
export function resolveScenario(
  scenario: string | ScenarioDefinition | undefined,
  flavor: Flavor,
): ScenarioDefinition {
  if (scenario === undefined || scenario === 'empty') return emptyScenario();
  if (scenario === 'demo') return demoScenario(flavor);
  if (typeof scenario === 'string')
    throw new Error(`unknown scenario '${scenario}' (known: ${SCENARIO_NAMES.join(', ')})`);
  return scenario;
}

export { emptyScenario, demoScenario };
