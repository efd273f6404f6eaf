// Jest for the LWC sources only (sfdx-lwc-jest 7.9 / jest 29). Run from this folder — sfdx-lwc-jest
// needs sfdx-project.json in the cwd: `npm run test:lwc` does `cd salesforce && sfdx-lwc-jest`.
// `roots` keeps Jest inside force-app, so it never sees the repo's vitest files.
import sfdxLwcJest from '@salesforce/sfdx-lwc-jest/config.js';

const { jestConfig } = sfdxLwcJest;

export default {
    ...jestConfig,
    roots: ['<rootDir>/force-app'],
    testMatch: ['**/__tests__/**/*.test.js'],
    moduleNameMapper: {
        '^lightning/platformResourceLoader$': '<rootDir>/force-app/test/jest-mocks/lightning/platformResourceLoader',
        '^lightning/uiRecordApi$': '<rootDir>/force-app/test/jest-mocks/lightning/uiRecordApi',
        '^lightning/navigation$': '<rootDir>/force-app/test/jest-mocks/lightning/navigation',
        '^@salesforce/apex$': '<rootDir>/force-app/test/jest-mocks/apex',
        // The user's Salesforce locale and time zone (sfdx-lwc-jest would otherwise fall back to en-US / America/Los_Angeles).
        '^@salesforce/i18n/(locale|timeZone)$': '<rootDir>/force-app/test/jest-mocks/i18n/$1'
    },
    setupFilesAfterEnv: [...(jestConfig.setupFilesAfterEnv || []), '<rootDir>/jest-sa11y-setup.js'],
    testPathIgnorePatterns: [...jestConfig.testPathIgnorePatterns, '<rootDir>/force-app/main/default/staticresources/']
};
