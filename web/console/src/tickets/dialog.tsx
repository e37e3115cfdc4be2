import { useEffect, useId, useRef } from 'react';
import { useI18n } from '../i18n/index.js';

/**
 * A modal confirmation on the native <dialog>: focus moves into it and stays there, Escape
 * cancels, and the page behind is inert, with no library.
 */
export function ConfirmDialog({ title, text, confirmLabel, busy, error, onConfirm, onCancel }: {
  title: string; text: string; confirmLabel: string; busy: boolean; error?: string | null; onConfirm: () => void; onCancel: () => void;
}) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    dialog?.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog ref={ref} className="dialog" role="alertdialog" aria-labelledby={titleId} onCancel={(e) => (e.preventDefault(), onCancel())}>
      <h2 id={titleId}>{title}</h2>
      <p>{text}</p>
      {error && <p className="error" role="alert">{error}</p>}
      <div className="row wrap">
        <button type="button" className="primary" disabled={busy} onClick={onConfirm}>{confirmLabel}</button>
        <button type="button" onClick={onCancel}>{t.common.cancel}</button>
      </div>
    </dialog>
  );
}
