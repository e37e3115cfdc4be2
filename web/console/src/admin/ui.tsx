import type { ReactNode } from 'react';
import { useI18n } from '../i18n/index.js';

/** A page heading with its status line: the last error, or "saved". */
export function AdminHeader({ title, error, note }: { title: string; error?: string | null; note?: ReactNode }) {
  return (
    <>
      <h1>{title}</h1>
      {error && <p className="error" role="alert">{error}</p>}
      {note && <div className="banner banner-info" role="status">{note}</div>}
    </>
  );
}

export function Field({ label, children, wide }: { label: string; children: ReactNode; wide?: boolean }) {
  return (
    <label className={wide ? 'field wide' : 'field'}>
      <span>{label}</span>
      {children}
    </label>
  );
}

/** zh-CN / en checkboxes, the two languages WalletDesk serves. */
export function LanguagePicker({ value, onChange }: { value: string[]; onChange: (v: string[]) => void }) {
  const { t } = useI18n();
  return (
    <span className="row wrap">
      {(['zh-CN', 'en'] as const).map((l) => (
        <label key={l} className="inline">
          <input type="checkbox" checked={value.includes(l)} onChange={(e) => onChange(e.target.checked ? [...value, l] : value.filter((x) => x !== l))} />
          {l === 'en' ? t.common.en : t.common.zh}
        </label>
      ))}
    </span>
  );
}
