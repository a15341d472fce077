import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { PAGE_SIZES } from '../../stores/channels-store';
import { Field } from '../common/Field';

export interface ChannelSearchProps {
  /** The prefix the list shows now. */
  prefix: string;
  pageSize: number;
  onSearch(prefix: string): void;
  onPageSize(size: number): void;
}

/** Typing pauses this long before the list follows, so each keystroke is not a request. */
export const SEARCH_DEBOUNCE_MS = 300;

/** Prefix search (debounced; Enter searches at once) and the page size. */
export function ChannelSearch({ prefix, pageSize, onSearch, onPageSize }: ChannelSearchProps): React.JSX.Element {
  const { t } = useTranslation();
  const [text, setText] = useState(prefix);

  useEffect(() => {
    if (text === prefix) return;
    const timer = setTimeout(() => onSearch(text), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, prefix, onSearch]);

  return (
    <form
      role="search"
      className="row channel-search"
      onSubmit={(event) => {
        event.preventDefault();
        if (text !== prefix) onSearch(text);
      }}
    >
      <Field label={t('channels.toolbar.search')}>
        {(control) => <input {...control} type="search" value={text} placeholder={t('channels.toolbar.searchPlaceholder')} spellCheck={false} onChange={(event) => setText(event.target.value)} />}
      </Field>
      <Field label={t('channels.toolbar.pageSize')}>
        {(control) => (
          <select {...control} value={pageSize} onChange={(event) => onPageSize(Number(event.target.value))}>
            {PAGE_SIZES.map((size) => (
              <option key={size} value={size}>
                {size}
              </option>
            ))}
          </select>
        )}
      </Field>
    </form>
  );
}
