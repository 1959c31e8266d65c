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
  // A dialog still fading in blends its text with what lies behind it: axe would measure colors nobody reads.
  await page.evaluate(() => Promise.all(document.getAnimations().map((animation) => animation.finished.catch(() => undefined))));
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

/**
 * What a page squeezes too far: table rows taller than `tallestRow` px (a
 * column narrowed until its text reads a word a line; rows shown as cards
 * are exempt, they stack by design), timestamps broken across lines, and
 * tables shown as cards that still scroll sideways. Each as "table: what".
 */
export async function squeezedTables(page: Page, tallestRow = 160): Promise<string[]> {
  return page.evaluate((tallest) => {
    const found: string[] = [];
    for (const table of Array.from(document.querySelectorAll('table'))) {
      const name = table.getAttribute('aria-label') ?? table.closest('[aria-label]')?.getAttribute('aria-label') ?? 'table';
      for (const row of Array.from(table.querySelectorAll('tbody tr'))) {
        const height = row.getBoundingClientRect().height;
        if (height > tallest && getComputedStyle(row).display === 'table-row') {
          found.push(`${name}: a row ${Math.round(height)} px tall ("${(row.textContent ?? '').slice(0, 40)}")`);
        }
      }
      const area = table.parentElement;
      if (area && getComputedStyle(table).display === 'block' && area.scrollWidth > area.clientWidth + 1) {
        found.push(`${name}: shown as cards, yet ${area.scrollWidth - area.clientWidth} px wider than its area`);
      }
      for (const time of Array.from(table.querySelectorAll('time'))) {
        const lineHeight = parseFloat(getComputedStyle(time).lineHeight) || 20;
        if (time.getBoundingClientRect().height > lineHeight * 1.5) found.push(`${name}: "${time.textContent}" on more than one line`);
      }
    }
    return found;
  }, tallestRow);
}

/**
 * Table cells whose parts are drawn over each other: the painted extent of
 * each element in a cell (its text and boxes, not the box it was squeezed
 * to) meeting another's, e.g. a date running under the badge beside it. Each
 * as "table: 'one' over 'other'".
 */
export async function overlappingCellContent(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const painted = (element: Element) => {
      const range = document.createRange();
      range.selectNodeContents(element);
      const box = element.getBoundingClientRect();
      // Nothing drawn inside (an empty description): the range's rectangle would sit at the page's origin.
      const text = range.getClientRects().length > 0 ? range.getBoundingClientRect() : box;
      // The union of its box and its contents (text may run past a box squeezed narrower than it).
      return {
        left: Math.min(text.left, box.left),
        right: Math.max(text.right, box.right),
        top: Math.min(text.top, box.top),
        bottom: Math.max(text.bottom, box.bottom),
      };
    };
    const overlap = (a: ReturnType<typeof painted>, b: ReturnType<typeof painted>) =>
      Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;
    for (const table of Array.from(document.querySelectorAll('table'))) {
      const name = table.getAttribute('aria-label') ?? table.closest('[aria-label]')?.getAttribute('aria-label') ?? 'table';
      for (const cell of Array.from(table.querySelectorAll('tbody td'))) {
        const parts = Array.from(cell.children).filter((part) => {
          const box = part.getBoundingClientRect();
          return box.width > 0 && box.height > 0;
        });
        for (let i = 0; i < parts.length; i++) {
          for (let j = i + 1; j < parts.length; j++) {
            if (overlap(painted(parts[i]!), painted(parts[j]!))) {
              found.push(`${name}: "${(parts[i]!.textContent ?? '').trim().slice(0, 30)}" over "${(parts[j]!.textContent ?? '').trim().slice(0, 30)}"`);
            }
          }
        }
      }
    }
    return found;
  });
}

/** The controls of the open dialog that stick out past its left or right edge (cut off, or only reached by scrolling sideways). */
export async function controlsPastTheDialog(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const dialog = document.querySelector('[role="dialog"]');
    if (!dialog) return [];
    const edge = dialog.getBoundingClientRect();
    const controls = dialog.querySelectorAll('button, input, select, textarea, a[href], [role="combobox"], [tabindex]:not([tabindex="-1"])');
    return Array.from(controls)
      .filter((control) => {
        const box = control.getBoundingClientRect();
        return box.width > 0 && (box.left < edge.left - 0.5 || box.right > edge.right + 0.5);
      })
      .map((control) => `${control.tagName.toLowerCase()} "${control.getAttribute('aria-label') ?? control.textContent?.trim().slice(0, 30) ?? ''}"`);
  });
}

/**
 * Tables whose body rows have more or fewer cells than the header has
 * columns (counting spans): a column without a name, or a name over the
 * wrong column, for sighted readers and screen readers alike.
 */
export async function columnsWithoutHeaders(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = (row: Element) => Array.from(row.children).reduce((sum, cell) => sum + ((cell as HTMLTableCellElement).colSpan || 1), 0);
    const found: string[] = [];
    for (const table of Array.from(document.querySelectorAll('table'))) {
      const header = table.querySelector('thead tr');
      if (!header) continue;
      const columns = width(header);
      const name = table.getAttribute('aria-label') ?? 'table';
      for (const row of Array.from(table.querySelectorAll('tbody tr'))) {
        if (width(row) !== columns) {
          found.push(`${name}: ${columns} column names over a row of ${width(row)} cells ("${(row.textContent ?? '').slice(0, 40)}")`);
          break;
        }
      }
    }
    return found;
  });
}
