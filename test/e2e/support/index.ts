/** Shared e2e helpers: the sandbox CRM, Debian Chromium, prerequisites and request settling. */
export { startSandbox, TEST_REFERENCE_DATE } from './sandbox';
export type { StartSandboxOptions, StartedSandbox } from './sandbox';
export { CHROMIUM_ARGS, chromiumPath, launchChromium, launchChromiumWithExtension, requireChromium } from './chromium';
export type { ExtensionBrowser } from './chromium';
export { requireBuilt } from './prerequisites';
export { settleCount } from './requests';
export type { SettleOptions } from './requests';
export { freshBundles } from './bundles';
export { focusedLabel as focusedLabelOf } from './focus';
export { NOON_IST, openDemoBrowser } from './demo-browser';
export type { DemoBrowser } from './demo-browser';
export { forwardToSandbox } from './forward';
