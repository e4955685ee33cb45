import type { WebDeps } from '../web/router';
import { getCampaignById, getCampaignBySlug, getConsentStatement } from '../db/campaigns.queries';
import { getDisplayName, listMediaAssets } from '../db/submissions.queries';
import { isCampaignOpen } from '../domain/campaign-rules';
import type { Campaign } from '../db/schema';
import type { ApiDeps } from './deps';
import {
  createSubmissionFromUpload,
  mediaView,
  sendSubmissionMedia,
  submissionForToken,
  withdrawSubmission,
} from './submission-service';
import { AppError } from '../domain/errors';
import { receiptActions, receiptExtras } from './receipt-extras';
import type { SubmissionStatus } from '../domain/submission-states';

/** Adapts the services to what the pages need (src/web knows nothing of the database). */
export function webDepsFrom(deps: ApiDeps): WebDeps {
  const campaignView = async (c: Campaign) => {
    const st = await getConsentStatement(deps.db, c.id);
    if (!st) throw new AppError('internal', `campaign ${c.slug} has no consent statement`);
    return {
      slug: c.slug,
      name: { en: c.name_en, cy: c.name_cy },
      description: { en: c.description_en, cy: c.description_cy },
      isOpen: isCampaignOpen(c),
      statement: { version: st.version, text: { en: st.text_en, cy: st.text_cy } },
      ...(c.retention_until ? { retentionUntil: new Date(c.retention_until) } : {}),
      limits: {
        maxBytes: deps.config.uploads.maxBytes,
        maxDurationSeconds: c.max_duration_seconds ?? deps.config.uploads.maxDurationSeconds,
      },
    };
  };
  const byToken = async (token: string) => {
    try {
      return await submissionForToken(deps, token);
    } catch (e) {
      if (e instanceof AppError && e.code === 'not_found') return undefined;
      throw e;
    }
  };
  return {
    ...receiptActions(deps),
    publicBaseUrl: deps.config.publicBaseUrl,
    logError: (err, req) => req.log?.error({ err }, 'page failed'),
    async getCampaign(slug) {
      if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(slug)) return undefined;
      const c = await getCampaignBySlug(deps.db, slug);
      return c ? campaignView(c) : undefined;
    },
    submitUpload: (req, res) =>
      createSubmissionFromUpload(deps, req, res, String(req.params.campaign)),
    async getReceipt(token) {
      const s = await byToken(token);
      if (!s) return undefined;
      const [media, campaign, displayName] = await Promise.all([
        s.status === 'withdrawn' ? [] : listMediaAssets(deps.db, s.id, s.media_version),
        getCampaignById(deps.db, s.campaign_id),
        getDisplayName(deps.db, s.id),
      ]);
      if (!campaign) return undefined;
      return {
        id: s.id,
        status: s.status as SubmissionStatus,
        // The page words the reason itself, in the reader's language, from the code.
        ...(s.status === 'failed' && s.failure_code ? { failureReason: s.failure_code } : {}),
        displayName: displayName ?? '',
        campaign: await campaignView(campaign),
        createdAt: s.created_at,
        media: media.map(mediaView),
        ...(await receiptExtras(deps, s.id, s.status as SubmissionStatus)),
      };
    },
    async withdraw(token) {
      const s = await submissionForToken(deps, token);
      await withdrawSubmission(deps, s.id, { type: 'contributor' });
    },
    async sendMedia(token, name, req, res) {
      const s = await submissionForToken(deps, token);
      await sendSubmissionMedia(deps, s, name, req, res);
    },
  };
}
