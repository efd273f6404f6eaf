// Test double for @salesforce/i18n/timeZone (the user's Salesforce time zone). Not the jest
// transformer's fallback ('America/Los_Angeles') nor the host's zone, so a test proves the value
// reaches the widget and the write planner from this import.
export default 'Europe/Berlin';
