import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { loadConfig } from './config';
import { createCampaign, getCampaignBySlug } from './db/campaigns.queries';
import { createUser } from './db/users.queries';
import { createLogger } from './logger';
import { openConnections, resolveEndpoints, type Connections } from './runtime';
import { retryFailedSubmission } from './api/submission-retry';
import { formatRetentionReport, runRetention } from '../workers/retention.processor';

/**
 * `npm run cli -- <command>`: the admin CLI. Commands: users:create, campaigns:create,
 * submissions:retry, retention:run [--dry-run]. Exits 0 on success, 1 with a plain message
 * otherwise.
 */
type Command = (conn: Connections, args: string[]) => Promise<string>;

async function promptPassword(): Promise<string> {
  if (process.env.STAFF_PASSWORD) return process.env.STAFF_PASSWORD;
  if (!process.stdin.isTTY) throw new Error('set STAFF_PASSWORD or run in a terminal to be asked');
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return await rl.question('Password (at least 12 characters): ');
  } finally {
    rl.close();
  }
}

const commands: Record<string, Command> = {
  async 'users:create'(conn, args) {
    const { values } = parseArgs({
      args,
      options: {
        email: { type: 'string' },
        role: { type: 'string' },
        campaign: { type: 'string', multiple: true },
      },
    });
    const email = z.email().parse(values.email);
    const role = z.enum(['admin', 'moderator', 'facilitator']).parse(values.role);
    const password = z
      .string()
      .min(12, 'the password needs at least 12 characters')
      .parse(await promptPassword());
    const campaignIds: string[] = [];
    for (const slug of values.campaign ?? []) {
      const c = await getCampaignBySlug(conn.db, slug);
      if (!c) throw new Error(`no campaign ${slug}`);
      campaignIds.push(c.id);
    }
    const u = await createUser(conn.db, { email, role, password, campaignIds });
    return `created ${u.role} ${u.email}`;
  },
  async 'campaigns:create'(conn, args) {
    const { values } = parseArgs({
      args,
      options: {
        slug: { type: 'string' },
        'name-en': { type: 'string' },
        'name-cy': { type: 'string' },
        'statement-en': { type: 'string' },
        'statement-cy': { type: 'string' },
      },
    });
    const req = (k: keyof typeof values) => z.string().min(1, `--${k} is needed`).parse(values[k]);
    const c = await createCampaign(conn.db, {
      slug: z
        .string()
        .regex(/^[a-z0-9][a-z0-9-]{0,62}$/)
        .parse(values.slug),
      name: { en: req('name-en'), cy: req('name-cy') },
      description: { en: '', cy: '' },
      statement: { en: req('statement-en'), cy: req('statement-cy') },
    });
    return `created campaign ${c.slug}`;
  },
  async 'submissions:retry'(conn, args) {
    const id = z.uuid().parse(args[0]);
    await retryFailedSubmission(conn, id, { type: 'system', id: 'cli' });
    return `submission ${id} queued again`;
  },
  async 'retention:run'(conn, args) {
    const { values } = parseArgs({ args, options: { 'dry-run': { type: 'boolean' } } });
    const logger = createLogger('warn', 'cli');
    const report = await runRetention({ ...conn, logger }, { dryRun: values['dry-run'] === true });
    return formatRetentionReport(report);
  },
};

async function main(): Promise<void> {
  const [name, ...args] = process.argv.slice(2);
  const command = name ? commands[name] : undefined;
  if (!command) {
    process.stderr.write(`usage: npm run cli -- <${Object.keys(commands).join('|')}> [options]\n`);
    process.exit(1);
  }
  const config = loadConfig();
  const logger = createLogger('warn', 'cli');
  const ep = await resolveEndpoints(config, logger, { embedded: true });
  const conn = await openConnections(config, ep);
  try {
    process.stdout.write(`${await command(conn, args)}\n`);
  } finally {
    await conn.close();
    await ep.stop();
  }
}

main().catch((err: unknown) => {
  const msg =
    err instanceof z.ZodError
      ? err.issues.map((i) => i.message).join('; ')
      : err instanceof Error
        ? err.message
        : String(err);
  process.stderr.write(`error: ${msg}\n`);
  process.exit(1);
});
