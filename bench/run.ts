/**
 * `npm run bench`: runs every `bench/*.bench.ts` module (or those whose file name contains one of the arguments)
 * and prints one table with the ratios against the reference implementations.
 * Each module: `export default async function (): Promise<BenchResult[]>`.
 */
import { readdir } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';

import type { BenchResult } from './measure';

const benchDir = fileURLToPath(new URL('.', import.meta.url));

function isBenchModule(value: unknown): value is { default: () => Promise<BenchResult[]> } {
  return typeof value === 'object' && value !== null && 'default' in value && typeof value.default === 'function';
}

const formatNumber = (value: number): string =>
  Math.abs(value) >= 100 ? Math.round(value).toLocaleString('en-US') : value.toPrecision(3);

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  const line = (row: string[]): string => row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd();
  const [header = [], ...body] = rows;
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

async function main(filters: string[]): Promise<void> {
  const files = (await readdir(benchDir)).filter((file) => file.endsWith('.bench.ts') && (filters.length === 0 || filters.some((f) => file.includes(f)))).sort();
  if (files.length === 0) throw new Error(`no bench/*.bench.ts module matches ${filters.join(', ') || '(any)'}`);
  const results: Array<BenchResult & { module: string }> = [];
  const failed: string[] = [];
  for (const file of files) {
    process.stdout.write(`running ${file} ...\n`);
    // One module failing must not lose the others' figures: report it, go on, and exit 1 at the end.
    try {
      const loaded: unknown = await import(pathToFileURL(`${benchDir}${file}`).href);
      if (!isBenchModule(loaded)) throw new Error(`${file}: must export a default async function returning BenchResult[]`);
      for (const result of await loaded.default()) results.push({ ...result, module: file.replace(/\.bench\.ts$/, '') });
    } catch (error) {
      failed.push(file);
      process.stderr.write(`${file} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    }
  }
  const rows = [
    ['module', 'benchmark', 'value', 'unit', 'reference', 'ref value', 'ratio', 'note'],
    ...results.map((r) => [
      r.module,
      r.name,
      formatNumber(r.value),
      r.unit,
      r.reference?.name ?? '',
      r.reference ? formatNumber(r.reference.value) : '',
      r.ratio !== undefined ? `${r.ratio.toFixed(2)}x` : '',
      r.note ?? '',
    ]),
  ];
  process.stdout.write(`\n${table(rows)}\n`);
  const ratios = results.filter((r) => r.ratio !== undefined && r.reference);
  if (ratios.length > 0) {
    process.stdout.write('\nRatios (ours / reference):\n');
    for (const r of ratios) process.stdout.write(`  ${r.name}: ${(r.ratio ?? 0).toFixed(2)}x vs ${r.reference?.name ?? ''}\n`);
  }
  if (failed.length > 0) throw new Error(`failed: ${failed.join(', ')}`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
