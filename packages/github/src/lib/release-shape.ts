import { tableOf, truncate, untrusted } from '@toolbridge/core';
import * as z from 'zod';

/** The fields of a release a model needs, shared by the release tools. */
export const releaseOutput = z.object({
  id: z.number(),
  tag: z.string(),
  name: z.string().optional(),
  draft: z.boolean(),
  prerelease: z.boolean(),
  author: z.string().optional(),
  published_at: z.string().optional(),
  html_url: z.string(),
  body: z.string().optional(),
  assets: z.array(z.object({ name: z.string(), size: z.number(), downloads: z.number(), url: z.string() })).optional(),
});

/** Releases in a list: no notes, no assets. */
export const releaseTable = tableOf(() => releaseOutput.omit({ body: true, assets: true }));

interface ReleaseData {
  id: number;
  tag_name: string;
  name: string | null;
  draft: boolean;
  prerelease: boolean;
  author: { login: string } | null;
  published_at: string | null;
  html_url: string;
  body?: string | null;
  assets: Array<{ name: string; size: number; download_count: number; browser_download_url: string }>;
}

/** Compact release; `bodyChars` > 0 includes the notes (untrusted, capped) and assets. */
export function compactRelease(release: ReleaseData, bodyChars: number): z.input<typeof releaseOutput> {
  return {
    id: release.id,
    tag: release.tag_name,
    ...(release.name ? { name: release.name } : {}),
    draft: release.draft,
    prerelease: release.prerelease,
    ...(release.author ? { author: release.author.login } : {}),
    ...(release.published_at ? { published_at: release.published_at } : {}),
    html_url: release.html_url,
    ...(bodyChars > 0 && release.body
      ? {
          body: untrusted(
            truncate(release.body, bodyChars, `\n…[notes cut at ${bodyChars} of ${release.body.length} chars]`),
            `release ${release.tag_name} notes`,
          ),
        }
      : {}),
    ...(bodyChars > 0
      ? { assets: release.assets.map((asset) => ({ name: asset.name, size: asset.size, downloads: asset.download_count, url: asset.browser_download_url })) }
      : {}),
  };
}
