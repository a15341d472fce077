import type { OptionValues } from './command';
import { UsageError } from './command';

/** Typed readers for parsed flag values; each failure names the flag and what it expects. */

export function stringOption(values: OptionValues, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

export function integerOption(values: OptionValues, name: string, min?: number, max?: number): number | undefined {
  const raw = stringOption(values, name);
  if (raw === undefined) return undefined;
  if (!/^-?\d+$/.test(raw.trim())) throw new UsageError(`--${name}`, `expected an integer, got '${raw}'`);
  const value = Number(raw);
  if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
    const range = max === undefined ? `at least ${min}` : `from ${min ?? '-∞'} to ${max}`;
    throw new UsageError(`--${name}`, `expected an integer ${range}, got ${value}`);
  }
  return value;
}

export function requiredIntegerOption(values: OptionValues, name: string, min?: number, max?: number): number {
  const value = integerOption(values, name, min, max);
  if (value === undefined) throw new UsageError(`--${name}`, 'is required');
  return value;
}

export function choiceOption<T extends string>(values: OptionValues, name: string, choices: readonly T[]): T | undefined {
  const raw = stringOption(values, name);
  if (raw === undefined) return undefined;
  if (!(choices as readonly string[]).includes(raw)) {
    throw new UsageError(`--${name}`, `expected one of ${choices.join(', ')}, got '${raw}'`);
  }
  return raw as T;
}

export const booleanOption = (values: OptionValues, name: string): boolean => values[name] === true;
