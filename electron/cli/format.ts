/** Human-readable rendering helpers for the CLI. */

/** Left-aligned columns with a header row; empty tables print only the header. */
export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: string[]): string =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(headers), ...rows.map(line)].join('\n');
}

/** `key: value` lines with the values aligned. */
export function fields(entries: Array<[string, string | number | undefined]>): string {
  const shown = entries.filter((entry): entry is [string, string | number] => entry[1] !== undefined);
  const width = Math.max(...shown.map(([key]) => key.length)) + 1;
  return shown.map(([key, value]) => `${`${key}:`.padEnd(width)} ${value}`).join('\n');
}

export const iso = (date: Date): string => date.toISOString();
export const unixSeconds = (date: Date): number => Math.floor(date.getTime() / 1000);
