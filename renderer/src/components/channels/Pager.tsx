import { useTranslation } from 'react-i18next';

export interface PagerProps {
  /** 1-based. */
  page: number;
  hasPrevious: boolean;
  hasNext: boolean;
  onPrevious(): void;
  onNext(): void;
}

/** Previous / next over marker-based pages (OSS lists forward only; the store keeps the markers to step back). */
export function Pager({ page, hasPrevious, hasNext, onPrevious, onNext }: PagerProps): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <nav className="row pager" aria-label={t('channels.pager.label')}>
      <button type="button" disabled={!hasPrevious} onClick={onPrevious}>
        {t('channels.pager.previous')}
      </button>
      <span aria-live="polite">{t('channels.pager.page', { page })}</span>
      <button type="button" disabled={!hasNext} onClick={onNext}>
        {t('channels.pager.next')}
      </button>
    </nav>
  );
}
