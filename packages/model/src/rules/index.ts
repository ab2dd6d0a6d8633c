import type { SpecRule } from '../rule.js';
import { checkComponentNames, checkNodePools, checkProvider } from './cluster.js';
import { checkNetwork } from './network.js';

/** Every semantic rule, run in this order after the schema accepted the spec. */
export const SPEC_RULES: readonly SpecRule[] = [checkProvider, checkNetwork, checkNodePools, checkComponentNames];
