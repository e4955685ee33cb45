import express, { type Request, type Response, type Router } from 'express';
import { AppError, isAppError } from '../domain/errors';
import { isLang, t, type Lang } from '../i18n';
import {
  STEPS,
  answersAsFields,
  consentFromAnswers,
  firstIncompleteStep,
  isStep,
  nextAfter,
  previousStep,
  readAllSteps,
  readStep,
  stepErrors,
  type ConsentAnswers,
  type Step,
} from './consent-steps';
import { clearDraft, readDraft, writeDraft } from './consent-steps-draft';
import { checkAnswersRows, errorsForView, keptSentence, whoSees } from './consent-steps-view';
import { clientScriptsRouter, loadClientScripts } from './contributor-steps-assets';
import { localised } from './format';
import { langOf } from './language';
import type { Render } from './render';
import type { CampaignView, WebDeps } from './router';
import { formatBytes, formErrorFor, uploadClientConfig, type FormError } from './upload-form';

/** Reads and discards what is left of a request body, so the browser gets our answer. */
function drain(req: Request): void {
  if (!req.complete) {
    req.unpipe();
    req.resume();
  }
}

const TIPS = ['short', 'quiet', 'steady', 'private', 'others', 'audio', 'data'] as const;
const stepForm = express.urlencoded({ extended: false, limit: '16kb', parameterLimit: 50 });

/**
 * The contributor's journey: the campaign's landing page, the consent questions one at a time,
 * check your answers, then the upload step (a plain form that JavaScript upgrades to a
 * resumable upload and in-browser recording). Works without JavaScript throughout.
 */
export function contributorRoutes(
  deps: WebDeps,
  render: Render,
  notFound: (req: Request, res: Response) => void,
): Router {
  const router = express.Router();
  const scripts = loadClientScripts();
  router.use(clientScriptsRouter());

  const campaignPath = (req: Request, slug: string) =>
    `${req.baseUrl}/c/${encodeURIComponent(slug)}`;
  const stepPath = (req: Request, slug: string, step: Step | 'check' | 'upload') =>
    step === 'check' || step === 'upload'
      ? `${campaignPath(req, slug)}/${step}`
      : `${campaignPath(req, slug)}/consent/${step}`;

  // What every contributor page shows around its content.
  const common = (req: Request, res: Response, campaign: CampaignView) => {
    const name = localised(campaign.name, langOf(res));
    res.set('Cache-Control', 'private, no-cache');
    return {
      serviceName: name.text,
      serviceUrl: campaignPath(req, campaign.slug),
      homeHref: campaignPath(req, campaign.slug),
      campaignName: name,
      scripts: scripts.hrefs,
    };
  };

  async function openCampaign(req: Request, res: Response): Promise<CampaignView | undefined> {
    const campaign = await deps.getCampaign(String(req.params.campaign));
    if (!campaign) {
      drain(req);
      notFound(req, res);
      return undefined;
    }
    if (!campaign.isOpen) {
      drain(req);
      renderClosed(req, res, campaign, req.method === 'GET' ? 200 : 409);
      return undefined;
    }
    return campaign;
  }

  function renderClosed(req: Request, res: Response, campaign: CampaignView, status: number) {
    render(
      req,
      res,
      'contributor/closed.njk',
      { ...common(req, res, campaign), pageTitle: localised(campaign.name, langOf(res)).text },
      status,
    );
  }

  router.get('/c/:campaign', async (req, res) => {
    const campaign = await openCampaign(req, res);
    if (!campaign) return;
    const lang = langOf(res);
    render(req, res, 'contributor/landing.njk', {
      ...common(req, res, campaign),
      pageTitle: localised(campaign.name, lang).text,
      description: localised(campaign.description, lang),
      tips: TIPS,
      maxMinutes: Math.floor((campaign.limits?.maxDurationSeconds ?? 600) / 60),
      startHref: stepPath(req, campaign.slug, STEPS[0]),
    });
  });

  function renderStep(
    req: Request,
    res: Response,
    campaign: CampaignView,
    step: Step,
    answers: ConsentAnswers,
    errors: ReturnType<typeof stepErrors>,
  ) {
    const lang = langOf(res);
    const changing = req.query.change === '1';
    const back = changing ? 'check' : previousStep(step);
    const suffix = changing ? '&change=1' : '';
    render(
      req,
      res,
      'contributor/step.njk',
      {
        ...common(req, res, campaign),
        ...errorsForView(lang, errors),
        pageTitle: t(lang, stepTitleKey(step, answers)),
        step,
        values: answers,
        progress: t(lang, 'steps.progress', { n: STEPS.indexOf(step) + 1, total: STEPS.length }),
        backHref: back ? stepPath(req, campaign.slug, back) : campaignPath(req, campaign.slug),
        formAction: `${stepPath(req, campaign.slug, step)}?lang=${lang}${suffix}`,
        whoSees: whoSees(lang, answers.scopes),
        kept: keptSentence(lang, campaign.retentionUntil),
      },
      errors.length ? 400 : 200,
    );
  }

  router.get('/c/:campaign/consent/:step', async (req, res) => {
    const step = req.params.step;
    if (!isStep(step)) return notFound(req, res);
    const campaign = await openCampaign(req, res);
    if (!campaign) return;
    renderStep(req, res, campaign, step, readDraft(req), []);
  });

  router.post('/c/:campaign/consent/:step', stepForm, async (req, res) => {
    const step = req.params.step;
    if (!isStep(step)) return notFound(req, res);
    const campaign = await openCampaign(req, res);
    if (!campaign) return;
    const body = (req.body ?? {}) as Record<string, unknown>;
    const answers = readStep(step, body, readDraft(req));
    // Kept even when the answer is not complete, so nothing typed is lost.
    writeDraft(req, res, campaignPath(req, campaign.slug), answers);
    const changing = req.query.change === '1';
    // The language switch on a step posts the form first (steps.js), then shows the same step.
    if (isLang(body.switchLang)) {
      const q = `?lang=${body.switchLang}${changing ? '&change=1' : ''}`;
      return res.redirect(303, stepPath(req, campaign.slug, step) + q);
    }
    const errors = stepErrors(step, answers);
    if (errors.length) return renderStep(req, res, campaign, step, answers, errors);
    const next = nextAfter(step, answers, changing);
    const q = changing && next !== 'check' ? '?change=1' : '';
    res.redirect(303, stepPath(req, campaign.slug, next) + q);
  });

  router.get('/c/:campaign/check', async (req, res) => {
    const campaign = await openCampaign(req, res);
    if (!campaign) return;
    const answers = readDraft(req);
    const missing = firstIncompleteStep(answers);
    if (missing) return res.redirect(303, stepPath(req, campaign.slug, missing));
    const lang = langOf(res);
    render(req, res, 'contributor/check.njk', {
      ...common(req, res, campaign),
      pageTitle: t(lang, 'check.title'),
      rows: checkAnswersRows(
        lang,
        answers,
        (step) => `${stepPath(req, campaign.slug, step)}?change=1`,
        campaign.retentionUntil,
      ),
      statement: localised(campaign.statement.text, lang),
      statementVersion: campaign.statement.version,
      backHref: stepPath(req, campaign.slug, STEPS[STEPS.length - 1] ?? 'name'),
      continueHref: stepPath(req, campaign.slug, 'upload'),
    });
  });

  function renderUpload(
    req: Request,
    res: Response,
    campaign: CampaignView,
    answers: ConsentAnswers,
    form: { transcript: string; errors: FormError[]; status: number },
  ) {
    const lang: Lang = langOf(res);
    const errorMessages: Record<string, { text: string; visuallyHiddenText: string }> = {};
    for (const e of form.errors) {
      if (e.field && !errorMessages[e.field]) {
        errorMessages[e.field] = {
          text: e.text,
          visuallyHiddenText: t(lang, 'common.errorPrefix'),
        };
      }
    }
    const checkHref = stepPath(req, campaign.slug, 'check');
    render(
      req,
      res,
      'contributor/upload.njk',
      {
        ...common(req, res, campaign),
        pageTitle: t(lang, 'uploadStep.title'),
        slug: campaign.slug,
        statementVersion: campaign.statement.version,
        // The language rides on the form's address too, so the answer comes back in it.
        formAction: `${campaignPath(req, campaign.slug)}?lang=${lang}`,
        hiddenFields: answersAsFields(answers),
        transcript: form.transcript,
        // A consent problem (rare: the steps check first) links to the check page.
        errorList: form.errors.map((e) => ({
          text: e.text,
          href: e.field === 'video' || e.field === 'transcript' ? `#${e.field}` : checkHref,
        })),
        errorMessages,
        reselectFile: form.errors.length > 0,
        checkHref,
        limitsText: formatBytes(campaign.limits?.maxBytes ?? 2 * 1024 ** 3, lang),
        maxMinutes: Math.floor((campaign.limits?.maxDurationSeconds ?? 600) / 60),
        client: uploadClientConfig({
          lang,
          req,
          campaign,
          consent: consentFromAnswers(answers, campaign.statement.version, lang),
        }),
      },
      form.status,
    );
  }

  router.get('/c/:campaign/upload', async (req, res) => {
    const campaign = await openCampaign(req, res);
    if (!campaign) return;
    const answers = readDraft(req);
    const missing = firstIncompleteStep(answers);
    if (missing) return res.redirect(303, stepPath(req, campaign.slug, missing));
    renderUpload(req, res, campaign, answers, { transcript: '', errors: [], status: 200 });
  });

  // The plain form's post (and the API contract's multipart fields): consent, then the file.
  router.post('/c/:campaign', async (req, res) => {
    const campaign = await openCampaign(req, res);
    if (!campaign) return;
    let created: { token: string };
    try {
      created = await deps.submitUpload(req, res);
    } catch (err) {
      drain(req);
      if (!isAppError(err)) deps.logError?.(err, req);
      const e = isAppError(err) ? err : new AppError('internal', 'upload failed');
      if (e.code === 'campaign_not_found') return notFound(req, res);
      if (e.code === 'campaign_closed') return renderClosed(req, res, campaign, 409);
      const body = (req.body ?? {}) as Record<string, unknown>;
      const fromForm = readAllSteps(body);
      // What was posted, unless it is incomplete and the saved answers are not.
      const saved = readDraft(req);
      const answers =
        firstIncompleteStep(fromForm) && !firstIncompleteStep(saved) ? saved : fromForm;
      const transcript = typeof body.transcript === 'string' ? body.transcript : '';
      // 499 is not a status a browser knows; the person still needs the form back.
      const status = e.status === 499 ? 400 : e.status;
      return renderUpload(req, res, campaign, answers, {
        transcript,
        errors: [formErrorFor(e, langOf(res))],
        status,
      });
    }
    clearDraft(req, res, campaignPath(req, campaign.slug));
    res.redirect(303, `${req.baseUrl}/r/${encodeURIComponent(created.token)}`);
  });

  return router;
}

/** The page title of a step: its question, worded for whom the video is sent. */
function stepTitleKey(step: Step, a: ConsentAnswers) {
  switch (step) {
    case 'uses':
      return 'field.scope.legend' as const;
    case 'for-whom':
      return 'steps.forWhom.legend' as const;
    case 'age':
      return a.sendingFor === 'other'
        ? ('steps.age.legendOther' as const)
        : ('steps.age.legendSelf' as const);
    case 'others':
      return 'field.othersAppear.legend' as const;
    case 'health':
      return 'steps.health.title' as const;
    case 'name':
      return 'field.displayName.label' as const;
  }
}
