import { getCampaignById } from '../db/campaigns.queries';
import { getConsentForReceipt, getLatestChangeRequest } from '../db/receipt.queries';
import { isCampaignOpen } from '../domain/campaign-rules';
import type { Consent, OnBehalfBasis } from '../domain/consent';
import { AppError } from '../domain/errors';
import type { SubmissionStatus } from '../domain/submission-states';
import { CONTRIBUTOR_VERSION_STATES } from '../web/receipt-view';
import type { ReceiptView, WebDeps } from '../web/router';
import { captionsOpenToContributor, changeCaptions } from './captions-change';
import type { ApiDeps } from './deps';
import { addMediaVersion, submissionForToken } from './submission-service';

type Extras = Pick<ReceiptView, 'changeRequest' | 'consent' | 'captionsOpen'>;

/** The receipt's change request, consent summary and captions offer (issue 7), for the pages. */
export async function receiptExtras(
  deps: Pick<ApiDeps, 'db'>,
  submissionId: string,
  status: SubmissionStatus,
): Promise<Extras> {
  const [change, consent, captionsOpen] = await Promise.all([
    status === 'changes_requested' ? getLatestChangeRequest(deps.db, submissionId) : undefined,
    getConsentForReceipt(deps.db, submissionId),
    captionsOpenToContributor(deps, { id: submissionId, status }),
  ]);
  const out: Extras = { captionsOpen };
  if (change) out.changeRequest = { reasonCode: change.reason_code, note: change.note };
  if (consent && !consent.withdrawn_at) {
    const c: Partial<Consent> = {
      scopes: consent.scopes as Consent['scopes'],
      othersAppear: consent.others_appear,
      othersConsented: consent.others_consented,
    };
    if (consent.over_18 !== null) c.over18 = consent.over_18;
    if (consent.guardian_agreed !== null) c.guardianAgreed = consent.guardian_agreed;
    if (consent.health_details_agreed !== null) {
      c.healthDetailsAgreed = consent.health_details_agreed;
    }
    if (consent.on_behalf_relationship && consent.on_behalf_basis) {
      c.onBehalf = {
        relationship: consent.on_behalf_relationship,
        basis: consent.on_behalf_basis as OnBehalfBasis,
      };
    }
    out.consent = c;
  }
  return out;
}

/**
 * A contributor may send a new version (from the receipt's form or over tus) after a change
 * request, a failure, or while it waits for review, in an open campaign (maySendNewVersion).
 */
export async function assertContributorMaySendVersion(
  deps: Pick<ApiDeps, 'db'>,
  s: { status: string; campaign_id: string },
): Promise<void> {
  if (!CONTRIBUTOR_VERSION_STATES.has(s.status as SubmissionStatus)) {
    throw new AppError('wrong_state', `A new version cannot be sent while it is ${s.status}.`);
  }
  const campaign = await getCampaignById(deps.db, s.campaign_id);
  if (!campaign || !isCampaignOpen(campaign)) {
    throw new AppError('campaign_closed', 'This campaign is not taking videos now.');
  }
}

/** What the receipt's forms do (issue 7): a new version, and captions. */
export function receiptActions(deps: ApiDeps): Pick<WebDeps, 'sendNewVersion' | 'changeCaptions'> {
  return {
    async sendNewVersion(token, req, res) {
      const s = await submissionForToken(deps, token);
      await assertContributorMaySendVersion(deps, s);
      await addMediaVersion(deps, s.id, req, res, { type: 'contributor' });
    },
    async changeCaptions(token, lang, input) {
      const s = await submissionForToken(deps, token);
      const { status } = await changeCaptions(deps, s, { type: 'contributor' }, lang, input);
      return { status };
    },
  };
}
