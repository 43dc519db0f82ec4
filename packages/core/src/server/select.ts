import type { Selection } from '../config/schema.js';
import type { ToolDefinition } from '../define.js';
import { ConfigError } from '../errors.js';

const allowedByRole = (tool: ToolDefinition, role: Selection['role']): boolean => {
  if (role === 'admin') return true;
  if (role === 'developer') return tool.annotations.readOnlyHint || !tool.annotations.destructiveHint;
  return tool.annotations.readOnlyHint;
};

/**
 * Picks the tools a server offers. Filtering happens before registration, so a filtered tool is absent
 * from tools/list. `tools` is an exact allowlist; otherwise `toolsets` (or the defaults) decide;
 * read-only and role narrow either; `excludeTools` always wins. Unknown names fail at start.
 */
export function selectTools<T extends ToolDefinition>(all: readonly T[], selection: Selection, defaultToolsets: readonly string[]): T[] {
  const names = new Set(all.map((tool) => tool.name));
  const toolsets = new Set(all.map((tool) => tool.toolset));
  for (const [key, list, known, kind] of [
    ['tools', selection.tools ?? [], names, 'tool'],
    ['excludeTools', selection.excludeTools, names, 'tool'],
    ['toolsets', (selection.toolsets ?? []).filter((name) => name !== 'all'), toolsets, 'toolset'],
  ] as const) {
    const unknown = list.filter((name) => !known.has(name));
    if (unknown.length) {
      throw new ConfigError(`selection.${key}`, `unknown ${kind}(s) ${unknown.join(', ')}`, {
        hint: `Known ${kind}s: ${[...known].sort().join(', ')}.`,
      });
    }
  }
  const wantedToolsets = selection.toolsets ?? defaultToolsets;
  const inToolsets = (tool: T) => wantedToolsets.includes('all') || wantedToolsets.includes(tool.toolset);
  return all.filter(
    (tool) =>
      (selection.tools ? selection.tools.includes(tool.name) : inToolsets(tool)) &&
      (!selection.readOnly || tool.annotations.readOnlyHint) &&
      allowedByRole(tool, selection.role) &&
      !selection.excludeTools.includes(tool.name),
  );
}
