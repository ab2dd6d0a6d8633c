import type { SpecRule } from '../rule.js';
import { checkComponentNames, checkNodePools, checkProvider } from './cluster.js';
import { checkApps } from './apps.js';
import { checkCloud } from './cloud.js';
import { checkNetwork } from './network.js';
import { checkPlatform } from './platform.js';

/** Every semantic rule, run in this order after the schema accepted the spec. */
export const SPEC_RULES: readonly SpecRule[] = [checkProvider, checkNetwork, checkNodePools, checkComponentNames, checkApps, checkPlatform, checkCloud];
