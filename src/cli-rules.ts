// --warning/--critical on the root command: validated before any engine work (a bad rule is one
// line with a caret, exit 2), then used by the --json lines (and the live screen) to report each
// container's rule results.
import type { CliOptions } from './cli-options.js';
import { UserFacingError } from './core/model/errors.js';
import { buildRuleSet, RuleError, type RuleSet } from './core/thresholds/rules.js';

export async function applyRuleOptions(opts: CliOptions): Promise<RuleSet | null> {
  if (!opts.warning?.length && !opts.critical?.length) return null;
  let rules: RuleSet;
  try {
    rules = buildRuleSet({ warning: opts.warning ?? [], critical: opts.critical ?? [] });
  } catch (err) {
    if (err instanceof RuleError) throw new UserFacingError(err.format(), 'fields and state rules: ctop-ts check --help', 2);
    throw err;
  }
  const { useJsonRules } = await import('./output/json.js');
  useJsonRules(rules);
  if (opts.mode === 'live') {
    const { setLiveRules } = await import('./ui/table/rule-marks.js');
    setLiveRules(rules);
  }
  return rules;
}
