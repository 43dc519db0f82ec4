import { fileURLToPath } from 'node:url';
import { toolDeclarationProblems, toolListing, toolSnapshotProblems } from '@toolbridge/core/testing';
import { describe, expect, it } from 'vitest';
import { tools } from '../src/index.js';

describe('tool declarations', () => {
  it('are complete and honest', () => {
    expect(toolDeclarationProblems(tools, 'slack')).toEqual([]);
  });

  it('match their reviewed snapshots, one file a tool (what the model sees)', () => {
    expect(toolSnapshotProblems(tools, fileURLToPath(new URL('./__toolsnaps__', import.meta.url)))).toEqual([]);
  });

  it('name the tools as the issue fixes them; the four writes are the only tools that are not read-only', () => {
    const listing = toolListing(tools);
    expect(listing.map((tool) => tool.name).sort()).toEqual([
      'slack_add_reaction',
      'slack_get_channel_messages',
      'slack_get_thread_replies',
      'slack_get_user',
      'slack_get_users',
      'slack_list_channels',
      'slack_schedule_message',
      'slack_search_messages',
      'slack_send_message',
      'slack_update_message',
    ]);
    expect(listing.filter((tool) => !tool.annotations.readOnlyHint).map((tool) => [tool.name, tool.annotations.destructiveHint])).toEqual([
      ['slack_add_reaction', false],
      ['slack_schedule_message', false],
      ['slack_send_message', false],
      ['slack_update_message', false],
    ]);
  });
});
