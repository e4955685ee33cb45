import { hash } from '@node-rs/argon2';
import { sql } from 'kysely';
import { recordAudit } from '../../db/audit.queries';
import { listOpenEscalations } from '../../db/escalations.queries';
import { campaignIdsBySlugs, deleteUserSessions, disableUser } from '../../db/sessions.queries';
import { createUser } from '../../db/users.queries';
import { AppError } from '../../domain/errors';
import type { AdminStaffPageDeps } from '../../web/staff/admin-staff-pages';
import type { ApiDeps } from '../deps';
import { PASSWORD_MIN } from './auth.routes';
import { uploadOnBehalf } from './on-behalf';
import { closeEscalation } from './review-service';
import { staffFromRequest, verifyCsrf, type StaffActor } from './session';

/**
 * Staff accounts and open escalations for the admin pages: the same rules and audit events as
 * the JSON API (POST /api/v1/staff/users, .../disable, .../escalation/close).
 */

type Deps = Pick<ApiDeps, 'db'>;

export async function listStaff(deps: Deps) {
  const rows = await deps.db
    .selectFrom('users as u')
    .select([
      'u.id',
      'u.email',
      'u.role',
      'u.disabled_at',
      'u.must_change_password',
      sql<string[]>`array(select c.slug from user_campaigns uc join campaigns c
        on c.id = uc.campaign_id where uc.user_id = u.id order by c.slug)`.as('campaigns'),
    ])
    .orderBy('u.email')
    .execute();
  return rows.map((u) => ({
    id: u.id,
    email: u.email,
    role: u.role,
    campaigns: u.campaigns,
    disabled: u.disabled_at !== null,
    mustChangePassword: u.must_change_password,
  }));
}

export async function createStaff(
  deps: Deps,
  admin: { id: string },
  input: {
    email: string;
    role: 'admin' | 'moderator' | 'facilitator';
    password: string;
    campaigns: string[];
  },
) {
  const email = input.email.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 320) {
    throw new AppError('bad_request', 'Enter an email address.', { field: 'email' });
  }
  if (input.password.length < PASSWORD_MIN || input.password.length > 1024) {
    throw new AppError('bad_request', 'The password is too short.', { field: 'password' });
  }
  const campaigns = await campaignIdsBySlugs(deps.db, input.campaigns);
  if (campaigns.length !== new Set(input.campaigns).size) {
    throw new AppError('bad_request', 'One of the campaigns does not exist.', {
      field: 'campaigns',
    });
  }
  return deps.db.transaction().execute(async (trx) => {
    const exists = await trx
      .selectFrom('users')
      .select('id')
      .where('email', '=', email)
      .executeTakeFirst();
    if (exists) throw new AppError('conflict', 'There is already an account with that email.');
    const u = await createUser(trx, {
      email,
      role: input.role,
      password: input.password,
      mustChangePassword: true,
      campaignIds: campaigns.map((c) => c.id),
    });
    await recordAudit(trx, {
      actor: { type: 'staff', id: admin.id },
      action: 'staff.user_created',
      subject: { type: 'user', id: u.id },
      details: { role: u.role, campaigns: campaigns.map((c) => c.slug) },
    });
    return u;
  });
}

export async function disableStaff(deps: Deps, admin: { id: string }, id: string) {
  if (id === admin.id) throw new AppError('conflict', 'You cannot disable your own account.');
  await deps.db.transaction().execute(async (trx) => {
    const u = await disableUser(trx, id);
    if (!u) throw new AppError('not_found', 'No user was found.');
    await recordAudit(trx, {
      actor: { type: 'staff', id: admin.id },
      action: 'staff.user_disabled',
      subject: { type: 'user', id },
    });
  });
}

/** A temporary password: every session ends, and the next sign-in must choose a new one. */
export async function resetStaffPassword(
  deps: Deps,
  admin: { id: string },
  id: string,
  password: string,
) {
  if (password.length < PASSWORD_MIN || password.length > 1024) {
    throw new AppError('bad_request', 'The password is too short.', { field: 'password' });
  }
  const passwordHash = await hash(password);
  await deps.db.transaction().execute(async (trx) => {
    const u = await trx
      .updateTable('users')
      .set({
        password_hash: passwordHash,
        must_change_password: true,
        failed_logins: 0,
        locked_until: null,
      })
      .where('id', '=', id)
      .returning('id')
      .executeTakeFirst();
    if (!u) throw new AppError('not_found', 'No user was found.');
    await deleteUserSessions(trx, id);
    await recordAudit(trx, {
      actor: { type: 'staff', id: admin.id },
      action: 'staff.password_reset',
      subject: { type: 'user', id },
    });
  });
}

/** Adapts the services to what the admin staff pages need (src/web knows no database). */
export function adminStaffPageDepsFrom(deps: ApiDeps): AdminStaffPageDeps {
  const actor = (u: { id: string }) => u as StaffActor;
  return {
    currentStaff: (req) => staffFromRequest(deps.db, req),
    checkCsrf: (req, staff) => verifyCsrf(req, actor(staff)),
    passwordMin: PASSWORD_MIN,
    staff: () => listStaff(deps),
    async campaigns() {
      const rows = await deps.db.selectFrom('campaigns').select(['slug']).orderBy('slug').execute();
      return rows.map((r) => r.slug);
    },
    async createStaff(admin, input) {
      await createStaff(deps, admin, input);
    },
    disableStaff: (admin, id) => disableStaff(deps, admin, id),
    resetPassword: (admin, id, password) => resetStaffPassword(deps, admin, id, password),
    async escalations(staff) {
      const rows = await listOpenEscalations(
        deps.db,
        staff.kind === 'admin' ? 'all' : staff.campaignIds,
      );
      return rows.map((e) => ({
        submissionId: e.submission_id,
        campaign: e.campaign,
        concern: e.concern,
        raisedAt: e.raised_at,
        raisedByEmail: e.raised_by_email,
        raisedByMe: e.raised_by === staff.id,
      }));
    },
    async closeEscalation(staff, submissionId, outcome) {
      await closeEscalation(deps, actor(staff), submissionId, outcome);
    },
    async onBehalfCampaigns(staff) {
      let q = deps.db.selectFrom('campaigns as c').select([
        'c.slug',
        sql<number>`(select max(s.version) from consent_statements s
            where s.campaign_id = c.id)`.as('version'),
      ]);
      if (staff.kind !== 'admin') {
        if (staff.campaignIds.length === 0) return [];
        q = q.where('c.id', 'in', [...staff.campaignIds]);
      }
      const rows = await q.orderBy('c.slug').execute();
      return rows.map((r) => ({ slug: r.slug, statementVersion: Number(r.version ?? 0) }));
    },
    async uploadOnBehalf(staff, req, res, fromForm) {
      const created = await uploadOnBehalf(deps, actor(staff), req, res, fromForm);
      return { token: created.token };
    },
    receiptUrl: (req, token) =>
      `${deps.config.publicBaseUrl ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`}/r/${token}`,
    logError: (err, req) => req.log?.error({ err }, 'admin staff page failed'),
  };
}
