import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The user's configuration directory for toolbridge: TOOLBRIDGE_CONFIG_DIR, else the platform's place
 * ($XDG_CONFIG_HOME or ~/.config on Linux, ~/Library/Application Support on macOS, %APPDATA% on Windows).
 */
export function configDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string {
  if (env.TOOLBRIDGE_CONFIG_DIR) return env.TOOLBRIDGE_CONFIG_DIR;
  const home = env.HOME || env.USERPROFILE || homedir();
  if (platform === 'win32') return join(env.APPDATA || join(home, 'AppData', 'Roaming'), 'toolbridge');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'toolbridge');
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), 'toolbridge');
}
