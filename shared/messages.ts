/**
 * What the app itself says to the user, as data: a key into the message catalogue and its parameters. The main
 * process, the CLI and the logs render it in English (`renderMessage`); the renderer renders it in the user's language
 * through i18next, where both catalogues are registered under `messages`. Text from elsewhere (an OSS server's error
 * Message, OBS's comment, a Node error) is passed as a plain string parameter and stays as it is in every language.
 *
 * Catalogues use i18next's `{{param}}` syntax. shared/messages/en.ts is the source of truth for keys and parameters;
 * shared/messages/zh-CN.ts has the same keys (its type enforces it) and the same parameters per key (a test does).
 */
import { en } from './messages/en';

type Widen<T> = { -readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
/** The shape every language's catalogue provides. */
export type MessageCatalogue = Widen<typeof en>;

type KeysOf<T> = { [K in keyof T & string]: T[K] extends string ? K : `${K}.${KeysOf<T[K]>}` }[keyof T & string];
/** A dotted path to one message, e.g. `alerts.noOutput`. */
export type MessageKey = KeysOf<typeof en>;

type TemplateOf<K extends string, T = typeof en> = K extends `${infer Head}.${infer Rest}`
  ? Head extends keyof T
    ? TemplateOf<Rest, T[Head]>
    : never
  : K extends keyof T
    ? T[K]
    : never;
type ParamNames<S> = S extends `${string}{{${infer Name}}}${infer Rest}` ? Name | ParamNames<Rest> : never;

/** How list items are joined: full sentences (`' '` in English), clauses (`'; '`) or words (`' '`, e.g. `1 h 5 min`). */
export type ListSeparator = 'sentences' | 'clauses' | 'words';

/** Several messages shown as one, joined the way the language joins sentences or clauses. */
export interface LocalizedList {
  items: readonly LocalizedText[];
  separator: ListSeparator;
}

/** A parameter: verbatim text or a number, or another message rendered in the same language. */
export type MessageParam = string | number | LocalizedText | LocalizedList;

/** A translatable message: what the app says, in no language yet. Plain data: it crosses IPC and JSON unchanged. */
export interface LocalizedText {
  key: MessageKey;
  params?: Readonly<Record<string, MessageParam>>;
}

// A template written as one literal has its parameters checked; one concatenated over several lines is typed
// `string`, so its parameters can only be checked by the catalogue tests.
type ParamsArgument<K extends MessageKey> = string extends TemplateOf<K>
  ? [params?: Readonly<Record<string, MessageParam>>]
  : [ParamNames<TemplateOf<K>>] extends [never]
    ? []
    : [params: { readonly [P in ParamNames<TemplateOf<K>>]: MessageParam }];

/** A message; the parameters its English template names are required (and no others are accepted). */
export function msg<K extends MessageKey>(key: K, ...params: ParamsArgument<K>): LocalizedText {
  const [values] = params;
  return values === undefined ? { key } : { key, params: values };
}

/** Messages joined as one (e.g. the preflight problems found, each a sentence). */
export function list(items: readonly LocalizedText[], separator: ListSeparator): LocalizedList {
  return { items, separator };
}

/** Text from elsewhere (a server's message, a Node error), carried as a message that shows it unchanged. */
export function verbatim(text: string): LocalizedText {
  return msg('verbatim', { text });
}

/**
 * An error the app phrased itself: `text` is what it says (translatable), `message` its English rendering (CLI,
 * logs). Callers that show errors to users check for this one class instead of knowing every kind.
 */
export class LocalizedError extends Error {
  constructor(
    readonly text: LocalizedText,
    options?: ErrorOptions,
  ) {
    super(renderMessage(text), options);
  }
}

export const isLocalizedText = (value: unknown): value is LocalizedText =>
  typeof value === 'object' && value !== null && typeof (value as { key?: unknown }).key === 'string';

/** The template of `key` in `catalogue`, or undefined when there is none. */
export function templateOf(catalogue: MessageCatalogue, key: string): string | undefined {
  let node: unknown = catalogue;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
}

const PLACEHOLDER = /\{\{\s*(\w+)\s*\}\}/g;

/** The parameter names a template uses, in order of first use. */
export function placeholdersOf(template: string): string[] {
  return [...new Set(Array.from(template.matchAll(PLACEHOLDER), (match) => match[1] ?? ''))];
}

/**
 * Renders a message from a catalogue (English unless told otherwise): as i18next would, a missing parameter stays as
 * `{{name}}` and an unknown key renders as the key itself.
 */
export function renderMessage(text: LocalizedText, catalogue: MessageCatalogue = en): string {
  const template = templateOf(catalogue, text.key) ?? text.key;
  const params = text.params ?? {};
  return template.replace(PLACEHOLDER, (placeholder, name: string) => {
    const value = params[name];
    return value === undefined ? placeholder : renderParam(value, catalogue);
  });
}

function renderParam(value: MessageParam, catalogue: MessageCatalogue): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if ('items' in value) {
    const separator = templateOf(catalogue, `separators.${value.separator}`) ?? ' ';
    return value.items.map((item) => renderMessage(item, catalogue)).join(separator);
  }
  return renderMessage(value, catalogue);
}

export { en as englishMessages };
