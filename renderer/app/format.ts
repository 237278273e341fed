/** Dates, times and numbers through Intl in the UI language: the shared formatters (shared/i18n/format.ts), also used by the center's dashboard page. */
export * from '../../shared/i18n/format';
