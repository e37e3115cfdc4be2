import { useEffect, useState } from 'react';

const base = '/console';

/** The path below /console, without leading or trailing slashes ("conversations/123"). */
const current = () => location.pathname.slice(base.length).replace(/^\/+|\/+$/g, '');

export function navigate(path: string) {
  history.pushState(null, '', `${base}/${path}`);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

export function useRoute(): string {
  const [path, setPath] = useState(current);
  useEffect(() => {
    const update = () => setPath(current());
    window.addEventListener('popstate', update);
    return () => window.removeEventListener('popstate', update);
  }, []);
  return path;
}

export const href = (path: string) => `${base}/${path}`;
