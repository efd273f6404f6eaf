// Test double for @salesforce/i18n/locale (the user's Salesforce locale). Deliberately not the
// jest transformer's fallback ('en-US') nor jsdom's navigator.language, so a test proves the value
// reaches the widget from this import.
export default 'de-DE';
