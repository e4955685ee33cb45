import { Router, type Request } from 'express';
import { findLiveShare } from '../db/playlist-shares.queries';
import { getPlaylist, listItems } from '../db/playlists.queries';
import { listMediaAssets } from '../db/submissions.queries';
import { AppError } from '../domain/errors';
import { itemPlayable } from '../domain/playlist-rules';
import { mediaKey } from '../storage/keys';
import { sendObject } from '../storage/send-object';
import type { WatchPageDeps } from '../web/watch-routes';
import type { ApiDeps } from './deps';

/**
 * Jurors' access by share token (no account): the playlist as JSON and each clip's media through
 * this authorised proxy. Every request checks the token again, so a revoked or expired link
 * stops working at once, media requests included. Any refusal is the same 404.
 */

const gone = () => new AppError('not_found', 'This link has expired or been withdrawn.');
const MEDIA_NAMES = /^(720p\.mp4|poster\.jpg|captions\.(en|cy)\.vtt)$/;

type Deps = Pick<ApiDeps, 'db' | 'store'>;

const tokenOf = (req: Request) => (typeof req.params.token === 'string' ? req.params.token : '');

async function openShare(deps: Deps, token: string) {
  const share = await findLiveShare(deps.db, token);
  const playlist = share?.playlist_id ? await getPlaylist(deps.db, share.playlist_id) : undefined;
  if (!share || !playlist) throw gone();
  const items = (await listItems(deps.db, playlist.id)).filter((i) => itemPlayable(i, playlist));
  return { share, playlist, items };
}

/** The playlist as a juror sees it (the JSON of `GET /watch/{token}`); media through the proxy. */
export async function watchView(deps: Deps, token: string) {
  const { share, playlist, items } = await openShare(deps, token);
  const base = `/api/v1/watch/${token}/items`;
  const withMedia = await Promise.all(
    items.map(async (i) => {
      const names = (await listMediaAssets(deps.db, i.submission_id, i.current_version)).map(
        (a) => a.name,
      );
      const captions = (['en', 'cy'] as const).filter((l) => names.includes(`captions.${l}.vtt`));
      return {
        id: i.id,
        position: i.position,
        intro: { en: i.intro_en, cy: i.intro_cy },
        name: i.display_name,
        kind: i.kind,
        durationSeconds: i.duration_seconds,
        captions,
        video: `${base}/${i.id}/720p.mp4`,
        poster: names.includes('poster.jpg') ? `${base}/${i.id}/poster.jpg` : null,
        captionUrls: Object.fromEntries(
          captions.map((l) => [l, `${base}/${i.id}/captions.${l}.vtt`]),
        ),
      };
    }),
  );
  return {
    title: { en: playlist.title_en, cy: playlist.title_cy },
    date: playlist.session_date,
    expiresAt: share.expires_at.toISOString(),
    items: withMedia,
  };
}

export type WatchView = Awaited<ReturnType<typeof watchView>>;

/** One clip's captions as text, for the juror page's transcript without JavaScript. */
export async function watchCaptionText(
  deps: Deps,
  token: string,
  itemId: string,
  lang: 'en' | 'cy',
): Promise<string | undefined> {
  const { items } = await openShare(deps, token);
  const item = items.find((i) => i.id === itemId);
  if (!item) return undefined;
  const { body } = await deps.store.getStream(
    mediaKey(item.submission_id, item.current_version, `captions.${lang}.vtt`),
  );
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks).toString('utf8');
}

export function watchRouter(deps: Deps): Router {
  const r = Router();

  r.get('/watch/:token', async (req, res) => {
    const view = await watchView(deps, tokenOf(req));
    res.set({ 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' }).json(view);
  });

  r.get('/watch/:token/items/:itemId/:name', async (req, res) => {
    const name = req.params.name as string;
    if (!MEDIA_NAMES.test(name)) throw new AppError('not_found', 'There is no such media file.');
    const { items } = await openShare(deps, tokenOf(req));
    const item = items.find((i) => i.id === req.params.itemId);
    if (!item) throw new AppError('not_found', 'There is no such clip in this playlist.');
    const assets = await listMediaAssets(deps.db, item.submission_id, item.current_version);
    const asset = assets.find((a) => a.name === name);
    if (!asset) throw new AppError('not_found', 'There is no such media file.');
    await sendObject(
      res,
      deps.store,
      mediaKey(item.submission_id, item.current_version, name),
      req.headers.range,
      { contentType: asset.content_type, disposition: 'inline', filename: name },
    );
  });

  return r;
}

/** Adapts the share-token services to what the juror page needs. */
export function watchPageDepsFrom(deps: Deps): WatchPageDeps {
  return {
    getPlaylist: (token) => watchView(deps, token),
    getCaptionText: (token, itemId, lang) => watchCaptionText(deps, token, itemId, lang),
    logError: (err, req) => req.log?.error({ err }, 'page failed'),
  };
}
