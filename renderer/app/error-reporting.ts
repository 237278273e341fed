/**
 * Errors the window meets go to the main process's log (Electron; a no-op in a browser, whose
 * console shows them): the error's name, message and stack only, never a payload. Main checks the
 * report with zod and masks what may be personal before writing (electron/main/log.ts).
 */
import type { RendererErrorReport } from '../../shared/platform/api';
import { platform } from '../platform';

export function errorReport(kind: RendererErrorReport['kind'], error: unknown): RendererErrorReport {
  if (error instanceof Error) {
    return {
      kind,
      name: error.name.slice(0, 100),
      message: error.message.slice(0, 2000),
      ...(error.stack ? { stack: error.stack.slice(0, 8000) } : {}),
    };
  }
  return { kind, name: typeof error, message: String(error).slice(0, 2000) };
}

export function reportError(kind: RendererErrorReport['kind'], error: unknown): void {
  void platform.logError(errorReport(kind, error)).catch(() => undefined);
}

export function installErrorReporting(target: Pick<Window, 'addEventListener'> = window): void {
  target.addEventListener('error', (event: ErrorEvent) => reportError('error', event.error ?? event.message));
  target.addEventListener('unhandledrejection', (event: PromiseRejectionEvent) => reportError('unhandledrejection', event.reason));
}
