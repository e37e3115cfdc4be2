import { useEffect, useRef, useState } from 'preact/hooks';
import { fill } from '../i18n/index.js';
import type { TicketsApi } from './api.js';
import type { TicketFile } from './tickets.js';
import type { Strings } from './strings.js';

interface PendingFile {
  key: string;
  name: string;
  preview: string | null;
  progress: number;
  id: string | null;
  error: string | null;
}

const MAX_FILES = 10;
let nextKey = 0;

/**
 * Files picked for a request or a reply: each is uploaded at once (the server keeps it loose until
 * the request names it), so sending waits only for what is still on its way.
 */
export function useUploads(api: TicketsApi, s: Strings) {
  const [files, setFiles] = useState<PendingFile[]>([]);
  const patch = (key: string, change: Partial<PendingFile>) => setFiles((all) => all.map((f) => (f.key === key ? { ...f, ...change } : f)));
  // Thumbnails are object URLs: each is released when its file leaves the list or the view closes.
  const previews = useRef(new Set<string>());
  const release = (kept: (f: PendingFile) => boolean) =>
    setFiles((all) => {
      for (const f of all) if (!kept(f) && f.preview) URL.revokeObjectURL(f.preview);
      return all.filter(kept);
    });
  useEffect(() => () => previews.current.forEach((url) => URL.revokeObjectURL(url)), []);

  return {
    files,
    ids: files.flatMap((f) => (f.id ? [f.id] : [])),
    busy: files.some((f) => !f.id && !f.error),
    add(list: File[]) {
      for (const file of list.slice(0, MAX_FILES - files.length)) {
        const pending: PendingFile = { key: `u${nextKey++}`, name: file.name, preview: file.type.startsWith('image/') ? URL.createObjectURL(file) : null, progress: 0, id: null, error: null };
        if (pending.preview) previews.current.add(pending.preview);
        setFiles((all) => [...all, pending]);
        api.upload(file, (progress) => patch(pending.key, { progress })).then(
          (stored) => patch(pending.key, { id: stored.id, progress: 1 }),
          (err: unknown) => patch(pending.key, { error: s.errorText(err) }),
        );
      }
    },
    remove: (key: string) => release((f) => f.key !== key),
    clear: () => release(() => false),
  };
}

export type Uploads = ReturnType<typeof useUploads>;

export function FilePicker({ uploads, s, label, id }: { uploads: Uploads; s: Strings; label: string; id: string }) {
  const { t } = s;
  return (
    <div class="wd-field">
      <span id={`${id}-label`}>{label}</span>
      <label class="wd-add-file">
        + {t.files.add}
        <input
          id={id}
          type="file"
          multiple
          class="wd-visually-hidden"
          aria-labelledby={`${id}-label`}
          accept="image/png,image/jpeg,image/gif,image/webp,application/pdf"
          disabled={uploads.files.length >= MAX_FILES}
          onChange={(e) => {
            uploads.add([...(e.currentTarget.files ?? [])]);
            e.currentTarget.value = '';
          }}
        />
      </label>
      {uploads.files.length > 0 && (
        <ul class="wd-picked">
          {uploads.files.map((f) => (
            <li key={f.key}>
              {f.preview ? <img src={f.preview} alt={f.name} /> : <span class="wd-file-name">{f.name}</span>}
              {f.error ? (
                <span class="wd-field-error" role="alert">{fill(t.files.failed, { name: f.name, reason: f.error })}</span>
              ) : (
                !f.id && <progress max={1} value={f.progress} aria-label={fill(t.files.uploading, { name: f.name, percent: Math.round(f.progress * 100) })} />
              )}
              <button type="button" class="wd-remove" aria-label={fill(t.files.remove, { name: f.name })} onClick={() => uploads.remove(f.key)}>×</button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function StatusPill({ status, s }: { status: string; s: Strings }) {
  return <span class={`wd-pill wd-pill-${status}`}>{s.t.statuses[status] ?? status}</span>;
}

/** Files on a timeline entry: images as thumbnails, the rest as links; both open the signed link. */
export function EntryFiles({ files, s }: { files: TicketFile[]; s: Strings }) {
  if (!files.length) return null;
  return (
    <ul class="wd-entry-files">
      {files.map((f) => (
        <li key={f.id}>
          <a href={f.url} target="_blank" rel="noopener" aria-label={fill(s.t.files.open, { name: f.name })}>
            {f.contentType.startsWith('image/') ? <img class="wd-image" src={f.url} alt={f.name} /> : <span class="wd-file">{f.name}</span>}
          </a>
        </li>
      ))}
    </ul>
  );
}
