import { execFileSync } from 'node:child_process';
import { it } from 'vitest';

/** True when CI=true: a missing system tool is then a failure, never a silent skip. */
export const inCI = process.env.CI === 'true';

function onPath(tool: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The tools not on PATH, in the order asked (also used by the benchmarks, which must fail in CI the same way). */
export function missingTools(...tools: string[]): string[] {
  return tools.filter((tool) => !onPath(tool));
}

/**
 * Checks that system tools (ffmpeg, chromium, obs, ...) exist. Locally a missing tool skips the suite with a
 * loud warning; in CI it registers a failing test naming what is missing. Use as `describe.runIf(needs('ffmpeg'))`.
 */
export function needs(...tools: string[]): boolean {
  const missing = missingTools(...tools);
  if (missing.length === 0) return true;
  const reason = `missing system tool(s): ${missing.join(', ')} (install them with: bash .ci/run, or apt-get install)`;
  if (inCI) {
    it(`has ${missing.join(', ')}`, () => {
      throw new Error(reason);
    });
  } else {
    process.stderr.write(`\n*** SKIPPING: ${reason} ***\n\n`);
  }
  return false;
}
