import type { Rule } from '../types';
import { connectionRules } from './connection';
import { corsRules } from './cors';
import { dnsRules } from './dns';
import { fallbackRules } from './fallback';
import { gatewayRules } from './gateway';
import { httpRules } from './http';
import { hungRules } from './hung';
import { localDevRules } from './local-dev';
import { policyRules } from './policy';
import { reachabilityRules } from './reachability';
import { tlsRules } from './tls';

/** Every built-in rule. Order breaks ties between equal scores: earlier wins. */
export const RULES: readonly Rule[] = [
  ...localDevRules,
  ...reachabilityRules,
  ...corsRules,
  ...connectionRules,
  ...dnsRules,
  ...tlsRules,
  ...gatewayRules,
  ...httpRules,
  ...policyRules,
  ...hungRules,
  ...fallbackRules,
];
