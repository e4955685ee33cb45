import type { Request } from 'express';
import type { StaffUser } from './staff-deps';

/** What the admin pages need; src/api/admin-ops-page-deps.ts builds it from the db modules. */

export interface AdminCampaignRow {
  slug: string;
  name: { en: string; cy: string };
  opensAt: Date | null;
  closesAt: Date | null;
  retentionUntil: string | null;
  retentionPurgedAt: Date | null;
  statementVersion: number;
}

export interface AdminCampaignDetail extends AdminCampaignRow {
  statements: Array<{ version: number; text: { en: string; cy: string }; createdAt: Date }>;
  /** Anonymous counts kept by retention, by status. */
  retained: Record<string, number>;
}

export interface FailedJobRow {
  id: string;
  campaign: string;
  failureCode: string | null;
  failureDetail: string | null;
  failedAt: Date;
}

export interface StorageRow {
  slug: string;
  submissions: number;
  originalBytes: number;
  mediaBytes: number;
  mediaFiles: number;
}

export interface AdminOpsPageDeps {
  currentStaff(req: Request): Promise<StaffUser | undefined>;
  checkCsrf(req: Request, staff: StaffUser): void;
  campaigns(): Promise<AdminCampaignRow[]>;
  campaign(slug: string): Promise<AdminCampaignDetail | undefined>;
  saveDates(
    staff: StaffUser,
    slug: string,
    d: { opensAt: Date | null; closesAt: Date | null; retentionUntil: string | null },
  ): Promise<void>;
  addStatement(staff: StaffUser, slug: string, text: { en: string; cy: string }): Promise<number>;
  failedJobs(): Promise<FailedJobRow[]>;
  /** The same retry as `npm run cli -- submissions:retry`; throws wrong_state if not failed. */
  retry(staff: StaffUser, id: string): Promise<void>;
  storage(): Promise<StorageRow[]>;
  logError(err: unknown, req: Request): void;
}
