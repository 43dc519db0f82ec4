import { annotations, compact, InvalidInputError } from '@toolbridge/core';
import * as z from 'zod';
import type { SlackAnswer } from '../client.js';
import { defineTool } from '../define.js';
import { authorizeWrite } from '../lib/policy.js';
import { channelInput, tsInput } from '../lib/refs.js';
import { isoOf, toTs } from '../lib/time-range.js';
import { blocksInput, textInput } from '../lib/write-input.js';

/** Slack schedules up to 120 days ahead. */
const MAX_AHEAD_S = 120 * 86_400;

export const scheduleMessage = defineTool({
  name: 'slack_schedule_message',
  title: 'Schedule message',
  description: 'Schedules a message (or reply) up to 120 days ahead, where SLACK_WRITE_CHANNELS allows; no link previews.',
  toolset: 'messages',
  input: () =>
    z.object({
      channel: channelInput,
      text: textInput,
      post_at: z.string().min(1).describe('ISO date with zone, or epoch seconds'),
      blocks: blocksInput,
      thread_ts: tsInput.optional(),
    }),
  output: () => z.object({ channel: z.string(), channel_id: z.string(), scheduled_message_id: z.string(), post_at: z.string() }),
  annotations: annotations.write,
  async handler(input, context) {
    const postAt = Math.floor(Number(toTs(input.post_at, 'post_at')));
    const now = Date.now() / 1000;
    if (postAt <= now || postAt > now + MAX_AHEAD_S) {
      throw new InvalidInputError(`post_at must be in the future and at most 120 days ahead, got ${isoOf(String(postAt))}`);
    }
    const target = await authorizeWrite(context, input);
    const scheduled = await context.services.client.call<SlackAnswer & { channel: string; scheduled_message_id: string; post_at: number | string }>(
      'chat.scheduleMessage',
      {
        channel: target.id,
        text: input.text,
        post_at: postAt,
        blocks: input.blocks,
        unfurl_links: false,
        unfurl_media: false,
        ...compact({ thread_ts: input.thread_ts }),
      },
    );
    return {
      channel: target.label,
      channel_id: scheduled.channel,
      scheduled_message_id: scheduled.scheduled_message_id,
      post_at: isoOf(String(scheduled.post_at)),
    };
  },
});
