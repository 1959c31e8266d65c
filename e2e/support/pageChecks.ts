import type { Page } from 'playwright-core';

const AXE_SOURCE = require.resolve('axe-core/axe.min.js');

export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly targets: string[];
  /** axe's explanation for the first element (e.g. the contrast it measured). */
  readonly first: string;
}

/**
 * Runs axe-core on what the page shows now and returns its critical and
 * serious violations (rule, help and the elements), so a test can expect none.
 */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE_SOURCE });
  return page.evaluate(async () => {
    type AxeResult = { violations: { id: string; impact: string | null; help: string; nodes: { target: string[]; failureSummary?: string }[] }[] };
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<AxeResult> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'critical' || v.impact === 'serious')
      .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')), first: v.nodes[0]?.failureSummary ?? '' }));
  });
}

/** How far the page scrolls sideways beyond the viewport, in CSS pixels (0: it fits). */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - window.innerWidth);
}

/** The page's level-one headings' text. */
export async function levelOneHeadings(page: Page): Promise<string[]> {
  return page.locator('h1').allTextContents();
}

/** The outermost elements that stick out past the viewport's right edge (for saying what overflows). */
export async function elementsPastTheRightEdge(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = window.innerWidth;
    const found: string[] = [];
    const visit = (element: Element) => {
      const box = element.getBoundingClientRect();
      const style = getComputedStyle(element);
      if (box.right > width + 0.5 && box.width > 0) {
        found.push(
          `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}.${Array.from(element.classList).join('.')} [${Math.round(box.left)}–${Math.round(box.right)}]`,
        );
        return;
      }
      if (style.overflowX === 'auto' || style.overflowX === 'hidden' || style.overflowX === 'scroll') return;
      Array.from(element.children).forEach(visit);
    };
    visit(document.body);
    return found.slice(0, 8);
  });
}
