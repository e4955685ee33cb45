import {
  addConsentStatement,
  getCampaignForAdmin,
  listCampaignsForAdmin,
  listFailedSubmissions,
  storageByCampaign,
  updateCampaignDates,
} from '../db/admin-ops.queries';
import { listRetentionCounts } from '../db/retention.queries';
import { AppError } from '../domain/errors';
import type { AdminOpsPageDeps } from '../web/staff/admin-ops-deps';
import type { StaffUser } from '../web/staff/staff-deps';
import type { ApiDeps } from './deps';
import { staffFromRequest, verifyCsrf, type StaffActor } from './staff/session';
import { retryFailedSubmission } from './submission-retry';

/** Adapts the db modules to what the admin pages need (src/web knows no database). */
export function adminOpsPageDepsFrom(deps: ApiDeps): AdminOpsPageDeps {
  const actor = (u: StaffUser) => u as StaffActor;
  const campaignId = async (slug: string) => {
    const c = await getCampaignForAdmin(deps.db, slug);
    if (!c) throw new AppError('not_found', 'No such campaign.');
    return c.id;
  };
  return {
    currentStaff: (req) => staffFromRequest(deps.db, req),
    checkCsrf: (req, staff) => verifyCsrf(req, actor(staff)),
    async campaigns() {
      const rows = await listCampaignsForAdmin(deps.db);
      return rows.map((c) => ({
        slug: c.slug,
        name: { en: c.name_en, cy: c.name_cy },
        opensAt: c.opens_at,
        closesAt: c.closes_at,
        retentionUntil: c.retention_until,
        retentionPurgedAt: c.retention_purged_at,
        statementVersion: Number(c.statement_version),
      }));
    },
    async campaign(slug) {
      const c = await getCampaignForAdmin(deps.db, slug);
      if (!c) return undefined;
      return {
        slug: c.slug,
        name: { en: c.name_en, cy: c.name_cy },
        opensAt: c.opens_at,
        closesAt: c.closes_at,
        retentionUntil: c.retention_until,
        retentionPurgedAt: c.retention_purged_at,
        statementVersion: Number(c.statement_version),
        statements: c.statements.map((s) => ({
          version: s.version,
          text: { en: s.text_en, cy: s.text_cy },
          createdAt: s.created_at,
        })),
        retained: await listRetentionCounts(deps.db, c.id),
      };
    },
    async saveDates(staff, slug, d) {
      await updateCampaignDates(deps.db, {
        campaignId: await campaignId(slug),
        ...d,
        staffId: staff.id,
      });
    },
    async addStatement(staff, slug, text) {
      return addConsentStatement(deps.db, {
        campaignId: await campaignId(slug),
        text,
        staffId: staff.id,
      });
    },
    async failedJobs() {
      const rows = await listFailedSubmissions(deps.db);
      return rows.map((r) => ({
        id: r.id,
        campaign: r.campaign,
        failureCode: r.failure_code,
        failureDetail: r.failure_detail,
        failedAt: r.updated_at,
      }));
    },
    retry: (staff, id) => retryFailedSubmission(deps, id, { type: 'staff', id: staff.id }),
    storage: () => storageByCampaign(deps.db),
    logError: (err, req) => req.log?.error({ err }, 'admin page failed'),
  };
}
