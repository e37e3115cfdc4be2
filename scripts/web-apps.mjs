import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** The browser apps: every folder under web/ with a Vite config (web/shared is only imported). */
export const webApps = () => readdirSync('web').filter((app) => existsSync(join('web', app, 'vite.config.ts')));
