import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { transitionSubmission } from '../../src/db/submissions.queries';
import { createUser } from '../../src/db/users.queries';
import { mediaKey } from '../../src/storage/keys';
import { MEDIA_DIR, postMultipart, validConsent } from './multipart';
import type { TestStack } from './stack';
import { findDemoCampaign } from './test-database';

/**
 * A shared jury playlist for the juror page's tests: approved clips uploaded through the API,
 * moved along the state machine, with stand-in renditions and captions in the languages asked
 * for (the pipeline's own tests cover real renditions), then a share link from a facilitator.
 */

export interface SeedClip {
  name: string;
  intro?: { en?: string; cy?: string };
  captions: Array<'en' | 'cy'>;
  /** Each caption language's cue text, one cue per line of this list. */
  cues?: Partial<Record<'en' | 'cy', string[]>>;
}

export interface SeededPlaylist {
  playlistId: string;
  token: string;
  shareId: string;
  itemIds: string[];
  /** Calls the API as the facilitator who made the playlist. */
  call(method: string, p: string, body?: unknown): Promise<Response>;
}

const PASSWORD = 'a long facilitator password';
export const DEFAULT_CUES: Record<'en' | 'cy', string[]> = {
  en: ['Every morning I help my mum get out of bed.', 'Some days nobody comes.'],
  cy: ['Bob bore rwy’n helpu fy mam i godi.', 'Rhai dyddiau does neb yn dod.'],
};

function vttOf(lines: string[]): string {
  const cues = lines.map((text, i) => {
    const start = i * 2;
    const stamp = (s: number) => `00:00:0${s}.000`;
    return `${stamp(start)} --> ${stamp(start + 2)}\n${text}`;
  });
  return `WEBVTT\n\n${cues.join('\n\n')}\n`;
}

export async function seedJurorPlaylist(
  stack: TestStack,
  clips: SeedClip[],
  opts: { title?: { en: string; cy: string } } = {},
): Promise<SeededPlaylist> {
  const db = stack.deps.db;
  const api = (p: string) => `${stack.baseUrl}/api/v1${p}`;
  const demo = await findDemoCampaign(db);
  const email = `juror-fac-${randomBytes(4).toString('hex')}@example.org`;
  await createUser(db, { email, role: 'facilitator', password: PASSWORD, campaignIds: [demo.id] });
  const login = await fetch(api('/auth/login'), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (login.status !== 200) throw new Error(`sign-in failed: ${login.status}`);
  const cookie = login.headers.getSetCookie()[0]?.split(';')[0] ?? '';
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const call = (method: string, p: string, body?: unknown) =>
    fetch(api(p), {
      method,
      headers: {
        cookie,
        'x-csrf-token': csrfToken,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  const ok = async (res: Response, status: number) => {
    if (res.status !== status) throw new Error(`${res.url}: ${res.status} ${await res.text()}`);
    return res.json() as Promise<Record<string, unknown>>;
  };

  const dir = await mkdtemp(path.join(os.tmpdir(), 'juror-vtt-'));
  const submissionIds: string[] = [];
  for (const [n, c] of clips.entries()) {
    const res = await postMultipart(
      api('/submissions'),
      {
        campaign: 'demo',
        consent: JSON.stringify({ ...validConsent, scopes: ['jury'], displayName: c.name }),
      },
      {
        filename: 'clip.mp4',
        body: createReadStream(path.join(MEDIA_DIR, 'odd-size-upside-down.mp4')),
      },
    );
    if (res.status !== 201) throw new Error(`upload failed: ${res.status}`);
    const { id } = res.json() as { id: string };
    await transitionSubmission(db, id, 'processing_started');
    await transitionSubmission(db, id, 'processing_succeeded', { duration_seconds: 4.5 });
    const files: Array<[string, string, string]> = [
      ['720p.mp4', path.join(MEDIA_DIR, 'odd-size-upside-down.mp4'), 'video/mp4'],
    ];
    for (const lang of c.captions) {
      const file = path.join(dir, `${n}-${lang}.vtt`);
      await writeFile(file, vttOf(c.cues?.[lang] ?? DEFAULT_CUES[lang]));
      files.push([`captions.${lang}.vtt`, file, 'text/vtt']);
    }
    for (const [name, file, type] of files) {
      const { bytes } = await stack.deps.store.putFile(mediaKey(id, 1, name), file, type);
      await db
        .insertInto('media_assets')
        .values({ submission_id: id, version: 1, name, content_type: type, bytes })
        .execute();
    }
    await transitionSubmission(db, id, 'approve');
    submissionIds.push(id);
  }

  const playlist = await ok(
    await call('POST', '/playlists', {
      campaign: 'demo',
      title: opts.title ?? { en: 'Session one', cy: 'Sesiwn un' },
      use: 'jury',
      date: '2027-01-14',
    }),
    201,
  );
  const playlistId = playlist.id as string;
  const itemIds: string[] = [];
  for (const [n, id] of submissionIds.entries()) {
    const added = await ok(
      await call('POST', `/playlists/${playlistId}/items`, { submissionId: id }),
      201,
    );
    const itemId = added.id as string;
    itemIds.push(itemId);
    const intro = clips[n]?.intro;
    if (intro)
      await ok(await call('PUT', `/playlists/${playlistId}/items/${itemId}`, { intro }), 200);
  }
  const share = await ok(await call('POST', `/playlists/${playlistId}/share`, {}), 201);
  const token = (share.url as string).split('/watch/')[1]!;
  return { playlistId, token, shareId: share.id as string, itemIds, call };
}
