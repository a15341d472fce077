import { readFileSync } from 'node:fs';

/** Reads `test/fixtures/oss/<name>` as UTF-8 text. */
export function fixture(name: string): string {
  return readFileSync(new URL(`../../fixtures/oss/${name}`, import.meta.url), 'utf8');
}
