import express, { type Request, type Response, type Router } from 'express';
import { AppError, isAppError } from '../domain/errors';
import { t, type Lang } from '../i18n';
import { localised } from './format';
import { langOf } from './language';
import type { Render } from './render';
import type { CampaignView, WebDeps } from './router';
import {
  SCOPES,
  emptyUploadForm,
  errorSummaryList,
  formErrorFor,
  uploadFormValuesFrom,
  type FormError,
  type UploadFormValues,
} from './upload-form';

/** Reads and discards what is left of a request body, so the browser gets our answer. */
function drain(req: Request): void {
  if (!req.complete) {
    req.unpipe();
    req.resume();
  }
}

const TIPS = ['short', 'quiet', 'steady', 'private', 'others', 'audio', 'data'] as const;

export function contributorRoutes(
  deps: WebDeps,
  render: Render,
  notFound: (req: Request, res: Response) => void,
): Router {
  const router = express.Router();
  const campaignPath = (req: Request, slug: string) =>
    `${req.baseUrl}/c/${encodeURIComponent(slug)}`;

  function renderClosed(req: Request, res: Response, campaign: CampaignView, status: number) {
    const lang = langOf(res);
    render(
      req,
      res,
      'contributor/closed.njk',
      {
        pageTitle: localised(campaign.name, lang).text,
        serviceName: localised(campaign.name, lang).text,
        campaignName: localised(campaign.name, lang),
      },
      status,
    );
  }

  function renderForm(
    req: Request,
    res: Response,
    campaign: CampaignView,
    form: { values: UploadFormValues; errors: FormError[]; status: number },
  ) {
    const lang: Lang = langOf(res);
    const name = localised(campaign.name, lang);
    const errorMessages: Record<string, { text: string; visuallyHiddenText: string }> = {};
    for (const e of form.errors) {
      if (e.field && !errorMessages[e.field]) {
        errorMessages[e.field] = {
          text: e.text,
          visuallyHiddenText: t(lang, 'common.errorPrefix'),
        };
      }
    }
    res.set('Cache-Control', 'private, no-cache');
    render(
      req,
      res,
      'contributor/upload.njk',
      {
        pageTitle: name.text,
        serviceName: name.text,
        serviceUrl: campaignPath(req, campaign.slug),
        homeHref: campaignPath(req, campaign.slug),
        campaignName: name,
        description: localised(campaign.description, lang),
        statement: localised(campaign.statement.text, lang),
        statementVersion: campaign.statement.version,
        slug: campaign.slug,
        // The language rides on the form's address too, so the answer comes back in it.
        formAction: `${campaignPath(req, campaign.slug)}?lang=${lang}`,
        tips: TIPS,
        values: form.values,
        scopeItems: SCOPES.map((scope) => ({
          value: scope,
          text: t(lang, `field.scope.${scope}`),
          hint: { text: t(lang, `field.scope.${scope}Hint`) },
          checked: form.values.scopes.includes(scope),
        })),
        errorList: errorSummaryList(form.errors),
        errorMessages,
        reselectFile: form.errors.length > 0,
      },
      form.status,
    );
  }

  router.get('/c/:campaign', async (req, res) => {
    const campaign = await deps.getCampaign(req.params.campaign);
    if (!campaign) return notFound(req, res);
    if (!campaign.isOpen) return renderClosed(req, res, campaign, 200);
    renderForm(req, res, campaign, { values: emptyUploadForm(), errors: [], status: 200 });
  });

  router.post('/c/:campaign', async (req, res) => {
    const campaign = await deps.getCampaign(req.params.campaign);
    if (!campaign) {
      drain(req);
      return notFound(req, res);
    }
    if (!campaign.isOpen) {
      drain(req);
      return renderClosed(req, res, campaign, 409);
    }
    let created: { token: string };
    try {
      created = await deps.submitUpload(req, res);
    } catch (err) {
      drain(req);
      if (!isAppError(err)) deps.logError?.(err, req);
      const e = isAppError(err) ? err : new AppError('internal', 'upload failed');
      if (e.code === 'campaign_not_found') return notFound(req, res);
      if (e.code === 'campaign_closed') return renderClosed(req, res, campaign, 409);
      const values = uploadFormValuesFrom(req.body);
      // 499 is not a status a browser knows; the person still needs the form back.
      const status = e.status === 499 ? 400 : e.status;
      return renderForm(req, res, campaign, {
        values,
        errors: [formErrorFor(e, values, langOf(res))],
        status,
      });
    }
    res.redirect(303, `${req.baseUrl}/r/${encodeURIComponent(created.token)}`);
  });

  return router;
}
