import { deleteSession } from '../../db/sessions.queries';
import { getCampaignById } from '../../db/campaigns.queries';
import { getClaim, getConsentRecord, listReviews } from '../../db/reviews.queries';
import { listMediaAssets } from '../../db/submissions.queries';
import { AppError } from '../../domain/errors';
import { reviewReasonCodes, type ReviewReasonCode } from '../../domain/review-rules';
import type { StaffPageDeps, StaffUser } from '../../web/staff/staff-deps';
import type { ApiDeps } from '../deps';
import { sendSubmissionMedia } from '../submission-service';
import { changePassword, clearSessionCookie, PASSWORD_MIN, setSessionCookie } from './auth.routes';
import { loginRateLimits, sameOriginOnly, signIn } from './login-service';
import { rateLimitDepsFrom } from '../rate-limits';
import { editBody, listEdits, requestRedaction } from './redact-service';
import { claimForReview, decide, reviewQueue, submissionForStaff } from './review-service';
import { forgetStaff, staffFromRequest, verifyCsrf, type StaffActor } from './session';
import { parseBody } from './validation';

const isReason = (s: string | undefined): s is ReviewReasonCode =>
  (reviewReasonCodes as readonly string[]).includes(s ?? '');

/** Adapts the staff services to what the staff pages need (src/web knows no database). */
export function staffPageDepsFrom(deps: ApiDeps): StaffPageDeps {
  // The pages hand back the user they were given, which is the actor looked up here.
  const actor = (u: StaffUser) => u as StaffActor;
  return {
    currentStaff: (req) => staffFromRequest(deps.db, req),
    checkCsrf: (req, staff) => verifyCsrf(req, actor(staff)),
    async signIn(req, res, email, password) {
      const s = await signIn(deps.db, email, password);
      forgetStaff(req);
      setSessionCookie(req, res, deps, s);
    },
    async signOut(req, res, staff) {
      await deleteSession(deps.db, actor(staff).sessionId);
      forgetStaff(req);
      clearSessionCookie(req, res, deps);
    },
    changePassword: (staff, current, next) => changePassword(deps, actor(staff), current, next),
    passwordMin: PASSWORD_MIN,
    loginLimits: [sameOriginOnly, ...loginRateLimits(rateLimitDepsFrom(deps))],
    async campaigns(staff) {
      let q = deps.db.selectFrom('campaigns').select(['slug', 'name_en', 'name_cy']);
      if (staff.kind !== 'admin') {
        if (staff.campaignIds.length === 0) return [];
        q = q.where('id', 'in', [...staff.campaignIds]);
      }
      const rows = await q.orderBy('slug').execute();
      return rows.map((c) => ({ slug: c.slug, name: { en: c.name_en, cy: c.name_cy } }));
    },
    queue: (staff, filters) => reviewQueue(deps, actor(staff), filters),
    async review(staff, id) {
      const s = await submissionForStaff(deps, actor(staff), id, 'submission.view');
      const [campaign, media, consent, claim, reviews] = await Promise.all([
        getCampaignById(deps.db, s.campaign_id),
        s.status === 'withdrawn' ? [] : listMediaAssets(deps.db, s.id, s.media_version),
        getConsentRecord(deps.db, s.id),
        getClaim(deps.db, s.id),
        listReviews(deps.db, s.id),
      ]);
      if (!campaign) throw new AppError('not_found', 'No submission was found.');
      const live = claim && claim.expires_at.getTime() > Date.now() ? claim : undefined;
      return {
        id: s.id,
        status: s.status,
        campaign: { slug: campaign.slug, name: { en: campaign.name_en, cy: campaign.name_cy } },
        mediaVersion: s.media_version,
        escalated: s.escalated_at !== null,
        media: media.map((m) => ({ name: m.name, contentType: m.content_type })),
        ...(consent
          ? {
              consent: {
                scopes: consent.scopes,
                othersAppear: consent.others_appear,
                othersConsented: consent.others_consented,
                displayName: consent.display_name,
                language: consent.language,
                givenAt: consent.given_at,
                statementVersion: consent.statement_version,
                statement: { en: consent.text_en, cy: consent.text_cy },
                method: consent.method,
                witnessedBy: consent.witnessed_by,
                over18: consent.over_18,
                guardianAgreed: consent.guardian_agreed,
                healthDetailsAgreed: consent.health_details_agreed,
                onBehalfRelationship: consent.on_behalf_relationship,
                onBehalfBasis: consent.on_behalf_basis,
              },
            }
          : {}),
        ...(live
          ? {
              claim: {
                byMe: live.user_id === staff.id,
                email: live.email,
                expiresAt: live.expires_at,
              },
            }
          : {}),
        reviews: reviews.map((r) => ({
          decision: r.decision,
          email: r.email,
          at: r.created_at,
          reasonCode: r.reason_code,
          note: r.note,
          checklist: r.checklist,
        })),
      };
    },
    async claim(staff, id) {
      await claimForReview(deps, actor(staff), id);
    },
    async decide(staff, id, form) {
      await decide(deps, actor(staff), id, {
        decision: form.decision,
        consentCheck: form.consentCheck,
        contentCheck: form.contentCheck,
        note: form.note,
        ...(isReason(form.reasonCode) ? { reasonCode: form.reasonCode } : {}),
        ...(form.mediaVersion !== undefined ? { mediaVersion: form.mediaVersion } : {}),
        ...(form.checklist ? { checklist: form.checklist } : {}),
      });
    },
    async sendMedia(staff, id, name, req, res) {
      const s = await submissionForStaff(deps, actor(staff), id, 'submission.view');
      await sendSubmissionMedia(deps, s, name, req, res);
    },
    async edits(staff, id) {
      const s = await submissionForStaff(deps, actor(staff), id, 'submission.redact');
      const { items } = await listEdits(deps, actor(staff), id);
      return { durationSeconds: s.duration_seconds, kind: s.kind, items };
    },
    async requestEdit(staff, id, body) {
      await requestRedaction(deps, actor(staff), id, parseBody(editBody, body));
    },
    logError: (err, req) => req.log?.error({ err }, 'staff page failed'),
  };
}
