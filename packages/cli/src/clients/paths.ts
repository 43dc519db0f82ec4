import { isAbsolute, join, relative } from 'node:path';
import type { Place, Scope } from './types.js';

/** A config path as a server started in the project should be given it: relative inside the project, else absolute. */
export function projectRelative(scope: Scope, path: string, place: Place, workspacePrefix?: string): string {
  const inside = relative(place.cwd, path);
  if (scope !== 'project' || inside.startsWith('..') || isAbsolute(inside)) return path;
  return workspacePrefix ? `${workspacePrefix}/${inside.split('\\').join('/')}` : inside;
}

/** The per-user application-data folder of a desktop app (macOS, Windows, Linux/XDG). */
export function appDataDir(place: Place): string {
  if (place.platform === 'darwin') return join(place.home, 'Library', 'Application Support');
  if (place.platform === 'win32') return place.env.APPDATA ?? join(place.home, 'AppData', 'Roaming');
  return place.env.XDG_CONFIG_HOME ?? join(place.home, '.config');
}
