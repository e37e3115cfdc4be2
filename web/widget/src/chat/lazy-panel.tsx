import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { catalogs, type Locale } from '../i18n/index.js';

/**
 * A view loaded the first time the customer opens it (requests, callbacks): most chats never do,
 * and the chat itself stays as small as it was. `load` holds the dynamic import, so the bundler
 * splits each view into its own file.
 */
export function lazyPanel<P extends { locale: Locale }>(load: () => Promise<ComponentType<P>>) {
  return function LazyPanel(props: P) {
    const [panel, setPanel] = useState<{ Panel: ComponentType<P> } | null>(null);
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      load().then((Panel) => setPanel({ Panel }), () => setFailed(true));
    }, []);
    if (!panel) {
      const t = catalogs[props.locale].chat;
      return <p class="wd-requests wd-event" role="status">{failed ? t.errors.generic : t.loading}</p>;
    }
    return <panel.Panel {...props} />;
  };
}
