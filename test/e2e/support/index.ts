/** Shared e2e helpers: the sandbox CRM and Debian Chromium. */
export { startSandbox, TEST_REFERENCE_DATE } from './sandbox';
export type { StartSandboxOptions, StartedSandbox } from './sandbox';
export { CHROMIUM_ARGS, chromiumAvailable, chromiumPath, launchChromium, launchChromiumWithExtension } from './chromium';
export type { ExtensionBrowser } from './chromium';
