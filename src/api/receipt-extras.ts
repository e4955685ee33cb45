import { getConsentForReceipt, getLatestChangeRequest } from '../db/receipt.queries';
import type { Consent, OnBehalfBasis } from '../domain/consent';
import type { SubmissionStatus } from '../domain/submission-states';
import type { ReceiptView } from '../web/router';
import type { ApiDeps } from './deps';

/** The receipt's change request and consent summary (issue 7), read for the pages. */
export async function receiptExtras(
  deps: Pick<ApiDeps, 'db'>,
  submissionId: string,
  status: SubmissionStatus,
): Promise<Pick<ReceiptView, 'changeRequest' | 'consent'>> {
  const [change, consent] = await Promise.all([
    status === 'changes_requested' ? getLatestChangeRequest(deps.db, submissionId) : undefined,
    getConsentForReceipt(deps.db, submissionId),
  ]);
  const out: Pick<ReceiptView, 'changeRequest' | 'consent'> = {};
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
