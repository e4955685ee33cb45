import { readFile } from 'node:fs/promises';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium driven by playwright-core: never a test tool's own browser download. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  });
}

/** A phone-sized page, as contributors use. */
export async function phonePage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({
    // Lets the test inject axe-core; the pages' own CSP is tested elsewhere.
    bypassCSP: true,
    viewport: { width: 360, height: 740 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
  });
  return context.newPage();
}

interface AxeViolation {
  id: string;
  impact: string;
  nodes: Array<{ target: string[] }>;
}

/** Runs axe-core's (needs a page with JavaScript on and CSP bypassed, as phonePage gives)  WCAG 2.x A/AA (incl. 2.2) rules in the page; returns the violations. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  const source = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.addScriptTag({ content: source });
  return page.evaluate(async () => {
    // Runs in the page; typed through globalThis so the Node build needs no DOM types.
    const axe = (
      globalThis as unknown as {
        axe: { run: (opts: unknown) => Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const result = await axe.run({
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }));
  });
}
