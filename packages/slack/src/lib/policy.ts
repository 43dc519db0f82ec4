import { PolicyError, type ServerContext } from '@toolbridge/core';
import type { SlackContext } from '../define.js';
import type { SlackSettings } from '../settings.js';
import { resolveChannel, type Target } from './refs.js';

/**
 * Whether the write tools exist: SLACK_ALLOW_WRITE, or a role given explicitly as developer or admin (core's
 * default role is admin, so only a role someone wrote counts). Core still narrows by --read-only and role.
 */
export function writesEnabled(context: ServerContext<SlackSettings>): boolean {
  if (context.settings.allowWrite) return true;
  const role = context.flags.role ?? context.env.SLACK_ROLE ?? context.env.TOOLBRIDGE_ROLE;
  return role === 'developer' || role === 'admin';
}

const BROADCAST = /<!(channel|here|everyone)\b[^>]*>|(^|[^\w@])@(channel|here|everyone)\b/i;

/** Whether SLACK_WRITE_CHANNELS lets a write reach this conversation (names compared after resolution). */
function allowedTarget(settings: SlackSettings, target: Target): boolean {
  return settings.writeChannels.some((entry) => {
    const lower = entry.toLowerCase();
    if (entry === '*') return true;
    if (entry.toUpperCase() === target.id) return true;
    if (target.name && lower === `#${target.name.toLowerCase()}`) return true;
    return Boolean(target.user && (lower === `@${target.user.handle.toLowerCase()}` || entry.toUpperCase() === target.user.id));
  });
}

export interface WriteRequest {
  channel: string;
  /** Text and blocks the write would post, checked for @channel/@here/@everyone. */
  text?: string | undefined;
  blocks?: unknown;
}

/**
 * THE write policy: every write tool gets its target from here, whatever enabled it (settings, role or
 * --tools). The channel is resolved to its id first, so `#name`, an id and `@handle` meet the same rule.
 */
export async function authorizeWrite(context: SlackContext, request: WriteRequest): Promise<Target> {
  const settings = context.settings;
  const said = [request.text ?? '', request.blocks === undefined ? '' : JSON.stringify(request.blocks)].join('\n');
  const mention = BROADCAST.exec(said);
  if (mention && !settings.allowBroadcast) {
    throw new PolicyError(
      'SLACK_ALLOW_BROADCAST',
      `the message mentions @${(mention[1] ?? mention[3])!.toLowerCase()}, which notifies everyone in the channel`,
      {
        hint: 'Leave the broadcast mention out, or set SLACK_ALLOW_BROADCAST=true to allow it.',
      },
    );
  }
  const admit = (target: Target) => {
    if (allowedTarget(settings, target)) return;
    const configured = settings.writeChannels.length ? `it allows ${settings.writeChannels.join(', ')}` : 'it is empty, so no channel is allowed';
    throw new PolicyError('SLACK_WRITE_CHANNELS', `writing to ${target.label} (${target.id}) is not allowed: ${configured}`, {
      hint: `Add ${target.name ? `#${target.name}` : target.label} to SLACK_WRITE_CHANNELS (ids, #names, @handles; * for every channel) and restart the server.`,
    });
  };
  const target = await resolveChannel(context, request.channel, { beforeOpeningDm: admit });
  admit(target);
  return target;
}
