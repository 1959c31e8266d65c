/** A CodeMirror 5 editor as GraphiQL mounts it: the instance hangs off its wrapper element. */
interface CodeMirrorEditor {
  setOption(option: 'screenReaderLabel', value: string): void;
  addKeyMap(map: Record<string, boolean>): void;
  getScrollerElement(): HTMLElement;
  getOption(option: 'readOnly'): boolean | string;
}

const ADAPTED = 'rolegraphAdapted';

/** What each of GraphiQL's editors is, for screen readers. */
function editorLabel(wrapper: HTMLElement): string {
  if (wrapper.closest('.graphiql-query-editor')) return 'Query';
  if (wrapper.closest('.graphiql-response')) return 'Result';
  const tool = wrapper.closest('.graphiql-editor-tool');
  if (tool) {
    const editors = Array.from(tool.querySelectorAll('.graphiql-editor'));
    return editors.indexOf(wrapper.closest('.graphiql-editor')!) === 0 ? 'Variables' : 'Headers';
  }
  return 'Editor';
}

/**
 * Each editor: named for screen readers; Tab and Shift+Tab move to the next
 * and previous control instead of indenting (no keyboard trap; Enter still
 * indents); its scrolling area takes the keyboard's focus, so a long query or
 * result scrolls with the arrow keys — the read-only result has no cursor to
 * move through it.
 */
function adaptEditor(wrapper: HTMLElement): void {
  const editor = (wrapper as HTMLElement & { CodeMirror?: CodeMirrorEditor }).CodeMirror;
  if (!editor || wrapper.dataset[ADAPTED]) return;
  wrapper.dataset[ADAPTED] = 'true';
  editor.setOption('screenReaderLabel', editorLabel(wrapper));
  editor.addKeyMap({ Tab: false, 'Shift-Tab': false });
  editor.getScrollerElement().setAttribute('tabindex', '0');
}

/**
 * GraphiQL's tab list puts role="tab" on list items that hold the tab's
 * button (a control inside a control): the button is the tab, the item only
 * lays it out.
 */
function adaptTab(item: HTMLElement): void {
  const button = item.querySelector<HTMLElement>('button.graphiql-tab-button');
  if (!button) return;
  const selected = item.classList.contains('graphiql-tab-active') ? 'true' : 'false';
  if (item.getAttribute('role') !== 'presentation') item.setAttribute('role', 'presentation');
  if (item.hasAttribute('aria-selected')) item.removeAttribute('aria-selected');
  if (button.getAttribute('role') !== 'tab') button.setAttribute('role', 'tab');
  if (button.getAttribute('aria-selected') !== selected) button.setAttribute('aria-selected', selected);
}

const HIDDEN = 'rolegraphHidden';

/**
 * GraphiQL hides a collapsed pane (the Variables and Headers editors, the
 * docs and history panel) by moving it off-screen and making it
 * transparent, so Tab still walked into it and typing went where nobody
 * could see. While it is hidden so, the pane is inert: out of the Tab
 * order and of what screen readers read.
 */
function adaptHiddenPane(pane: HTMLElement): void {
  const hidden = pane.style.left === '-1000px' && pane.style.opacity === '0';
  if (hidden && !pane.inert) {
    pane.inert = true;
    pane.dataset[HIDDEN] = 'true';
  } else if (!hidden && pane.dataset[HIDDEN]) {
    pane.inert = false;
    delete pane.dataset[HIDDEN];
  }
}

/**
 * Keeps GraphiQL, as it renders and re-renders inside `root`, usable with a
 * keyboard and a screen reader (see adaptEditor, adaptTab and
 * adaptHiddenPane). Returns the function that stops watching.
 */
export function keepGraphiQLAccessible(root: HTMLElement): () => void {
  const adapt = () => {
    root.querySelectorAll<HTMLElement>('.CodeMirror').forEach(adaptEditor);
    root.querySelectorAll<HTMLElement>('.graphiql-tabs li').forEach(adaptTab);
    root.querySelectorAll<HTMLElement>('[style*="left: -1000px"]').forEach(adaptHiddenPane);
  };
  // Styles change all the time (the cursor blinks): a style change looks at its own element only.
  const observer = new MutationObserver((records) => {
    let rest = false;
    for (const record of records) {
      if (record.attributeName === 'style') adaptHiddenPane(record.target as HTMLElement);
      else rest = true;
    }
    if (rest) adapt();
  });
  observer.observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ['role', 'aria-selected', 'class', 'style'] });
  adapt();
  return () => observer.disconnect();
}
