/** Version and build fingerprint (cal.com-style: know exactly which code runs on a customer page). */
export const PANEL_VERSION: string = typeof __PANEL_VERSION__ === 'string' ? __PANEL_VERSION__ : 'dev';
export const PANEL_FINGERPRINT: string = typeof __PANEL_FINGERPRINT__ === 'string' ? __PANEL_FINGERPRINT__ : 'dev';
