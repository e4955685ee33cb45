import { Router, type Request } from 'express';
import { findLiveShare } from '../db/playlist-shares.queries';
import { getPlaylist, listItems } from '../db/playlists.queries';
import { listMediaAssets } from '../db/submissions.queries';
import { AppError } from '../domain/errors';
import { mediaKey } from '../storage/keys';
import { sendObject } from '../storage/send-object';
import type { ApiDeps } from './deps';
import { itemPlayable } from './playlist-service';

/**
 * Jurors' access by share token (no account): the playlist as JSON and each clip's media through
 * this authorised proxy. Every request checks the token again, so a revoked or expired link
 * stops working at once, media requests included. Any refusal is the same 404.
 */

const gone = () => new AppError('not_found', 'This link has expired or been withdrawn.');
const MEDIA_NAMES = /^(720p\.mp4|poster\.jpg|captions\.(en|cy)\.vtt)$/;

type Deps = Pick<ApiDeps, 'db' | 'store'>;

async function openShare(deps: Deps, req: Request) {
  const token = typeof req.params.token === 'string' ? req.params.token : '';
  const share = await findLiveShare(deps.db, token);
  const playlist = share?.playlist_id ? await getPlaylist(deps.db, share.playlist_id) : undefined;
  if (!share || !playlist) throw gone();
  const items = (await listItems(deps.db, playlist.id)).filter((i) => itemPlayable(i, playlist));
  return { share, playlist, items };
}

export function watchRouter(deps: Deps): Router {
  const r = Router();

  r.get('/watch/:token', async (req, res) => {
    const { share, playlist, items } = await openShare(deps, req);
    const base = `/api/v1/watch/${req.params.token as string}/items`;
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
    res.set({ 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' }).json({
      title: { en: playlist.title_en, cy: playlist.title_cy },
      date: playlist.session_date,
      expiresAt: share.expires_at.toISOString(),
      items: withMedia,
    });
  });

  r.get('/watch/:token/items/:itemId/:name', async (req, res) => {
    const name = req.params.name as string;
    if (!MEDIA_NAMES.test(name)) throw new AppError('not_found', 'There is no such media file.');
    const { items } = await openShare(deps, req);
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
