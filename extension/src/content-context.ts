/**
 * Lifecycle for content-script work, after wxt's `ContentScriptContext` (an AbortController): timers and
 * listeners registered through a context die with it. The root context is invalidated when the extension is
 * updated or disabled ("Extension context invalidated", a normal state, engineering-anchors A7.3); each panel
 * mount gets a child context aborted on record change.
 */

/** Message Chrome uses when the extension behind a still-running content script went away. */
const INVALIDATED = /Extension context invalidated/i;

export class ContentScriptContext {
  readonly #controller = new AbortController();
  readonly #isRuntimeAlive: () => boolean;

  /**
   * @param name for log lines.
   * @param isRuntimeAlive false once the extension is gone (`chrome.runtime.id` becomes undefined).
   * @param parent aborting the parent aborts this context too.
   */
  constructor(readonly name: string, isRuntimeAlive: () => boolean, parent?: ContentScriptContext) {
    this.#isRuntimeAlive = isRuntimeAlive;
    if (parent) {
      if (parent.signal.aborted) {
        this.#controller.abort(parent.signal.reason);
      } else {
        parent.signal.addEventListener('abort', () => this.abort(parent.signal.reason), { once: true, signal: this.signal });
      }
    }
  }

  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** True once aborted or the extension context is gone. */
  get isInvalid(): boolean {
    if (!this.signal.aborted && !this.#isRuntimeAlive()) {
      this.abort(new Error('Extension context invalidated.'));
    }
    return this.signal.aborted;
  }

  abort(reason?: unknown): void {
    if (!this.signal.aborted) {
      this.#controller.abort(reason);
    }
  }

  /** A child context (one panel mount): dies with this one, or earlier on its own. */
  child(name: string): ContentScriptContext {
    return new ContentScriptContext(`${this.name}/${name}`, this.#isRuntimeAlive, this);
  }

  onInvalidated(callback: () => void): void {
    if (this.signal.aborted) {
      callback();
      return;
    }
    this.signal.addEventListener('abort', callback, { once: true });
  }

  setInterval(handler: () => void, ms: number): void {
    const id = setInterval(() => {
      if (!this.isInvalid) {
        handler();
      }
    }, ms);
    this.onInvalidated(() => clearInterval(id));
  }

  setTimeout(handler: () => void, ms: number): void {
    const id = setTimeout(() => {
      if (!this.isInvalid) {
        handler();
      }
    }, ms);
    this.onInvalidated(() => clearTimeout(id));
  }

  addEventListener<T extends EventTarget>(target: T, type: string, handler: (event: Event) => void, options?: AddEventListenerOptions): void {
    // Removed by hand instead of `{ signal }`: DOM targets from another realm (jsdom in tests) reject our signal.
    if (this.signal.aborted) {
      return;
    }
    target.addEventListener(type, handler, options);
    this.onInvalidated(() => target.removeEventListener(type, handler, options));
  }
}

/** True for the error Chrome throws from chrome.* calls after the extension was updated or removed. */
export function isContextInvalidatedError(error: unknown): boolean {
  return error instanceof Error && INVALIDATED.test(error.message);
}
